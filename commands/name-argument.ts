const FILLER =
  /^(?:for|of|on|in|at|the|a|is|are|how|what|analysis|report|topology|topologies|please|me|show|about|named|called|this|it|that|file|my|our)$/i;
const NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The topology name among the words after a command: "sizing for prod", "check the prod topology please". */
export function nameArgument(args: string): string | undefined {
  return args
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[?!,;:]+$/, '').replace(/\.+$/, ''))
    .find((w) => w !== '' && !FILLER.test(w) && NAME.test(w));
}

/** A stored topology named in a sentence after on/for/in/at: "if the sql master goes down on prod, what breaks?". */
export function mentionedName(text: string, names: readonly string[]): string | undefined {
  const words = text.split(/[\s,;?!]+/).map((w) => w.replace(/\.+$/, ''));
  for (let i = 1; i < words.length; i++) {
    if (/^(?:on|for|in|at)$/i.test(words[i - 1]!) && names.includes(words[i]!)) return words[i];
  }
  return undefined;
}
