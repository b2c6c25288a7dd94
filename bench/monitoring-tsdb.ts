import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { backfill } from '../test/support/prometheus.js';
import type { NodeSeries, SeriesRange } from '../test/support/node-series.js';

/**
 * Bump when the series the benchmark generates change (shapes, families, labels): a cached TSDB
 * of another version is never reused.
 */
export const GENERATOR_VERSION = 2;

/** Gitignored, at the repository's root (this file runs from dist/bench); one TSDB per version, node set and range. */
const CACHE = fileURLToPath(new URL('../../.bench-cache/monitoring', import.meta.url));

export interface BenchTsdb {
  /** The TSDB directory, for `LocalPrometheus.serve`. */
  data: string;
  samples: number;
  /** Whether this run generated and backfilled it (else it came from the cache). */
  built: boolean;
  /** Generating the OpenMetrics and backfilling them, in this run; 0 when cached. */
  buildMs: number;
}

/**
 * The TSDB holding `series` over `range`, built with promtool on first use and reused by later
 * runs: a week of 1-minute samples for 300 nodes takes minutes to generate and backfill, and
 * the benchmark measures sizing, not promtool.
 */
export async function benchTsdb(series: readonly NodeSeries[], range: SeriesRange): Promise<BenchTsdb> {
  const key = createHash('sha256')
    .update(JSON.stringify({ instances: series.map((s) => s.instance), range }))
    .digest('hex')
    .slice(0, 12);
  const dir = join(CACHE, `v${GENERATOR_VERSION}-${series.length}n-${range.step}s-${key}`);
  const data = join(dir, 'data');
  const done = join(dir, 'complete.json');
  if (existsSync(done)) {
    const { samples } = JSON.parse(readFileSync(done, 'utf8')) as { samples: number };
    return { data, samples, built: false, buildMs: 0 };
  }
  // A half-built cache (an interrupted run) is thrown away, never served.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const samples = await backfill(series, range, data);
  const buildMs = performance.now() - t0;
  writeFileSync(done, JSON.stringify({ samples, generator: GENERATOR_VERSION, range, buildMs: Math.round(buildMs) }));
  return { data, samples, built: true, buildMs };
}
