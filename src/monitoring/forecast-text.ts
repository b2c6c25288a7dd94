import type { Forecast } from './usage.js';

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** "pbx-2 cpu p95 reaches 80 % in about 23 days at the current growth (now 61 %, +0.8 points a day, R² 0.93)". */
export function describeForecast(node: string, f: Forecast): string {
  const points = Math.round(f.perDay * 1000) / 10;
  return `${node} ${f.resource} p95 reaches ${pct(f.threshold)} in about ${f.days} day${f.days === 1 ? '' : 's'} at the current growth (now ${pct(f.now)}, +${points} points a day, R² ${f.r2})`;
}
