import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, basename, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { dispatchRequest, QUEUE_UNREACHABLE } from '../dispatch.js';
import type { Logger } from '../../src/ops/logger.js';
import type { Attachment } from '../../src/queue/job.js';
import type { Producer } from '../../src/queue/producer.js';
import type { Style } from '../../src/format/style.js';

export interface ShellSessionOptions {
  input: Readable;
  output: Writable & { isTTY?: boolean };
  producer: Producer;
  /** Resolves when the job has finished (replied or failed). */
  waitFor(jobId: string): Promise<void>;
  tenant: string;
  user: string;
  maxBytes: number;
  style: Style;
  historyFile?: string;
  /** Lets the port clear the spinner line before it prints. */
  spinner: Spinner;
  logger: Logger;
}

/** How long a line may wait for the queue before the user is told it is unreachable. */
const ENQUEUE_TIMEOUT_MS = 10_000;

const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

/** A one-line spinner on a TTY; silent elsewhere (the parent line already says what runs). */
export class Spinner {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private text = '';
  constructor(private readonly out: Writable & { isTTY?: boolean }) {}
  start(text: string): void {
    if (!this.out.isTTY) return;
    this.text = text;
    this.timer = setInterval(() => this.out.write(`\r${FRAMES[this.frame++ % FRAMES.length]} ${this.text}`), 80);
  }
  clear(): void {
    if (this.timer) this.out.write('\r\u001b[K');
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.clear();
    this.timer = undefined;
  }
}

/** Words that name local files become attachments: `check ./prod.yaml`. */
function takeFiles(line: string, maxBytes: number): { text: string; attachment?: Attachment; error?: string } {
  const words = line.split(/\s+/);
  for (const [i, word] of words.entries()) {
    if (!/^(\.{0,2}\/|~\/)|^[\w.-]+\.(ya?ml|json)$/i.test(word)) continue;
    const path = resolve(word.replace(/^~(?=\/)/, homedir()));
    if (!existsSync(path) || !statSync(path).isFile()) {
      if (/\.(ya?ml|json)$/i.test(word)) return { text: line, error: `${word}: no such file` };
      continue;
    }
    const size = statSync(path).size;
    if (size > maxBytes)
      return { text: line, error: `${word} is ${size} bytes, over the ${maxBytes}-byte cap (MAX_TOPOLOGY_BYTES)` };
    const rest = [...words.slice(0, i), ...words.slice(i + 1)].join(' ');
    return { text: rest, attachment: { name: basename(path), content: readFileSync(path, 'utf8') } };
  }
  return { text: line };
}

/** The interactive chat in a terminal: the shell adapter's front end. */
export async function runShellSession(o: ShellSessionOptions): Promise<void> {
  const history =
    o.historyFile && existsSync(o.historyFile)
      ? readFileSync(o.historyFile, 'utf8').split('\n').filter(Boolean).reverse().slice(0, 500)
      : [];
  const rl = createInterface({
    input: o.input,
    output: o.output,
    terminal: Boolean(o.output.isTTY),
    history,
    historySize: 500,
    prompt: o.style.bold('voipnow> '),
  });
  const say = (text: string) => o.output.write(text + '\n');
  say(
    `VoipNow topology bot. Type ${o.style.bold('help')} for commands, ${o.style.bold('check ./examples/medium.yaml')} to try one, ${o.style.bold('exit')} to leave.`,
  );
  say('Paste YAML between ``` lines, or paste a topology starting with "version:" and end it with an empty line.');
  let counter = 0;
  let block: string[] | undefined;
  let paste: string[] | undefined;
  let busy = Promise.resolve();

  const submit = async (text: string, pasted?: Attachment) => {
    // A pasted block is the topology itself; only a plain command line names local files.
    const files = text.includes('```') ? { text } : takeFiles(text, o.maxBytes);
    if (files.error) return say(o.style.red(files.error));
    const attachment = pasted ?? files.attachment;
    // The shell's connection waits for Redis rather than fail (its worker needs that); the prompt must not.
    let timer: NodeJS.Timeout | undefined;
    const unreachable = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(QUEUE_UNREACHABLE)), ENQUEUE_TIMEOUT_MS);
    });
    const dispatched = dispatchRequest(
      o.producer,
      {
        requestId: `shell-${process.pid}-${Date.now()}-${++counter}`,
        target: { platform: 'shell', tenant: o.tenant, channel: 'terminal', requester: o.user },
        text: files.text,
        ...(attachment ? { attachment } : {}),
        // Whoever sits at this terminal owns its store.
        isAdmin: () => true,
        adminHint: 'anyone at this terminal',
      },
      { logger: o.logger },
    ).catch((error: unknown) => {
      // A refused enqueue (Redis gone, ioredis out of retries) is the queue being unreachable: the
      // user gets the same one line as on every platform, the library's words go to the log.
      o.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'could not enqueue');
      throw new Error(QUEUE_UNREACHABLE);
    });
    // If it fails after the timeout has spoken, the user already knows.
    dispatched.catch(() => undefined);
    const { jobId, pending } = await Promise.race([dispatched, unreachable]).finally(() => clearTimeout(timer));
    o.spinner.start(pending);
    try {
      await o.waitFor(jobId);
    } finally {
      o.spinner.stop();
    }
  };

  const handle = async (line: string) => {
    if (o.historyFile && line.trim()) {
      mkdirSync(dirname(o.historyFile), { recursive: true });
      appendFileSync(o.historyFile, line.replace(/\n/g, ' ') + '\n');
    }
    if (block) {
      block.push(line);
      if (line.includes('```')) {
        const text = block.join('\n');
        block = undefined;
        await submit(text);
      }
      return;
    }
    if (paste) {
      if (line.trim() === '') {
        const content = paste.join('\n');
        paste = undefined;
        await submit('check', { name: 'pasted topology', content });
      } else paste.push(line);
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '') return;
    if (/^(exit|quit|\.exit|bye)$/i.test(trimmed)) {
      rl.close();
      return;
    }
    if ((line.match(/```/g) ?? []).length % 2 === 1) {
      block = [line];
      return;
    }
    if (/^(version:|name:|---\s*$|\{)/.test(trimmed)) {
      paste = [line];
      return;
    }
    await submit(trimmed);
  };

  rl.on('line', (line) => {
    busy = busy
      .then(() => handle(line))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        say(o.style.red(message === QUEUE_UNREACHABLE ? message : `Could not run that: ${message}`));
      })
      .then(() => {
        if (!block && !paste) rl.prompt();
      });
  });
  rl.prompt();
  await new Promise<void>((resolveClose) => rl.on('close', resolveClose));
  await busy;
  if (paste) await submit('check', { name: 'pasted topology', content: paste.join('\n') });
}
