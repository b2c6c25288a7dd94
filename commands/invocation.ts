import { z } from 'zod';
import type { Attachment } from '../src/queue/job.js';
import { commandByName, help } from './index.js';
import { TOPOLOGY_ACTIONS } from './topology.js';

/** A chat message turned into one command of the shared set, ready to enqueue. */
export interface Invocation {
  command: string;
  input: unknown;
  pending: string;
  attachment?: Attachment;
}

const CODE_BLOCK = /```[ \t]*(?:ya?ml|json)?[ \t]*\r?\n?([\s\S]*?)```/i;
const NAME = '([A-Za-z0-9._-]{1,64})';
const FAILURE_WORDS =
  /\b(fails?|failed|goes down|go down|dies|died|crash(?:es|ed)?|is lost|are lost|lost|is down|are down|outage)\b/i;

function stripAddress(text: string): string {
  return text
    .replace(/<@[!&]?[A-Za-z0-9]+>/g, ' ')
    .replace(/^\s*\/?@?voipnow\b[:,]?/i, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Free text addressed to the bot, routed to a command: "what happens if PBX fails on prod?", "is prod ok?". */
function route(text: string, hasFile: boolean): { command: string; args: string } | undefined {
  const lower = text.toLowerCase();
  const n1 = /\b(?:resilien(?:ce|t)|single points? of failure|spofs?|n-1)\b/i.exec(text);
  if (n1) return { command: 'resilience', args: text.slice(n1.index + n1[0].length) };
  if (/^(what|if|suppose|simulate|imagine|when)\b/.test(lower) || FAILURE_WORDS.test(lower))
    return { command: 'whatif', args: text };
  let m = new RegExp(`\\bis\\s+${NAME}\\s+(?:ok|okay|healthy|fine|good|valid|safe|alright|sound)\\b`, 'i').exec(text);
  if (m) return { command: 'check', args: m[1]! };
  m = new RegExp(`\\bsave\\b(?:\\s+(?:this|it))?(?:\\s+as)?\\s+${NAME}`, 'i').exec(text);
  if (m) return { command: 'topology', args: `save ${m[1]}` };
  if (/\b(list|show|which|what)\b.*\btopolog/i.test(text)) return { command: 'topology', args: 'list' };
  m = new RegExp(`\\bsiz(?:e|ing)\\b(?:\\s+(?:of|for))?(?:\\s+${NAME})?`, 'i').exec(text);
  if (m) return { command: 'sizing', args: m[1] ?? '' };
  m = new RegExp(
    `\\b(?:check|validate|review|lint|audit)\\b(?:\\s+(?:this|it|the file|my topology|the topology))?(?:\\s+${NAME})?`,
    'i',
  ).exec(text);
  if (m) return { command: 'check', args: m[1] ?? '' };
  if (hasFile && text.length < 40) return { command: 'check', args: '' };
  return undefined;
}

function helpWith(problem: string, hint?: string, attachment?: Attachment): Invocation {
  return {
    command: help.name,
    input: { problem, ...(hint ? { hint } : {}) },
    pending: 'Help…',
    ...(attachment ? { attachment } : {}),
  };
}

/**
 * Parses what a user wrote (slash-command text, a mention, a shell line) plus any attached file into
 * an invocation. Never throws: what it cannot route becomes help with examples.
 */
export function parseInvocation(raw: string, attachment?: Attachment): Invocation {
  let text = stripAddress(raw);
  let file = attachment;
  // Look in the raw text: the paste's line breaks matter.
  const block = CODE_BLOCK.exec(raw);
  if (block) {
    file ??= { name: 'pasted topology', content: block[1]! };
    text = stripAddress(raw.replace(CODE_BLOCK, ' '));
  }
  const [first = '', ...rest] = text.split(' ');
  let name: string;
  let args: string;
  const direct = first ? commandByName(first) : undefined;
  if (direct) {
    name = direct.name;
    args =
      name === 'topology' && (TOPOLOGY_ACTIONS as readonly string[]).includes(first.toLowerCase())
        ? text
        : rest.join(' ');
  } else if (text === '' && file) {
    name = 'check';
    args = '';
  } else if (text === '') {
    return helpWith('Ask me something, or attach a topology.', undefined, file);
  } else {
    const routed = route(text, Boolean(file));
    if (!routed)
      return helpWith(`I didn't understand "${text.slice(0, 200)}".`, 'Try one of the examples below.', file);
    name = routed.command;
    args = routed.args;
  }
  const command = commandByName(name)!;
  const parsed = command.input.safeParse(command.parse(args));
  if (!parsed.success)
    return helpWith(
      `That is not how \`${command.name}\` works: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`,
      `Usage: ${command.usage}`,
      file,
    );
  return {
    command: command.name,
    input: parsed.data,
    pending: command.pending(parsed.data),
    ...(file ? { attachment: file } : {}),
  };
}
