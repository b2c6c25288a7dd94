import type { Resource } from '../sizing/catalog.js';
import { percentile } from './percentiles.js';
import type { Forecast } from './usage.js';

/** The window is cut into this many slices; each slice's p95 is one point of the trend. */
export const SLICES = 7;
/**
 * When a trend is worth stating: at least 5 slices with data, a rising line, a fit that explains
 * at least 60 % of the variance (R² ≥ 0.6), and the threshold crossed within a year.
 */
export const CRITERION = { minSlices: 5, minR2: 0.6, maxDays: 365 } as const;
export const FORECAST_THRESHOLD = 0.8;

/** A linear trend of the p95 over the window, or undefined when the fit is not meaningful. */
export function forecast(
  resource: Resource,
  points: readonly [number, number][],
  start: number,
  end: number,
  threshold = FORECAST_THRESHOLD,
): Forecast | undefined {
  const width = (end - start) / SLICES;
  const buckets: number[][] = Array.from({ length: SLICES }, () => []);
  for (const [t, v] of points) {
    const i = Math.min(SLICES - 1, Math.floor((t - start) / width));
    if (i >= 0) buckets[i]!.push(v);
  }
  const xs: number[] = [];
  const ys: number[] = [];
  buckets.forEach((values, i) => {
    if (values.length === 0) return;
    xs.push(((i + 1) * width) / 86_400);
    ys.push(percentile(Float64Array.from(values).sort(), 0.95));
  });
  if (xs.length < CRITERION.minSlices) return undefined;
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return undefined;
  const slope = sxy / sxx;
  const r2 = (sxy * sxy) / (sxx * syy);
  const now = ys[n - 1]!;
  const fitted = my + slope * (xs[n - 1]! - mx);
  if (slope <= 0 || r2 < CRITERION.minR2 || now >= threshold) return undefined;
  const days = (threshold - fitted) / slope;
  if (days <= 0 || days > CRITERION.maxDays) return undefined;
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  return { resource, now: round(now, 4), perDay: round(slope, 5), r2: round(r2, 3), threshold, days: Math.round(days) };
}
