import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DiagramInput } from './dot.js';
import { DiagramError, type PictureFormat, type Rendered } from './render.js';

export interface Bounds {
  /** The picture is given up after this. @defaultValue 60000 */
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

/**
 * Renders in a worker thread with a heap limit and a deadline, so a pathological topology costs
 * one failed picture, never the worker process or the text answer.
 */
export function renderBounded(input: DiagramInput, format: PictureFormat, bounds: Bounds = {}): Promise<Rendered> {
  const timeoutMs = bounds.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const worker = new Worker(threadScript(), {
      workerData: { input, format },
      resourceLimits: { maxOldGenerationSizeMb: bounds.maxHeapMb ?? 256, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (error: Error | undefined, rendered?: Rendered) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(rendered!);
    };
    const timer = setTimeout(
      () => finish(new DiagramError(`drawing took longer than ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    worker.on('message', (m: { ok: true; rendered: Rendered } | { ok: false; message: string }) =>
      m.ok ? finish(undefined, m.rendered) : finish(new DiagramError(m.message)),
    );
    worker.on('error', (e) =>
      finish(
        new DiagramError(
          (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'drawing ran out of memory' : e.message,
        ),
      ),
    );
    worker.on('exit', (code) => finish(new DiagramError(`the drawing thread stopped (exit ${code})`)));
  });
}
