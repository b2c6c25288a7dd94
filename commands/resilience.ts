import { z } from 'zod';
import { checkTextCached, parseTopologyCached } from '../src/engine/memo.js';
import { formatResilienceMarkdown, scenarioLoad } from '../src/format/resilience-text.js';
import { customersText, levelSeverity, levelVerdict } from '../src/format/impact-text.js';
import { VERDICT_ICON, type Reply } from '../src/reply/document.js';
import { resilience } from '../src/whatif/resilience.js';
import { createSimulator } from '../src/whatif/simulate.js';
import { defineCommand } from './command.js';
import { chatUsage } from './live-usage.js';
import { nameArgument } from './name-argument.js';
import { checkReply } from './render/check-reply.js';
import { withPicture } from './render/picture.js';
import { resolveSource } from './topology-source.js';

const SHOWN = 10;

export default defineCommand({
  name: 'resilience',
  aliases: ['n-1', 'n1'],
  summary: 'Simulate the loss of every node, host, zone and load balancer (N-1), worst first',
  usage: 'resilience [NAME] [depth 2]',
  examples: ['resilience prod', 'resilience for prod depth 2', 'resilience  (with a file attached)'],
  input: z.object({ name: z.string().max(64).optional(), depth: z.union([z.literal(1), z.literal(2)]).optional() }),
  parse: (args) => {
    const depth = /(?:--)?depth[\s=]+([0-9]+)/i.exec(args);
    const name = nameArgument(args.replace(/(?:--)?depth[\s=]+[0-9]+/i, ''));
    return { ...(name ? { name } : {}), ...(depth ? { depth: Number(depth[1]) } : {}) };
  },
  pending: (i) => `Simulating every single failure of ${i.name ?? 'the topology'}…`,
  async run(i, ctx): Promise<Reply> {
    const source = await resolveSource(ctx, i.name);
    const parsed = parseTopologyCached(source.text, { maxBytes: ctx.maxBytes });
    if (!parsed.ok)
      return checkReply(
        checkTextCached(source.text, { maxBytes: ctx.maxBytes, config: await ctx.store.settings().engine() }),
        source.label,
        {
          title: 'The topology is not valid, so I cannot simulate it',
        },
      );
    const usage = await chatUsage(ctx, parsed.topology);
    const report = resilience(parsed.topology, {
      depth: i.depth ?? 1,
      ...(usage ? { simulator: createSimulator(parsed.topology, usage) } : {}),
    });
    const failing = report.verdicts.filter((v) => v.survives === false);
    const hurting = report.scenarios.filter((s) => s.overall !== 'none');
    const worst = report.scenarios[0]?.overall ?? 'none';
    const reply: Reply = {
      title: `Resilience of ${report.topology} (depth ${report.depth})`,
      verdict: levelVerdict(worst),
      summary: failing.length
        ? `${VERDICT_ICON[levelVerdict(worst)]} ${report.topology}: ${failing.length} of ${report.verdicts.length} failure domains are not survived (worst: ${report.scenarios[0]!.label}, ${worst})`
        : `✅ ${report.topology} survives every single failure tested`,
      sections: [
        {
          heading: 'Failure domains',
          items: report.verdicts.map((v) => ({
            text: v.text,
            ...(v.survives === false ? { severity: 'warning' as const } : {}),
          })),
        },
        {
          heading: `Worst losses (${Math.min(SHOWN, hurting.length)} of ${hurting.length} that affect the system)`,
          items: hurting.slice(0, SHOWN).map((s) => ({
            text: `${s.label}: ${s.overall}`,
            severity: levelSeverity(s.overall),
            detail: [
              s.rolesHit
                .filter((r) => r.level !== 'none')
                .map((r) => `${r.role} ${r.level}`)
                .join(', '),
              s.customersHit.share > 0 ? `customers hit ${customersText(s.customersHit)}` : '',
              s.callsDropped ? 'calls drop' : '',
              ...scenarioLoad(s).map((line) => `load: ${line}`),
            ]
              .filter(Boolean)
              .join('; '),
          })),
        },
      ],
      ...(hurting.length > SHOWN
        ? {
            files: [
              {
                filename: `${report.topology}-resilience.md`,
                content: formatResilienceMarkdown(report),
                type: 'text/markdown',
              },
            ],
          }
        : {}),
      actions: source.stored ? [{ label: 'Check', command: `check ${source.stored.name}` }] : [],
    };
    const findings = ctx.pictures
      ? checkTextCached(source.text, { maxBytes: ctx.maxBytes, config: await ctx.store.settings().engine() }).findings
      : [];
    return withPicture(
      reply,
      ctx,
      { topology: parsed.topology, findings, resilience: true },
      source.stored?.name,
      'resilience',
    );
  },
});
