import { z } from 'zod';
import { checkTextCached, parseTopologyCached } from '../src/engine/memo.js';
import { sizeTopology } from '../src/sizing/advice.js';
import { defineCommand } from './command.js';
import { checkReply } from './render/check-reply.js';
import { resolveSource } from './topology-source.js';
import { nameArgument } from './name-argument.js';
import { chatUsage, whyText } from './live-usage.js';
import { explainFor } from '../src/monitoring/collect.js';
import type { LiveUsage } from '../src/monitoring/usage.js';
import type { Reply } from '../src/reply/document.js';
import type { CommandContext } from './command.js';

/**
 * Live figures come with a chart of each node's utilisation over the window. A chart that cannot
 * be drawn costs a line of text, never the answer.
 */
async function withChart(reply: Reply, ctx: CommandContext, topology: string, usage: LiveUsage | undefined) {
  if (!usage?.timeline || usage.failure || !ctx.pictures?.chart) return reply;
  try {
    const file = await ctx.pictures.chart({ topology, usage });
    return { ...reply, files: [file, ...(reply.files ?? [])] };
  } catch (error) {
    const note = `(No chart this time: ${(error as Error).message}.)`;
    return { ...reply, text: reply.text ? `${reply.text}\n${note}` : note };
  }
}

export default defineCommand({
  name: 'sizing',
  aliases: ['size'],
  summary: 'Per-node sizing advice and a current instance type for each',
  usage: 'sizing [NAME]',
  examples: ['sizing prod', 'sizing for prod', 'sizing  (with a file attached)'],
  input: z.object({ name: z.string().max(64).optional(), why: z.boolean().optional() }),
  parse: (args) => {
    // "sizing prod why": the PromQL, window and step behind every live figure.
    const why = /\b(?:why\??|explain)(?=\s|$)/i.test(args);
    const name = nameArgument(args.replace(/\b(?:why\??|explain)(?=\s|$)/gi, ''));
    return { ...(name ? { name } : {}), ...(why ? { why } : {}) };
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
    // The series over the window are kept only where a chart can be drawn from them.
    const usage = await chatUsage(ctx, parsed.topology, { timeline: ctx.pictures?.chart !== undefined });
    const report = sizeTopology(parsed.topology, usage);
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    const figures = (n: (typeof report.nodes)[number]) =>
      Object.entries(n.figures ?? {})
        .map(([r, f]) => `${r} p50 ${pct(f.p50)} / p95 ${pct(f.p95)} / p99 ${pct(f.p99)} / max ${pct(f.max)}`)
        .join('; ');
    const under = report.nodes.filter((n) => n.status === 'undersized').length;
    const reply: Reply = {
      title: `Sizing of ${report.topology}`,
      verdict: under ? 'warn' : 'pass',
      summary: `${under ? '⚠️' : '✅'} ${report.topology}: ${under} of ${report.nodes.length} nodes below the reference`,
      sections: [
        {
          heading: 'Nodes',
          items: report.nodes.map((n) => ({
            text: `${n.node} (${n.roles.join(', ')}): ${n.status}${n.recommended ? `, recommended ${n.recommended}` : ''}`,
            ...(n.status === 'undersized' ? { severity: 'warning' as const } : {}),
            detail: [figures(n), ...n.advice].filter(Boolean).join('; '),
          })),
        },
      ],
      ...(usage
        ? {
            fields: [
              {
                label: 'Live figures',
                value: usage.failure
                  ? `unavailable (${usage.failure}); the file's metrics are used`
                  : `${usage.endpoint}, ${usage.percentile} over ${usage.window}`,
              },
            ],
            actions: i.why ? [] : [{ label: 'Why?', command: `sizing ${source.stored?.name ?? report.topology} why` }],
          }
        : {}),
      ...(usage && i.why
        ? {
            code: [
              {
                language: 'text',
                text: [
                  whyText(usage),
                  ...report.nodes.flatMap((n) =>
                    (['cpu', 'memory', 'io'] as const).flatMap((r) => {
                      const e = explainFor(usage, n.node, r);
                      return e ? [`${n.node} ${r}: ${e.promql}`] : [];
                    }),
                  ),
                ].join('\n'),
              },
            ],
          }
        : {}),
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
    return withChart(reply, ctx, report.topology, usage);
  },
});
