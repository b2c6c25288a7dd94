import { z } from 'zod';
import { checkTextCached, parseTopologyCached } from '../src/engine/memo.js';
import { defineCommand } from './command.js';
import { checkReply } from './render/check-reply.js';
import { nameArgument } from './name-argument.js';
import { withPicture } from './render/picture.js';
import { resolveSource } from './topology-source.js';

const input = z.object({ name: z.string().max(64).optional(), asFile: z.boolean().optional() });

export default defineCommand({
  name: 'check',
  aliases: ['validate', 'lint'],
  summary: 'Check a topology against every rule of the role guide',
  usage: 'check [NAME]  (or attach a file / paste YAML in a code block)',
  examples: ['check prod', 'check  (with a file attached)', 'is prod ok?'],
  input,
  parse: (args) => {
    // "check prod as file": the findings as an attached report as well.
    const asFile = /\bas\s+(?:a\s+)?file\b/i.test(args);
    const name = nameArgument(args.replace(/\bas\s+(?:a\s+)?file\b/i, ''));
    return { ...(name ? { name } : {}), ...(asFile ? { asFile } : {}) };
  },
  pending: (i) => `Checking ${i.name ?? 'the topology'}…`,
  async run(i, ctx) {
    const source = await resolveSource(ctx, i.name);
    const result = checkTextCached(source.text, {
      maxBytes: ctx.maxBytes,
      config: await ctx.store.settings().engine(),
      ...(source.baseline ? { baselineText: source.baseline.text } : {}),
      ...(ctx.today ? { today: ctx.today } : {}),
    });
    const name = source.stored?.name ?? result.topology ?? undefined;
    const reply = checkReply(result, source.label, {
      ...(source.baseline ? { baseline: source.baseline.label } : {}),
      ...(i.asFile ? { asFile: true } : {}),
      actions:
        result.valid && name && source.stored
          ? [
              { label: 'Sizing', command: `sizing ${name}` },
              { label: 'What if SQL master fails', command: `whatif what happens if the sql master fails on ${name}` },
              ...(result.findings.length && !i.asFile
                ? [{ label: 'Show findings as file', command: `check ${name} as file` }]
                : []),
            ]
          : [],
    });
    const parsed =
      result.valid && ctx.pictures ? parseTopologyCached(source.text, { maxBytes: ctx.maxBytes }) : undefined;
    if (!parsed?.ok) return reply;
    return withPicture(reply, ctx, { topology: parsed.topology, findings: result.findings }, source.stored?.name);
  },
});
