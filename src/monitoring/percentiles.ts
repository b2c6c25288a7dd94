import type { Figure } from './usage.js';

/** Nearest-rank percentile of sorted values (q in 0..1). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function figureOf(values: ArrayLike<number>): Figure | undefined {
  if (values.length === 0) return undefined;
  // A typed array sorts numerically without a comparator call per pair: weeks of points per node.
  const sorted = Float64Array.from(values).sort();
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return {
    p50: clamp(percentile(sorted, 0.5)),
    p95: clamp(percentile(sorted, 0.95)),
    p99: clamp(percentile(sorted, 0.99)),
    max: clamp(sorted[sorted.length - 1]!),
    points: sorted.length,
  };
}
