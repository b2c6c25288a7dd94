import { parentPort, workerData } from 'node:worker_threads';
import type { DiagramInput } from './dot.js';
import { renderDiagram, type PictureFormat } from './render.js';

/** The rendering thread: one picture per thread, so its memory goes when the thread ends. */
const { input, format } = workerData as { input: DiagramInput; format: PictureFormat };
renderDiagram(input, format).then(
  (rendered) => {
    const transfer = rendered.png ? [rendered.png.buffer as ArrayBuffer] : [];
    parentPort!.postMessage({ ok: true, rendered }, transfer);
  },
  (error: unknown) => parentPort!.postMessage({ ok: false, message: (error as Error).message }),
);
