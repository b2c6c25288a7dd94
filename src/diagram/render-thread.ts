import { parentPort } from 'node:worker_threads';
import type { DiagramInput } from './dot.js';
import { svgToPng } from './png.js';
import { renderDiagram, type PictureFormat } from './render.js';

/** What the rendering thread is asked to do: lay out and draw a topology, or rasterise an SVG. */
export type RenderTask = { kind: 'diagram'; input: DiagramInput; format: PictureFormat } | { kind: 'png'; svg: string };

async function perform(task: RenderTask) {
  if (task.kind === 'png') return svgToPng(task.svg);
  return renderDiagram(task.input, task.format);
}

// The thread lives as long as its RenderThread: Graphviz and the fonts are loaded once, and one
// picture is drawn at a time.
parentPort?.on('message', ({ id, task }: { id: number; task: RenderTask }) => {
  perform(task).then(
    (result) => {
      const transfer = result.png ? [result.png.buffer as ArrayBuffer] : [];
      parentPort!.postMessage({ id, ok: true, result }, transfer);
    },
    (error: unknown) => parentPort!.postMessage({ id, ok: false, message: (error as Error).message }),
  );
});
