import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CRITERION, forecast, SLICES } from '../../src/monitoring/forecast.js';

const DAY = 86_400;
const START = 1_000_000_000;
const END = START + 7 * DAY;

/** Hourly points over the week from `f(day)`; `skip(day)` leaves gaps. */
function points(f: (day: number) => number, skip: (day: number) => boolean = () => false): [number, number][] {
  const out: [number, number][] = [];
  for (let t = START; t <= END; t += 3600) {
    const day = (t - START) / DAY;
    if (!skip(day)) out.push([t, f(day)]);
  }
  return out;
}

/** Deterministic wobble in [-1, 1]. */
const wobble = (day: number) => Math.sin(day * 977.3) * Math.cos(day * 13.1);

describe('forecast: stated only where the linear fit is meaningful (README criterion)', () => {
  it('a steady rise gives the days until 80 %', () => {
    const f = forecast(
      'cpu',
      points((d) => 0.4 + 0.02 * d),
      START,
      END,
    )!;
    expect(f).toMatchObject({ resource: 'cpu', threshold: 0.8 });
    expect(f.perDay).toBeCloseTo(0.02, 3);
    expect(f.r2).toBeGreaterThan(0.99);
    // p95 of the last slice is ~0.54; (0.8 - 0.54) / 0.02 ≈ 13 days.
    expect(f.days).toBeGreaterThanOrEqual(12);
    expect(f.days).toBeLessThanOrEqual(14);
  });

  it(`fewer than ${CRITERION.minSlices} of ${SLICES} slices with data: none`, () => {
    expect(
      forecast(
        'cpu',
        points(
          (d) => 0.4 + 0.02 * d,
          (d) => d < 3,
        ),
        START,
        END,
      ),
    ).toBeUndefined();
  });

  it('a falling or flat line: none', () => {
    expect(
      forecast(
        'cpu',
        points((d) => 0.7 - 0.02 * d),
        START,
        END,
      ),
    ).toBeUndefined();
    expect(
      forecast(
        'cpu',
        points(() => 0.5),
        START,
        END,
      ),
    ).toBeUndefined();
  });

  it(`a fit below R² ${CRITERION.minR2} (noise around a slight rise): none`, () => {
    expect(
      forecast(
        'cpu',
        points((d) => 0.4 + 0.001 * d + 0.1 * wobble(d)),
        START,
        END,
      ),
    ).toBeUndefined();
  });

  it('already at 80 %: none (SIZE003 reports the level itself)', () => {
    expect(
      forecast(
        'cpu',
        points((d) => 0.75 + 0.01 * d),
        START,
        END,
      ),
    ).toBeUndefined();
  });

  it(`a crossing more than ${CRITERION.maxDays} days away: none`, () => {
    expect(
      forecast(
        'cpu',
        points((d) => 0.1 + 0.0005 * d),
        START,
        END,
      ),
    ).toBeUndefined();
  });

  it('the README states the criterion the code applies', () => {
    const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(`The window is cut into ${SLICES} slices`);
    expect(readme).toContain(
      `stated only when at least ${CRITERION.minSlices} slices have data, it rises, R² ≥ ${CRITERION.minR2}, the node is still below 80 % and the crossing is within ${CRITERION.maxDays} days`,
    );
  });
});
