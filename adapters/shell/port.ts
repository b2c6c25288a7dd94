import { showTimes, utcTime } from '../../src/reply/time.js';
import { LRUCache } from 'lru-cache';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ReplyFile } from '../../src/reply/document.js';
import type { Reply } from '../../src/reply/document.js';
import type { MessageRef, ReplyPort } from '../../src/reply/port.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import { PLAIN, type Style } from '../../src/format/style.js';
import { renderReplyText, splitText } from './render.js';

export interface TranscriptEntry {
  kind: 'parent' | 'message' | 'file' | 'update';
  id: string;
  thread: string;
  text: string;
  key?: string;
}

export interface ShellPortOptions {
  write(text: string): void;
  style?: Style;
  /** Where uploaded files land. @defaultValue ./.voipnow/files */
  filesDir?: string;
  /** Characters per message; longer replies are split. @defaultValue 6000 */
  limit?: number;
  /** Called before output, so a spinner can clear its line. */
  beforeWrite?: () => void;
}

/** Transcript entries and message keys kept. */
const KEPT = 1000;

/** The terminal as a chat platform: a thread is a block of indented output under its parent line. */
export class ShellPort implements ReplyPort<string> {
  readonly platform = 'shell' as const;
  readonly transcript: TranscriptEntry[] = [];
  private seq = 0;
  private readonly byKey = new LRUCache<string, MessageRef>({ max: KEPT });

  constructor(private readonly options: ShellPortOptions) {}

  /** Writes synchronously; a failed write is a rejected promise, as a platform's failed call is. */
  private emitted(entry: TranscriptEntry, line: string): Promise<MessageRef> {
    return new Promise((resolve) => resolve(this.emit(entry, line)));
  }

  private emit(entry: TranscriptEntry, line: string): MessageRef {
    this.options.beforeWrite?.();
    // A long session (or a benchmark) must not grow without bound: the recent past is enough.
    if (this.transcript.push(entry) > 2 * KEPT) this.transcript.splice(0, KEPT);
    this.options.write(line.endsWith('\n') ? line : line + '\n');
    const ref = { channel: 'shell', id: entry.id, thread: entry.thread };
    if (entry.key) {
      this.byKey.set(entry.key, ref);
    }
    return ref;
  }

  startThread(_target: ReplyTarget, text: string, key: string): Promise<MessageRef> {
    const id = String(++this.seq);
    return this.emitted({ kind: 'parent', id, thread: id, text, key }, (this.options.style ?? PLAIN).bold(`▸ ${text}`));
  }

  render(reply: Reply): string[] {
    return splitText(showTimes(renderReplyText(reply, this.options.style), utcTime), this.options.limit ?? 6000);
  }

  postInThread(parent: MessageRef, message: string, key: string): Promise<MessageRef> {
    const id = String(++this.seq);
    return this.emitted(
      { kind: 'message', id, thread: parent.thread, text: message, key },
      message.replace(/^/gm, '  │ '),
    );
  }

  update(message: MessageRef, shown: string): Promise<void> {
    const text = showTimes(shown, utcTime);
    return this.emitted({ kind: 'update', id: message.id, thread: message.thread, text }, `  └ ${text}`).then(
      () => undefined,
    );
  }

  async upload(parent: MessageRef, file: ReplyFile, key: string): Promise<MessageRef> {
    const dir = this.options.filesDir ?? join('.voipnow', 'files');
    await mkdir(dir, { recursive: true });
    const path = join(dir, basename(file.filename).replace(/[^A-Za-z0-9._-]/g, '_'));
    await writeFile(path, file.content);
    const id = String(++this.seq);
    return this.emit(
      { kind: 'file', id, thread: parent.thread, text: file.filename, key },
      `  │ 📎 ${file.filename} saved to ${path}`,
    );
  }

  find(_target: ReplyTarget, _thread: string | undefined, key: string): Promise<MessageRef | undefined> {
    return Promise.resolve(this.byKey.get(key));
  }
}
