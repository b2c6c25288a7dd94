/** The message shortcuts the manifest declares: what each runs on the message's topology. */
export const MESSAGE_SHORTCUTS = {
  voipnow_check_message: { name: 'Check this topology', command: 'check' },
  voipnow_save_message: { name: 'Save this topology', command: 'topology save' },
} as const;
export type ShortcutId = keyof typeof MESSAGE_SHORTCUTS;

export interface ShortcutFile {
  id?: string;
  name?: string;
  filetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

const TOPOLOGY_FILE = /\.(ya?ml|json|txt)$/i;
const TOPOLOGY_TYPES = new Set(['yaml', 'yml', 'json', 'text']);
const CODE_BLOCK = /```[ \t]*(?:ya?ml|json)?[ \t]*\r?\n?([\s\S]*?)```/i;

/** Slack sends message text with &, < and > escaped; a pasted topology needs them back. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A preformatted block of a rich-text message: the paste exactly as typed, when there is one. */
function preformatted(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks as { type?: string; elements?: unknown[] }[]) {
    if (block.type !== 'rich_text') continue;
    for (const element of (block.elements ?? []) as { type?: string; elements?: { text?: string }[] }[]) {
      if (element.type === 'rich_text_preformatted') return (element.elements ?? []).map((e) => e.text ?? '').join('');
    }
  }
  return undefined;
}

/**
 * The topology a message carries: its first YAML or JSON file, else its first code block. Undefined
 * when it has neither (the shortcut then says so to the person who used it).
 */
export function topologyOfMessage(message: {
  text?: string;
  files?: ShortcutFile[];
  blocks?: unknown;
}): { file: ShortcutFile } | { paste: string } | undefined {
  const file = message.files?.find(
    (f) => (f.name && TOPOLOGY_FILE.test(f.name)) || (f.filetype && TOPOLOGY_TYPES.has(f.filetype)),
  );
  if (file) return { file };
  const block = preformatted(message.blocks);
  if (block?.trim()) return { paste: block };
  const code = CODE_BLOCK.exec(message.text ?? '');
  if (code?.[1]?.trim()) return { paste: unescapeSlack(code[1]) };
  return undefined;
}
