import { toDot, type DiagramInput, type DiagramMode } from './dot.js';
import { dotToSvg } from './svg.js';

export interface Drawing {
  svg: string;
  mode: DiagramMode;
}

/** The topology as an SVG picture: Graphviz layout, boxes crossed out where a what-if failed them. */
export async function drawSvg(input: DiagramInput): Promise<Drawing> {
  const { dot, mode, crossed } = toDot(input);
  return { svg: await dotToSvg(dot, crossed), mode };
}
