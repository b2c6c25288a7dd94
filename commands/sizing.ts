import { z } from 'zod';
import { checkTextCached, parseTopologyCached } from '../src/engine/memo.js';
import { sizeTopology } from '../src/sizing/advice.js';
import { defineCommand } from './command.js';
import { checkReply } from './render/check-reply.js';
import { resolveSource } from './topology-source.js';
import { nameArgument } from './name-argument.js';

export default defineCommand({
  name: 'sizing',
  aliases: ['size'],
  summary: 'Per-node sizing advice and a current instance type for each',
  usage: 'sizing [NAME]',
  examples: ['sizing prod', 'sizing for prod', 'sizing  (with a file attached)'],
  input: z.object({ name: z.string().max(64).optional() }),
  parse: (args) => {
    const name = nameArgument(args);
    return name ? { name } : {};
  },
  pending: (i) => `Sizing ${i.name ?? 'the topology'}…`,
  async run(i, ctx) {
    const source = await resolveSource(ctx, i.name);
    const parsed = parseTopologyCached(source.text, { maxBytes: ctx.maxBytes });
    if (!parsed.ok)
      return checkReply(
        checkTextCached(source.text, { maxBytes: ctx.maxBytes, config: await ctx.store.settings().engine() }),
        source.label,
        {
          title: 'The topology is not valid, so I cannot size it',
        },
      );
    const report = sizeTopology(parsed.topology);
    const under = report.nodes.filter((n) => n.status === 'undersized').length;
    return {
      title: `Sizing of ${report.topology}`,
      verdict: under ? 'warn' : 'pass',
      summary: `${under ? '⚠️' : '✅'} ${report.topology}: ${under} of ${report.nodes.length} nodes below the reference`,
      sections: [
        {
          heading: 'Nodes',
          items: report.nodes.map((n) => ({
            text: `${n.node} (${n.roles.join(', ')}): ${n.status}${n.recommended ? `, recommended ${n.recommended}` : ''}`,
            ...(n.status === 'undersized' ? { severity: 'warning' as const } : {}),
            detail: n.advice.join('; '),
          })),
        },
      ],
      ...(report.nodes.length > 20
        ? {
            files: [
              {
                filename: `${report.topology}-sizing.json`,
                content: JSON.stringify(report, null, 2),
                type: 'application/json',
              },
            ],
          }
        : {}),
    };
  },
});
