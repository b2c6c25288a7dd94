import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RenderThread } from '../src/diagram/bounded.js';
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

function load(file = LARGE) {
  const parsed = parseTopology(readFileSync(file));
  if (!parsed.ok) throw new Error(`${file.pathname} does not parse`);
  return parsed.topology;
}

export interface ThreadBench {
  /** Medians per picture of the small example, wall and CPU (all threads) milliseconds. */
  freshMs: number;
  freshCpuMs: number;
  keptMs: number;
  keptCpuMs: number;
  threadsStarted: number;
}

/**
 * A chat picture (examples/small.yaml to PNG) on a fresh thread each time, as answers were drawn
 * before, against one kept thread: the thread's start-up (Graphviz, fonts) is the difference.
 */
export async function benchRenderThread(runs = 5): Promise<ThreadBench> {
  const topology = load(new URL('../../examples/small.yaml', import.meta.url));
  const measure = async (draw: () => Promise<unknown>) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    await draw();
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
  };
  const fresh = [];
  for (let i = 0; i < runs; i++)
    fresh.push(
      await measure(async () => {
        const thread = new RenderThread();
        await thread.render({ topology }, 'png');
        await thread.close();
      }),
    );
  const kept = new RenderThread();
  await kept.render({ topology }, 'png');
  const again = [];
  for (let i = 0; i < runs; i++) again.push(await measure(() => kept.render({ topology }, 'png')));
  await kept.close();
  return {
    freshMs: median(fresh.map((m) => m.ms)),
    freshCpuMs: median(fresh.map((m) => m.cpuMs)),
    keptMs: median(again.map((m) => m.ms)),
    keptCpuMs: median(again.map((m) => m.cpuMs)),
    threadsStarted: kept.threadsStarted,
  };
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
