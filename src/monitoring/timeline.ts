import type { Resource } from '../sizing/catalog.js';
import type { RangeSeries } from './client.js';
import type { SeriesPlan } from './collect.js';
import { RESOURCES } from './queries.js';
import { seriesKey } from './series-map.js';

/** Points per series kept for a chart: enough for a 1,000-px-wide line, small enough to ride on a job. */
export const TIMELINE_BUCKETS = 240;

/**
 * Utilisation over the window, per node and resource, for charts: the window cut into equal
 * buckets, each the busiest point in it (a spike past a threshold must not be averaged away);
 * null where the bucket has no point. Values 0..1, rounded to 4 decimals.
 */
export interface Timeline {
  /** Unix seconds of the window's start and end. */
  start: number;
  end: number;
  buckets: number;
  nodes: Record<string, Partial<Record<Resource, (number | null)[]>>>;
}

/**
 * The timeline of the nodes a plan maps, from the answers of the resource queries (in RESOURCES
 * order) of a window read at `stepSeconds`.
 */
export function timelineFromAnswers(
  plan: SeriesPlan,
  answers: readonly RangeSeries[][],
  start: number,
  end: number,
  stepSeconds: number,
): Timeline {
  // Never finer than the step: an empty bucket between two points would break the line.
  const buckets = Math.max(1, Math.min(TIMELINE_BUCKETS, Math.floor((end - start) / stepSeconds)));
  const width = Math.max(1, end - start) / buckets;
  const nodeOf = new Map<string, string[]>();
  for (const [name, value] of plan.values) nodeOf.set(value, [...(nodeOf.get(value) ?? []), name]);
  const nodes: Timeline['nodes'] = {};
  RESOURCES.forEach((resource, i) => {
    for (const series of answers[i] ?? []) {
      const raw = series.labels[plan.label];
      if (raw === undefined) continue;
      for (const name of nodeOf.get(seriesKey(raw)) ?? []) {
        const line = ((nodes[name] ??= {})[resource] ??= new Array<number | null>(buckets).fill(null));
        for (const [t, v] of series.points) {
          const b = Math.min(buckets - 1, Math.floor((t - start) / width));
          if (b < 0) continue;
          const value = Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000;
          line[b] = Math.max(value, line[b] ?? -Infinity);
        }
      }
    }
  });
  return { start, end, buckets, nodes };
}
