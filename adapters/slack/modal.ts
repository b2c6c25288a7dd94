import { parseTopologyCached } from '../../src/engine/memo.js';
import type { Attachment } from '../../src/queue/job.js';

export const UPLOAD_VIEW = 'voipnow_upload';
export const WHATIF_VIEW = 'voipnow_whatif';

export type UploadMode = 'check' | 'save';

/** Where the result of a modal goes: the conversation the command came from, or (from Home) a DM. */
export interface ModalOrigin {
  channel?: string;
  thread?: string;
}

type Block = Record<string, unknown>;
const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const NAME = /^[A-Za-z0-9._-]{1,64}$/;
/** Slack keeps private_metadata to 3,000 characters. */
const METADATA_MAX = 3000;

/**
 * `/voipnow check` and `/voipnow topology save [NAME]` with nothing to check or save: a slash command
 * cannot carry a file, so these open the upload form. Anything else (a name to check, a pasted code
 * block) runs as typed.
 */
export function uploadModeFor(text: string): { mode: UploadMode; name?: string } | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first = '', second, third, ...rest] = words.map((w) => w.toLowerCase());
  if (text.includes('```')) return undefined;
  if (words.length === 1 && ['check', 'validate', 'lint'].includes(first)) return { mode: 'check' };
  const save = first === 'topology' ? second === 'save' : first === 'save';
  if (!save) return undefined;
  const name = first === 'topology' ? words[2] : words[1];
  const extra = first === 'topology' ? rest : [third, ...rest].filter(Boolean);
  if (extra.length || (name !== undefined && !NAME.test(name))) return undefined;
  return { mode: 'save', ...(name ? { name } : {}) };
}

export function encodeOrigin(origin: ModalOrigin & Record<string, unknown>): string {
  const text = JSON.stringify(origin);
  return text.length <= METADATA_MAX ? text : '{}';
}

export function decodeOrigin(metadata: string | undefined): ModalOrigin & { mode?: UploadMode; name?: string } {
  try {
    const raw = JSON.parse(metadata || '{}') as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.length <= 200 ? v : undefined);
    const mode = raw.mode === 'save' || raw.mode === 'check' ? raw.mode : undefined;
    const out: ModalOrigin & { mode?: UploadMode; name?: string } = {};
    if (str(raw.channel)) out.channel = str(raw.channel)!;
    if (str(raw.thread)) out.thread = str(raw.thread)!;
    if (mode) out.mode = mode;
    if (str(raw.name) && NAME.test(str(raw.name)!)) out.name = str(raw.name)!;
    return out;
  } catch {
    return {};
  }
}

/** The upload form: a file, or YAML pasted into a box; and, to save, the name to save under. */
export function uploadView(mode: UploadMode, origin: ModalOrigin, name?: string): Block {
  const blocks: Block[] = [
    {
      type: 'input',
      block_id: 'file',
      optional: true,
      label: plain('Topology file'),
      element: {
        type: 'file_input',
        action_id: 'file',
        filetypes: ['yaml', 'yml', 'json', 'txt'],
        max_files: 1,
      },
      hint: plain('YAML or JSON, as in spec/topology.md.'),
    },
    {
      type: 'input',
      block_id: 'paste',
      optional: true,
      label: plain('…or paste it here'),
      element: {
        type: 'plain_text_input',
        action_id: 'paste',
        multiline: true,
        placeholder: plain('name: prod\nnodes:\n  - name: sql1\n    roles: [sql-master]'),
      },
    },
  ];
  if (mode === 'save')
    blocks.push({
      type: 'input',
      block_id: 'name',
      optional: true,
      label: plain('Save as'),
      element: {
        type: 'plain_text_input',
        action_id: 'name',
        max_length: 64,
        ...(name ? { initial_value: name } : {}),
        placeholder: plain("the topology's own name"),
      },
      hint: plain('Letters, digits, - _ . (at most 64). Saving again adds a version.'),
    });
  return {
    type: 'modal',
    callback_id: UPLOAD_VIEW,
    title: plain(mode === 'save' ? 'Save a topology' : 'Check a topology'),
    submit: plain(mode === 'save' ? 'Save' : 'Check'),
    close: plain('Cancel'),
    private_metadata: encodeOrigin({ ...origin, mode }),
    blocks,
  };
}

/** The what-if prompt for one stored topology. */
export function whatifView(topology: string, origin: ModalOrigin): Block {
  return {
    type: 'modal',
    callback_id: WHATIF_VIEW,
    title: plain('What if…'),
    submit: plain('Ask'),
    close: plain('Cancel'),
    private_metadata: encodeOrigin({ ...origin, name: topology }),
    blocks: [
      {
        type: 'input',
        block_id: 'question',
        label: plain(`What happens to ${topology} if…`),
        element: {
          type: 'plain_text_input',
          action_id: 'question',
          max_length: 300,
          placeholder: plain('what happens if the PBX fails'),
        },
      },
    ],
  };
}

export interface SubmittedFile {
  id?: string;
  name?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

type StateValues = Record<string, Record<string, { value?: string | null; files?: SubmittedFile[] }>>;

/** What the upload form holds once submitted, before any file is fetched. */
export function readUpload(values: StateValues): {
  file?: SubmittedFile;
  paste?: string;
  name?: string;
  errors: Record<string, string>;
} {
  const file = values.file?.file?.files?.[0];
  const paste = values.paste?.paste?.value?.trim() || undefined;
  const name = values.name?.name?.value?.trim() || undefined;
  const errors: Record<string, string> = {};
  if (!file && !paste) errors.paste = 'Upload a file above, or paste the topology here.';
  if (file && paste) errors.paste = 'Either a file or a paste, not both: clear one.';
  if (name && !NAME.test(name)) errors.name = 'Letters, digits, - _ . only, at most 64.';
  return { ...(file ? { file } : {}), ...(paste ? { paste } : {}), ...(name ? { name } : {}), errors };
}

/** A topology that does not parse is refused at the field it came from, with where and why. */
export function parseError(attachment: Attachment, maxBytes: number): string | undefined {
  const parsed = parseTopologyCached(attachment.content, { maxBytes });
  if (parsed.ok) return undefined;
  const [first, ...more] = parsed.issues;
  if (!first) return 'This is not a topology.';
  const where = first.line !== undefined ? `line ${first.line}:${first.column ?? 1}: ` : '';
  const tail = more.length ? ` (and ${more.length} more)` : '';
  return `${where}${first.message}`.slice(0, 250) + tail;
}
