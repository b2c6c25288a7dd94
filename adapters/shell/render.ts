import type { Reply } from '../../src/reply/document.js';
import { PLAIN, type Style } from '../../src/format/style.js';

/** The shell's rendering of a reply: plain text with colour where the terminal has it. */
export function renderReplyText(reply: Reply, style: Style = PLAIN): string {
  const paint = { error: style.red, warning: style.yellow, info: style.blue } as const;
  const out: string[] = [style.bold(reply.title)];
  if (reply.text) out.push(reply.text);
  for (const f of reply.fields ?? []) out.push(`${style.dim(f.label + ':')} ${f.value}`);
  for (const s of reply.sections ?? []) {
    out.push('', style.bold(s.severity ? paint[s.severity](s.heading) : s.heading));
    for (const item of s.items) {
      out.push(`  ${item.severity ? paint[item.severity]('•') : '•'} ${item.text}`);
      if (item.detail) out.push(`    ${style.dim(item.detail)}`);
    }
  }
  for (const c of reply.code ?? [])
    out.push('', style.dim(`--- ${c.language} ---`), c.text.trimEnd(), style.dim('---'));
  if (reply.actions?.length)
    out.push('', style.dim(`Next: ${reply.actions.map((a) => `\`${a.command}\``).join(' · ')}`));
  return out.join('\n');
}

/** Splits text at line ends into chunks of at most `limit` characters (hard-cutting longer lines). */
export function splitText(text: string, limit: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const pieces = line.length > limit ? line.match(new RegExp(`[\\s\\S]{1,${limit}}`, 'g'))! : [line];
    for (const piece of pieces) {
      if (current && current.length + 1 + piece.length > limit) {
        chunks.push(current);
        current = piece;
      } else {
        current = current ? `${current}\n${piece}` : piece;
      }
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
