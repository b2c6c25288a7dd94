import { z } from 'zod';
import { checkTextCached, parseTopologyCached } from '../src/engine/memo.js';
import type { Reply } from '../src/reply/document.js';
import { whatIf } from '../src/whatif/simulate.js';
import { defineCommand, UserError } from './command.js';
import { checkReply } from './render/check-reply.js';
import { resolveSource } from './topology-source.js';

const input = z.object({
  name: z.string().max(64).optional(),
  whatif: z.string().min(1).max(500).optional(),
  resilience: z.boolean().optional(),
});

export default defineCommand({
  name: 'diagram',
  aliases: ['draw', 'picture'],
  summary:
    'A picture of the topology: zones, hosts, roles, findings; or of a what-if, or of what each host or zone loss does',
  usage: 'diagram [NAME] [whatif QUESTION | resilience]',
  examples: ['diagram prod', 'diagram prod whatif zone az-a fails', 'diagram prod resilience'],
  input,
  parse: (args) => {
    const words = args.trim().split(/\s+/).filter(Boolean);
    const out: { name?: string; whatif?: string; resilience?: boolean } = {};
    if (words[0] && !/^(whatif|what-if|resilience|this|it)$/i.test(words[0])) out.name = words.shift();
    else if (words[0] && /^(this|it)$/i.test(words[0])) words.shift();
    if (words[0] && /^resilience$/i.test(words[0])) out.resilience = true;
    else if (words[0] && /^what-?if$/i.test(words[0]) && words.length > 1) out.whatif = words.slice(1).join(' ');
    return out;
  },
  pending: (i) => `Drawing ${i.name ?? 'the topology'}…`,
  async run(i, ctx): Promise<Reply> {
    if (!ctx.pictures) throw new UserError('Diagrams are not drawn by this worker.');
    const source = await resolveSource(ctx, i.name);
    const parsed = parseTopologyCached(source.text, { maxBytes: ctx.maxBytes });
    const checked = checkTextCached(source.text, {
      maxBytes: ctx.maxBytes,
      config: await ctx.store.settings().engine(),
      ...(source.baseline ? { baselineText: source.baseline.text } : {}),
      ...(ctx.today ? { today: ctx.today } : {}),
    });
    if (!parsed.ok)
      return checkReply(checked, source.label, { title: 'The topology is not valid, so I cannot draw it' });
    let answer;
    if (i.whatif) {
      answer = whatIf(parsed.topology, i.whatif);
      if (!answer.ok) throw new UserError(`I could not answer "${i.whatif}": ${answer.problem}.`);
    }
    const name = parsed.topology.name;
    let what = 'Diagram';
    if (answer) what = `If ${answer.scenario}`;
    else if (i.resilience) what = 'Loss of each host and zone';
    try {
      const file = await ctx.pictures.draw({
        topology: parsed.topology,
        findings: checked.findings,
        ...(answer ? { whatIf: answer } : {}),
        ...(i.resilience ? { resilience: true } : {}),
      });
      return {
        title: `${what} (${name})`,
        verdict: 'info',
        summary: `🖼️ ${what} (${name})`,
        text: file.alt ?? '',
        files: [file],
      };
    } catch (error) {
      throw new UserError(`I could not draw ${name}: ${(error as Error).message}.`);
    }
  },
});
