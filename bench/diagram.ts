import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderDiagram } from '../src/diagram/render.js';
import { checkTopology } from '../src/engine/check.js';
import { parseTopology } from '../src/topology/parse.js';

export interface DiagramBench {
  nodes: number;
  width: number;
  height: number;
  /** Median of the runs, milliseconds: DOT + layout + SVG + PNG. */
  pngMs: number;
  /** Median of checking the same topology, for the ratio. */
  checkMs: number;
  /** Peak resident memory of a fresh process that renders once, and of one that only checks. */
  peakRssMb: number;
  baselineRssMb: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const LARGE = new URL('../../examples/large.yaml', import.meta.url);

function load() {
  const parsed = parseTopology(readFileSync(LARGE));
  if (!parsed.ok) throw new Error('examples/large.yaml does not parse');
  return parsed.topology;
}

/** Run in a child process: its peak RSS is the diagram's alone, not the other benchmarks'. */
async function child(mode: string): Promise<void> {
  const topology = load();
  const findings = checkTopology(topology).findings;
  if (mode === 'draw') await renderDiagram({ topology, findings }, 'png');
  process.stdout.write(String(process.resourceUsage().maxRSS / 1024));
}

export async function benchDiagram(runs = 3): Promise<DiagramBench> {
  const topology = load();
  const findings = checkTopology(topology).findings;
  const checks: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    checkTopology(topology);
    checks.push(performance.now() - t);
  }
  const times: number[] = [];
  let size = { width: 0, height: 0 };
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await renderDiagram({ topology, findings }, 'png');
    times.push(performance.now() - t);
    size = { width: r.width!, height: r.height! };
  }
  const self = fileURLToPath(import.meta.url);
  const rss = (mode: string) =>
    Number(execFileSync(process.execPath, [self], { env: { ...process.env, DIAGRAM_BENCH_CHILD: mode } }).toString());
  return {
    nodes: topology.nodes.length,
    ...size,
    pngMs: median(times),
    checkMs: median(checks),
    peakRssMb: rss('draw'),
    baselineRssMb: rss('check'),
  };
}

if (process.env.DIAGRAM_BENCH_CHILD) await child(process.env.DIAGRAM_BENCH_CHILD);
