import { z } from 'zod';
import type { Reply } from '../src/reply/document.js';
import { whatIf, type Level } from '../src/whatif/simulate.js';
import { callsText, customersText, levelSeverity, levelVerdict } from '../src/format/impact-text.js';
import { defineCommand, UserError } from './command.js';
import { checkReply } from './render/check-reply.js';
import { withPicture } from './render/picture.js';
import { checkTextCached, parseTopologyCached } from '../src/engine/memo.js';
import { fromStore, resolveSource } from './topology-source.js';
import { mentionedName } from './name-argument.js';

const input = z.object({ question: z.string().min(1).max(500), on: z.string().max(64).optional() });
const ICON: Record<Level, string> = { none: '✅', degraded: '⚠️', partial: '🟠', total: '❌' };

export default defineCommand({
  name: 'whatif',
  aliases: ['what-if'],
  summary: 'What happens if a role, node, host or zone fails',
  usage: 'whatif QUESTION [on NAME]',
  examples: [
    'whatif what happens if PBX fails on prod',
    'what if two SIP nodes go down on prod?',
    'whatif zone az-a is lost',
  ],
  input,
  parse: (args) => {
    const m = /^(.*?)\s+on\s+([A-Za-z0-9._-]{1,64})\s*[?!.]*$/i.exec(args.trim());
    return m ? { question: m[1], on: m[2] } : { question: args.trim() };
  },
  pending: (i) => `Working out "${i.question.slice(0, 120)}"…`,
  async run(i, ctx): Promise<Reply> {
    const named =
      i.on ??
      (ctx.attachment
        ? undefined
        : mentionedName(
            i.question,
            (await fromStore(() => ctx.store.list())).map((t) => t.name),
          ));
    const source = await resolveSource(ctx, named);
    const parsed = parseTopologyCached(source.text, { maxBytes: ctx.maxBytes });
    if (!parsed.ok)
      return checkReply(
        checkTextCached(source.text, { maxBytes: ctx.maxBytes, config: await ctx.store.settings().engine() }),
        source.label,
        {
          title: 'The topology is not valid, so I cannot simulate it',
        },
      );
    const answer = whatIf(parsed.topology, i.question);
    if (!answer.ok) {
      throw new UserError(
        `I could not answer "${i.question}": ${answer.problem}.`,
        [
          answer.candidates.length ? `Did you mean: ${answer.candidates.map((c) => `"${c}"`).join(', ')}?` : '',
          answer.understood.length ? `Understood so far: ${answer.understood.join(', ')}.` : '',
          answer.examples.length ? `Try: ${answer.examples.map((e) => `"${e}"`).join(', ')}` : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
    }
    const verdict = levelVerdict(answer.overall);
    const reply: Reply = {
      title: `If ${answer.scenario} (${parsed.topology.name})`,
      verdict,
      summary: `${ICON[answer.overall]} If ${answer.scenario}: ${answer.overall.toUpperCase()}`,
      fields: [
        { label: 'Read as', value: answer.readAs },
        { label: 'Overall', value: answer.overall },
        { label: 'Nodes lost', value: answer.failed.join(', ') || 'none' },
        ...(answer.balancersFailed.length
          ? [{ label: 'Load balancers lost', value: answer.balancersFailed.join(', ') }]
          : []),
      ],
      sections: answer.impacts.map((impact) => ({
        heading: `${ICON[impact.level]} ${impact.role}: ${impact.level} [${impact.strategy}]`,
        severity: levelSeverity(impact.level),
        items: [
          { text: impact.outcome, detail: impact.action },
          ...(impact.quorum
            ? [
                {
                  text: `Quorum ${impact.quorum.before} → ${impact.quorum.after} (needs ${impact.quorum.needed}): ${impact.quorum.holds ? 'holds' : 'lost'}`,
                },
              ]
            : []),
          ...(impact.customersAffected
            ? [
                {
                  text: [`Customers hit: ${customersText(impact.customersAffected)}`, callsText(impact.callsDropped)]
                    .filter(Boolean)
                    .join('; '),
                },
              ]
            : []),
        ],
      })),
      ...(answer.notes.length ? { text: answer.notes.map((n) => `Note: ${n}`).join('\n') } : {}),
      actions: source.stored ? [{ label: 'Check', command: `check ${source.stored.name}` }] : [],
    };
    const findings = ctx.pictures
      ? checkTextCached(source.text, { maxBytes: ctx.maxBytes, config: await ctx.store.settings().engine() }).findings
      : [];
    return withPicture(
      reply,
      ctx,
      { topology: parsed.topology, findings, whatIf: answer },
      source.stored?.name,
      `whatif ${i.question}`,
    );
  },
});
