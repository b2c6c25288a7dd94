import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DiagramInput } from './dot.js';
import type { Png } from './png.js';
import { DiagramError, type PictureFormat, type Rendered } from './render.js';
import type { RenderTask } from './render-thread.js';

export interface Bounds {
  /** A picture is given up this long after the thread starts on it. @defaultValue 60000 */
  timeoutMs?: number;
  /** V8 old-generation heap of the rendering thread. @defaultValue 256 */
  maxHeapMb?: number;
}

/** The compiled thread script; from the TypeScript sources (tests), the build under dist/. */
function threadScript(): URL {
  const here = new URL('./render-thread.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../dist/src/diagram/render-thread.js', import.meta.url);
}

type Answer = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

interface Pending {
  id: number;
  task: RenderTask;
  timeoutMs: number;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * One long-lived rendering thread with a heap limit, fed one picture at a time. Starting a thread
 * and loading Graphviz and the fonts costs about a second of CPU, so the thread is kept; it is
 * replaced when it dies (out of memory, a crash) or overruns a picture's deadline, and the
 * picture it was on fails as a DiagramError — never the worker process or the text answer.
 */
export class RenderThread {
  /** Threads started so far: 1 while nothing has gone wrong (tests and the benchmark read it). */
  threadsStarted = 0;
  private worker: Worker | undefined;
  private current: (Pending & { timer: NodeJS.Timeout }) | undefined;
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;

  constructor(bounds: Bounds = {}) {
    this.timeoutMs = bounds.timeoutMs ?? 60_000;
    this.maxHeapMb = bounds.maxHeapMb ?? 256;
  }

  /** A topology as SVG, and PNG when asked; `timeoutMs` overrides the thread's deadline for this picture. */
  render(input: DiagramInput, format: PictureFormat, timeoutMs = this.timeoutMs): Promise<Rendered> {
    return this.run({ kind: 'diagram', input, format }, timeoutMs) as Promise<Rendered>;
  }

  /** An SVG drawn elsewhere (a chart) to PNG. */
  rasterise(svg: string, timeoutMs = this.timeoutMs): Promise<Png> {
    return this.run({ kind: 'png', svg }, timeoutMs) as Promise<Png>;
  }

  /** Ends the thread; pictures still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new DiagramError('the drawing thread was closed');
    for (const p of this.waiting.splice(0)) p.reject(error);
    this.fail(error);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private run(task: RenderTask, timeoutMs: number): Promise<unknown> {
    if (this.closed) return Promise.reject(new DiagramError('the drawing thread was closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, task, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const next = this.waiting.shift();
    if (!next) {
      // An idle thread must not keep a CLI or a test process alive.
      this.worker?.unref();
      return;
    }
    const worker = (this.worker ??= this.spawn());
    worker.ref();
    const timer = setTimeout(() => {
      const limit = next.timeoutMs < 1000 ? `${next.timeoutMs} ms` : `${Math.round(next.timeoutMs / 1000)} s`;
      this.fail(new DiagramError(`drawing took longer than ${limit}`));
      this.replace();
    }, next.timeoutMs);
    this.current = { ...next, timer };
    worker.postMessage({ id: next.id, task: next.task });
  }

  private spawn(): Worker {
    this.threadsStarted++;
    const worker = new Worker(threadScript(), {
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let lastError: string | undefined;
    worker.on('message', (m: Answer) => {
      if (worker !== this.worker || m.id !== this.current?.id) return;
      const done = this.current;
      clearTimeout(done.timer);
      this.current = undefined;
      if (m.ok) done.resolve(m.result);
      else done.reject(new DiagramError(m.message));
      this.pump();
    });
    worker.on('error', (e) => {
      lastError =
        (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'drawing ran out of memory' : e.message;
    });
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      this.worker = undefined;
      this.fail(new DiagramError(lastError ?? `the drawing thread stopped (exit ${code})`));
      this.pump();
    });
    return worker;
  }

  /** Fails the picture in progress, if any. */
  private fail(error: Error): void {
    const done = this.current;
    if (!done) return;
    clearTimeout(done.timer);
    this.current = undefined;
    done.reject(error);
  }

  /** Drops a thread stuck on a picture; the next picture starts a fresh one. */
  private replace(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.pump();
  }
}
