import { toDot, type DiagramInput, type DiagramMode } from './dot.js';
import { svgToPng } from './png.js';
import { dotToSvg } from './svg.js';

export type PictureFormat = 'svg' | 'png';

export interface Rendered {
  svg: string;
  mode: DiagramMode;
  png?: Uint8Array;
  width?: number;
  height?: number;
}

/** Boxes drawn at most: past this even the per-zone summary would not be legible, so it is refused. */
export const MAX_BOXES = 400;

export class DiagramError extends Error {}

/** The topology as SVG, and as PNG when asked. Runs in the calling thread; see `renderBounded`. */
export async function renderDiagram(input: DiagramInput, format: PictureFormat): Promise<Rendered> {
  const { dot, mode, crossed } = toDot(input);
  const boxes = (dot.match(/\[id="/g) ?? []).length;
  if (boxes > MAX_BOXES)
    throw new DiagramError(`${boxes} boxes even after summarising by zone; at most ${MAX_BOXES} can be drawn legibly`);
  const svg = await dotToSvg(dot, crossed);
  if (format === 'svg') return { svg, mode };
  const { png, width, height } = svgToPng(svg);
  return { svg, mode, png, width, height };
}
