/**
 * Slack's text format, both ways. Slack delivers what a person typed with `&`, `<` and `>` as
 * entities and links, e-mail addresses and broadcasts as `<…>` tokens; the bot's own text must
 * escape the same three characters, or a file name or a question could ping a channel or break the
 * message's markup.
 */

/** References the command parser reads as they are: a person (`<@U…>`) and a channel (`<#C…|name>`). */
const KEPT = /^[@#]/;

/** What a person typed, from Slack's encoding: links to their label, entities to characters. */
export function decodeSlackText(text: string): string {
  const decoded = text.replace(/<([^<>]*)>/g, (token, inner: string) => {
    if (KEPT.test(inner)) return token;
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('!')) {
      // Broadcasts and groups become plain words: the bot never echoes a live ping.
      const [kind = ''] = target.slice(1).split('^', 1);
      if (kind === 'date') return label ?? '';
      if (kind === 'subteam') return label ?? '@group';
      return `@${kind}`;
    }
    if (label) return label;
    return target.replace(/^mailto:/, '');
  });
  return decoded.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Markup the bot writes on purpose: people, channels, user groups (in "who may" hints) and dates. */
const OWN_TOKEN =
  /<(?:@[UW][A-Za-z0-9-]+|#[CGD][A-Za-z0-9-]+(?:\|[^<>|]{0,80})?|!subteam\^[A-Z0-9]+(?:\|[^<>|]{0,80})?|!date\^\d+\^[^<>|]{1,80}\|[^<>]{1,80})>/g;

/**
 * Text for Slack's mrkdwn and top-level `text`: `&`, `<` and `>` escaped, so that nothing a user
 * supplied can ping (`<!channel>`) or link; mentions of people, channels and groups that the bot
 * itself wrote are kept, since they are the readable form.
 */
export function escapeMrkdwn(text: string): string {
  const kept: string[] = [];
  const held = text.replace(OWN_TOKEN, (token) => `\u{E000}${kept.push(token) - 1}\u{E001}`);
  return held
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u{E000}(\d+)\u{E001}/gu, (_, i: string) => kept[Number(i)] ?? '');
}

interface RichTextElement {
  type: string;
  text?: string;
  url?: string;
  user_id?: string;
  channel_id?: string;
  elements?: RichTextElement[];
}

function plain(elements: readonly RichTextElement[] | undefined): string {
  return (elements ?? [])
    .map((e) => {
      if (e.type === 'text') return e.text ?? '';
      if (e.type === 'link') return e.text ?? e.url ?? '';
      if (e.type === 'user') return `<@${e.user_id ?? ''}>`;
      if (e.type === 'channel') return `<#${e.channel_id ?? ''}>`;
      return plain(e.elements);
    })
    .join('');
}

/**
 * The text of the message's code blocks (`rich_text_preformatted`), as typed: Slack's `text` of the
 * same message may have turned host names into links, and rich text carries no entities.
 */
export function preformattedText(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const found: string[] = [];
  for (const block of blocks as RichTextElement[]) {
    if (block.type !== 'rich_text') continue;
    for (const element of block.elements ?? [])
      if (element.type === 'rich_text_preformatted') found.push(plain(element.elements));
  }
  return found.length ? found.join('\n') : undefined;
}
