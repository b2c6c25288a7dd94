import type { Resource } from '../sizing/catalog.js';
import type { Percentile } from './settings.js';
import type { Timeline } from './timeline.js';

/** A resource's utilisation over the window, 0..1. */
export interface Figure {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Points the figure is computed from. */
  points: number;
}

/** "pbx-2 CPU p95 reaches 80 % in about 23 days at the current growth". */
export interface Forecast {
  resource: Resource;
  /** p95 of the last slice of the window. */
  now: number;
  /** Growth of the p95 per day, from a least-squares line through the slices' p95. */
  perDay: number;
  /** Coefficient of determination of that line. */
  r2: number;
  threshold: number;
  days: number;
}

export interface NodeUsage {
  /** The label value the node's series carry (port stripped). */
  series: string;
  figures: Partial<Record<Resource, Figure>>;
  forecasts: Forecast[];
}

/** Why a figure is what it is: shown by `--explain` and the "why?" button. */
export interface Explanation {
  resource: Resource;
  /** The query for the whole topology. */
  promql: string;
  window: string;
  step: string;
  /** ISO time the window ends. */
  end: string;
}

/** A node whose series were not found, with the selector that found nothing. */
export interface MissingSeries {
  node: string;
  selector: string;
  resources: Resource[];
  reason?: string;
}

/**
 * Live utilisation of a topology's nodes: plain data, so it can ride on a job, be stored with an
 * audit run and reach the pure engine.
 */
export interface LiveUsage {
  endpoint: string;
  window: string;
  step: string;
  end: string;
  percentile: Percentile;
  /** The series label nodes are matched on, and the step in seconds: enough to rebuild a node's query. */
  label: string;
  stepSeconds: number;
  nodes: Record<string, NodeUsage>;
  missing: MissingSeries[];
  explain: Explanation[];
  queries: number;
  /** Set when the endpoint could not be read: the check goes on from the file's metrics. */
  failure?: string;
  /** The series over the window, for charts; collected only when asked (it is the bulk of the data). */
  timeline?: Timeline;
}

export function figureValue(figure: Figure, percentile: Percentile): number {
  return figure[percentile];
}
