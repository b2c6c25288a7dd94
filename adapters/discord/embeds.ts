import type { Reply, ReplyFile } from '../../src/reply/document.js';

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
  /** Sent as attachments with the message (code too long to show, as a file). */
  files?: ReplyFile[];
  /** The first message of a reply: where no thread can be started, it fills the deferred reply. */
  lead?: true;
}

/** Code longer than this goes as a file: more would take several embeds to scroll through. */
export const CODE_ATTACH_CHARS = 8000;
/** Room for a chunk of code in one description, fences included, below Discord's 4,096. */
const CODE_CHUNK = DISCORD_LIMITS.description - 200;

/** Code cut at line boundaries into chunks that each open and close their own fence. */
export function codeChunks(language: string, text: string): string[] {
  const open = '```' + language;
  const room = CODE_CHUNK - open.length - 5;
  const lines = text.replace(/```/g, "'''").split('\n');
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    if (current.length) chunks.push(`${open}\n${current.join('\n')}\n\`\`\``);
    current = [];
    size = 0;
  };
  for (const whole of lines) {
    // A line longer than a chunk is cut; the rest follows on the next line.
    for (let line = whole, first = true; first || line.length > 0; first = false) {
      const piece = line.slice(0, room);
      line = line.slice(room);
      if (size + piece.length + 1 > room) flush();
      current.push(piece);
      size += piece.length + 1;
    }
  }
  flush();
  return chunks;
}

const fileExtension = (language: string) => (language === 'json' ? 'json' : 'yaml');
const fileName = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'topology';

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
  if (reply.text)
    lines.push(
      ...escapeDiscord(reply.text)
        .split('\n')
        .map((l) => clip(l, 1000)),
      '',
    );
  for (const section of reply.sections ?? []) {
    lines.push(`**${escapeDiscord(section.heading)}**`);
    for (const item of section.items) {
      lines.push(clip(`${item.severity ? ICON[item.severity] : '•'} ${escapeDiscord(item.text)}`, 1000));
      if (item.detail) lines.push(clip(`  *${escapeDiscord(item.detail)}*`, 1000));
    }
    lines.push('');
  }
  const attached: ReplyFile[] = [];
  for (const code of reply.code ?? []) {
    if (code.text.length > CODE_ATTACH_CHARS)
      attached.push({
        filename: `${fileName(reply.title)}.${fileExtension(code.language)}`,
        content: code.text,
        type: code.language === 'json' ? 'application/json' : 'application/yaml',
      });
    else lines.push(...codeChunks(code.language, code.text));
  }
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
  const messages = descriptions.map((description, i): DiscordMessage => {
    const embed: DiscordEmbed = {
      ...(i === 0 ? { title: clip(reply.title, DISCORD_LIMITS.title) } : {}),
      description,
      color: colour,
      ...(i === 0 && fields.length ? { fields } : {}),
    };
    // The whole embed must stay within 6,000 characters; fields give way first.
    if (embedSize(embed) > DISCORD_LIMITS.embedTotal) delete embed.fields;
    const last = i === descriptions.length - 1 && attached.length === 0;
    const actions = last ? (reply.actions ?? []).slice(0, 5) : [];
    return {
      ...(i === 0 ? { lead: true as const } : {}),
      embeds: [embed],
      ...(actions.length ? { components: buttons(actions) } : {}),
    };
  });
  for (const [i, file] of attached.entries()) {
    const lines = typeof file.content === 'string' ? file.content.split('\n').length : 0;
    const last = i === attached.length - 1;
    const actions = last ? (reply.actions ?? []).slice(0, 5) : [];
    messages.push({
      content: `📎 ${file.filename}: ${lines} lines, too long to show here.`,
      embeds: [],
      files: [file],
      ...(actions.length ? { components: buttons(actions) } : {}),
    });
  }
  return messages;
}

function buttons(actions: { label: string; command: string }[]): unknown[] {
  return [
    {
      type: 1,
      components: actions.map((a, j) => ({
        type: 2,
        style: 2,
        custom_id: `voipnow_run:${j}:${clip(a.command, 80)}`,
        label: clip(a.label, 80),
      })),
    },
  ];
}
