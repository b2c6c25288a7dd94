import { performance } from 'node:perf_hooks';

/** With `node --expose-gc` (npm run bench), each run starts from a collected heap: earlier runs' garbage is not billed to it. */
const collect = (globalThis as { gc?: () => void }).gc;

export function timeRuns(runs: number, fn: () => unknown): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    collect?.();
    const start = performance.now();
    fn();
    out.push(performance.now() - start);
  }
  return out;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);
