import type { Reply, ReplyItem } from '../../src/reply/document.js';
import { escapeMrkdwn } from './text.js';

/** Slack's limits: 50 blocks a message, 3,000 characters a section, 150 a header. */
export const SLACK_LIMITS = { blocks: 50, section: 3000, header: 150, button: 75, buttons: 5 } as const;
/** Slack truncates or refuses very long messages well before 50 full sections; stay far below. */
const MESSAGE_CHARS = 12_000;

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

const ICON = { error: '🔴', warning: '🟡', info: '🔵' } as const;

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

function itemLine(item: ReplyItem): string {
  const bullet = item.severity ? ICON[item.severity] : '•';
  return `${bullet} ${escapeMrkdwn(item.text)}${item.detail ? `\n      _${escapeMrkdwn(item.detail)}_` : ''}`;
}

/** Sections of at most 3,000 characters, cut at item boundaries. */
function sectionsOf(heading: string, items: ReplyItem[]): string[] {
  const out: string[] = [];
  let current = `*${escapeMrkdwn(heading)}*`;
  for (const item of items) {
    const line = clip(itemLine(item), SLACK_LIMITS.section - 100);
    if (current.length + 1 + line.length > SLACK_LIMITS.section) {
      out.push(current);
      current = line;
    } else current += `\n${line}`;
  }
  out.push(current);
  return out;
}

/** Code as sections of at most 3,000 characters, escaped (mrkdwn reads `<!channel>` even in code), cut at lines. */
function codeSections(text: string): string[] {
  const room = SLACK_LIMITS.section - 10;
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current) out.push('```' + current + '```');
    current = '';
  };
  for (const raw of text.replace(/```/g, "'''").split('\n')) {
    let line = escapeMrkdwn(raw);
    while (line.length > room) {
      flush();
      // Never cut inside an entity (&amp;): back up to before its ampersand.
      let cut = room;
      const amp = line.lastIndexOf('&', cut);
      if (amp > cut - 5) cut = amp;
      out.push('```' + line.slice(0, cut) + '```');
      line = line.slice(cut);
    }
    if (current && current.length + 1 + line.length > room) flush();
    current = current ? `${current}\n${line}` : line;
  }
  flush();
  return out;
}

/** Renders a reply as Block Kit messages, each within Slack's limits, in order. */
export function renderSlack(reply: Reply): SlackMessage[] {
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(reply.title, SLACK_LIMITS.header), emoji: true } },
  ];
  if (reply.text)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: clip(escapeMrkdwn(reply.text), SLACK_LIMITS.section) },
    });
  if (reply.fields?.length) {
    for (let i = 0; i < reply.fields.length; i += 10) {
      blocks.push({
        type: 'section',
        fields: reply.fields
          .slice(i, i + 10)
          .map((f) => ({ type: 'mrkdwn', text: clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, 2000) })),
      });
    }
  }
  for (const section of reply.sections ?? []) {
    for (const text of sectionsOf(section.heading, section.items))
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  for (const code of reply.code ?? [])
    for (const text of codeSections(code.text)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  const actions = (reply.actions ?? []).slice(0, SLACK_LIMITS.buttons);
  const messages: SlackMessage[] = [];
  let current: Record<string, unknown>[] = [];
  let chars = 0;
  const flush = () => {
    if (current.length) messages.push({ text: escapeMrkdwn(reply.summary), blocks: current });
    current = [];
    chars = 0;
  };
  for (const block of blocks) {
    const size = JSON.stringify(block).length;
    // Keep one block free on the last message for the buttons.
    if (current.length >= SLACK_LIMITS.blocks - 1 || chars + size > MESSAGE_CHARS) flush();
    current.push(block);
    chars += size;
  }
  if (actions.length) {
    current.push({
      type: 'actions',
      block_id: 'voipnow_followups',
      elements: actions.map((a, i) => ({
        type: 'button',
        action_id: `voipnow_run_${i}`,
        text: { type: 'plain_text', text: clip(a.label, SLACK_LIMITS.button) },
        value: clip(a.command, 2000),
      })),
    });
  }
  flush();
  return messages;
}
