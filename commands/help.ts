import { z } from 'zod';
import type { Reply } from '../src/reply/document.js';
import { defineCommand, type Command } from './command.js';

/** Help is built from the registry so that it never lists a command that does not exist. */
export function helpReply(commands: readonly Command<never>[], problem?: string, hint?: string, brief = false): Reply {
  // A problem that is not about the command (a file too big, unreadable) is one line, not the catalogue.
  if (problem && brief) return { title: problem, verdict: 'error', summary: `🚫 ${problem}` };
  return {
    title: problem ? "I didn't get that" : 'What I can do',
    verdict: problem ? 'error' : 'info',
    summary: problem ? `🤔 ${problem}` : '👋 Commands',
    ...(problem || hint ? { text: [problem, hint].filter(Boolean).join('\n') } : {}),
    sections: commands.map((c) => ({
      heading: `${c.name}: ${c.summary}`,
      items: [{ text: c.usage, detail: `e.g. ${c.examples.join(' · ')}` }],
    })),
  };
}

export function createHelp(list: () => readonly Command<never>[]) {
  return defineCommand({
    name: 'help',
    aliases: ['?', 'hi', 'hello'],
    summary: 'This list',
    usage: 'help',
    examples: ['help'],
    input: z.object({
      problem: z.string().max(500).optional(),
      hint: z.string().max(500).optional(),
      brief: z.boolean().optional(),
    }),
    parse: () => ({}),
    pending: () => 'Help…',
    run: (i) => helpReply(list(), i.problem, i.hint, i.brief),
  });
}
