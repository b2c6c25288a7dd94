import type { Reply } from '../../src/reply/document.js';

/** Discord's limits: an embed's title 256, description 4,096, 25 fields, 6,000 characters in all; 2,000 a message's content. */
export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedTotal: 6000,
  content: 2000,
  footer: 2048,
} as const;

export interface DiscordEmbed {
  title?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  components?: unknown[];
}

/** Embed colours by the worst severity (Discord's own palette). */
export const VERDICT_COLOUR = {
  pass: 0x57f287,
  warn: 0xfee75c,
  fail: 0xed4245,
  info: 0x5865f2,
  error: 0xed4245,
} as const;
const ICON = { error: '🔴', warning: '🟡', info: '🔵' } as const;

const clip = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max - 1) + '…');

/** Discord markdown treats these as formatting. */
export function escapeDiscord(text: string): string {
  return text.replace(/([\\*_`~|>])/g, '\\$1');
}

function embedSize(e: DiscordEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/**
 * Renders a reply as Discord messages of one embed each, every embed within Discord's limits: the
 * text and sections fill descriptions of at most 4,096 characters, cut at line boundaries.
 */
export function renderDiscord(reply: Reply): DiscordMessage[] {
  const colour = VERDICT_COLOUR[reply.verdict];
  const lines: string[] = [];
  if (reply.text) lines.push(escapeDiscord(reply.text), '');
  for (const section of reply.sections ?? []) {
    lines.push(`**${escapeDiscord(section.heading)}**`);
    for (const item of section.items) {
      lines.push(clip(`${item.severity ? ICON[item.severity] : '•'} ${escapeDiscord(item.text)}`, 1000));
      if (item.detail) lines.push(clip(`  *${escapeDiscord(item.detail)}*`, 1000));
    }
    lines.push('');
  }
  for (const code of reply.code ?? []) lines.push('```' + code.language, code.text.replace(/```/g, "'''"), '```');
  const descriptions: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > DISCORD_LIMITS.description - 100) {
      descriptions.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current.trim() || descriptions.length === 0) descriptions.push(current || ' ');
  const fields = (reply.fields ?? []).slice(0, DISCORD_LIMITS.fields).map((f) => ({
    name: clip(f.label, DISCORD_LIMITS.fieldName),
    value: clip(f.value || '—', DISCORD_LIMITS.fieldValue),
    inline: true,
  }));
  return descriptions.map((description, i) => {
    const embed: DiscordEmbed = {
      ...(i === 0 ? { title: clip(reply.title, DISCORD_LIMITS.title) } : {}),
      description,
      color: colour,
      ...(i === 0 && fields.length ? { fields } : {}),
    };
    // The whole embed must stay within 6,000 characters; fields give way first.
    if (embedSize(embed) > DISCORD_LIMITS.embedTotal) delete embed.fields;
    const last = i === descriptions.length - 1;
    const actions = last ? (reply.actions ?? []).slice(0, 5) : [];
    return {
      embeds: [embed],
      ...(actions.length
        ? {
            components: [
              {
                type: 1,
                components: actions.map((a, j) => ({
                  type: 2,
                  style: 2,
                  custom_id: `voipnow_run:${j}:${clip(a.command, 80)}`,
                  label: clip(a.label, 80),
                })),
              },
            ],
          }
        : {}),
    };
  });
}
