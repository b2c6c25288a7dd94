import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { CROSS } from './palette.js';

let graphviz: Promise<Graphviz> | undefined;

/** Graphviz compiled to WebAssembly, loaded once per process (or worker thread). */
function loadGraphviz(): Promise<Graphviz> {
  graphviz ??= Graphviz.load();
  return graphviz;
}

/** Graphviz writes ids with XML escapes, and '-' as a character reference. */
const escapeId = (id: string) =>
  id.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/-/g, '&#45;');

/**
 * Crosses out boxes: HTML-like labels cannot draw diagonals, so two lines are added over each box's
 * outline after layout, from the coordinates Graphviz wrote.
 */
export function crossOut(svg: string, ids: readonly string[]): string {
  let out = svg;
  for (const id of ids) {
    const start = out.indexOf(`<g id="${escapeId(id)}" class="node">`);
    if (start < 0) continue;
    const end = out.indexOf('</g>', start);
    const group = out.slice(start, end);
    const xs: number[] = [];
    const ys: number[] = [];
    for (const m of group.matchAll(/<polygon[^>]*points="([^"]+)"/g))
      for (const pair of m[1]!.trim().split(/\s+/)) {
        const [x, y] = pair.split(',').map(Number);
        if (Number.isFinite(x) && Number.isFinite(y)) {
          xs.push(x!);
          ys.push(y!);
        }
      }
    if (xs.length === 0) continue;
    const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)].map((v) =>
      v.toFixed(2),
    );
    const lines =
      `<path class="cross" fill="none" stroke="${CROSS}" stroke-width="2.5" stroke-opacity="0.6" ` +
      `d="M${x1},${y1}L${x2},${y2}M${x1},${y2}L${x2},${y1}"/>\n`;
    out = out.slice(0, end) + lines + out.slice(end);
  }
  return out;
}

/** Lays a DOT graph out and returns the SVG; deterministic for the same DOT text. */
export async function dotToSvg(dot: string, crossed: readonly string[] = []): Promise<string> {
  const gv = await loadGraphviz();
  return crossOut(gv.layout(dot, 'svg', 'dot'), crossed);
}
