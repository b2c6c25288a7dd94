import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { SourcePosition } from '../engine/finding.js';

export type FieldPath = readonly (string | number)[];

/** `['nodes', 3, 'roles', 0]` → `nodes[3].roles[0]` */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/**
 * Maps field paths of the parsed value back to positions in the YAML/JSON text. When a path
 * names something absent (a missing field), the nearest enclosing node answers.
 */
export class SourceMap {
  constructor(
    private readonly doc: Document.Parsed | undefined,
    private readonly lines: LineCounter,
  ) {}

  /** An empty map, for values that did not come from text. */
  static none(): SourceMap {
    return new SourceMap(undefined, { linePos: () => ({ line: 0, col: 0 }) } as unknown as LineCounter);
  }

  offsetPosition(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** `key` asks for the key's position rather than its value's (unknown-field errors). */
  locate(path: FieldPath, key = false): SourcePosition | undefined {
    let node: unknown = this.doc?.contents;
    let found: Node | undefined = isNodeWithRange(node) ? node : undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
      } else if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        node = last && key ? pair.key : (pair.value ?? pair.key);
      } else {
        break;
      }
      if (isNodeWithRange(node)) found = node;
      else break;
    }
    if (!found?.range) return undefined;
    return this.offsetPosition(found.range[0]);
  }
}

function isNodeWithRange(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray((value as Node).range);
}
