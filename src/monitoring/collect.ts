import type { Resource } from '../sizing/catalog.js';
import type { Topology } from '../topology/schema.js';
import { MonitoringError, publicEndpoint, type PrometheusClient, type RangeSeries } from './client.js';
import { formatDuration } from './duration.js';
import { forecast } from './forecast.js';
import { figureOf } from './percentiles.js';
import { RESOURCES, utilisationQuery } from './queries.js';
import { labelValue, selector, seriesKey } from './series-map.js';
import { timelineFromAnswers } from './timeline.js';
import type { MonitoringSettings } from './settings.js';
import type { Explanation, LiveUsage, MissingSeries, NodeUsage } from './usage.js';

/** Which label value each node's series carry; nodes the template cannot map are missing from the start. */
export interface SeriesPlan {
  label: string;
  values: Map<string, string>;
  unmapped: MissingSeries[];
}

export function planSeries(topology: Topology, settings: Pick<MonitoringSettings, 'label' | 'template'>): SeriesPlan {
  const values = new Map<string, string>();
  const unmapped: MissingSeries[] = [];
  for (const node of topology.nodes) {
    const value = labelValue(node, settings.template);
    if (value) values.set(node.name, value);
    else
      unmapped.push({
        node: node.name,
        selector: '(none)',
        resources: [...RESOURCES],
        reason: `the template ${settings.template} needs a field the node does not have`,
      });
  }
  return { label: settings.label, values, unmapped };
}

export interface CollectOptions {
  /** Keep the series over the window (`LiveUsage.timeline`), for a chart. */
  timeline?: boolean;
}

/**
 * Reads the live utilisation of every node of a topology: one range query per resource for the
 * whole topology, figures and trends computed here. Never throws for the endpoint's sake: a
 * failure is reported in `failure` so the check can go on from the file.
 */
export async function collectUsage(
  topology: Topology,
  settings: MonitoringSettings,
  client: PrometheusClient,
  now: Date,
  options: CollectOptions = {},
): Promise<LiveUsage> {
  const end = Math.floor(now.getTime() / 1000);
  const start = end - settings.windowSeconds;
  const base = {
    endpoint: publicEndpoint(settings.url),
    window: formatDuration(settings.windowSeconds),
    step: formatDuration(settings.stepSeconds),
    end: new Date(end * 1000).toISOString(),
    percentile: settings.percentile,
    label: settings.label,
    stepSeconds: settings.stepSeconds,
  };
  const plan = planSeries(topology, settings);
  const { values, unmapped } = plan;
  const sel = selector(settings.label, [...values.values()]);
  const explain: Explanation[] = RESOURCES.map((resource) => ({
    resource,
    promql: utilisationQuery(resource, settings.label, sel, settings.stepSeconds),
    window: base.window,
    step: base.step,
    end: base.end,
  }));
  const queriesBefore = client.queries;
  if (values.size === 0) return { ...base, nodes: {}, missing: unmapped, explain, queries: 0 };
  let answers: RangeSeries[][];
  try {
    answers = await Promise.all(explain.map((e) => client.queryRange(e.promql, start, end, settings.stepSeconds)));
  } catch (error) {
    if (!(error instanceof MonitoringError)) throw error;
    return {
      ...base,
      nodes: {},
      missing: [],
      explain,
      queries: client.queries - queriesBefore,
      failure: error.message,
    };
  }
  return {
    ...base,
    ...figuresFromAnswers(plan, answers, start, end),
    ...(options.timeline ? { timeline: timelineFromAnswers(plan, answers, start, end, settings.stepSeconds) } : {}),
    explain,
    queries: client.queries - queriesBefore,
  };
}

/**
 * The pure half of a collection: figures, trends and missing series from the answers of the
 * resource queries (in RESOURCES order). The fast tests feed it responses recorded from Prometheus.
 */
export function figuresFromAnswers(
  plan: SeriesPlan,
  answers: readonly RangeSeries[][],
  start: number,
  end: number,
): { nodes: Record<string, NodeUsage>; missing: MissingSeries[] } {
  const { values, unmapped, label } = plan;
  // Series by key; two series for one key (two exporters, two ports) merge by the busier point.
  const byKey = RESOURCES.map((_, i) => {
    const groups = new Map<string, RangeSeries[]>();
    for (const series of answers[i]!) {
      const raw = series.labels[label];
      if (raw === undefined) continue;
      const key = seriesKey(raw);
      const group = groups.get(key);
      if (group) group.push(series);
      else groups.set(key, [series]);
    }
    const map = new Map<string, [number, number][]>();
    for (const [key, group] of groups) map.set(key, group.length === 1 ? group[0]!.points : merged(group));
    return map;
  });
  const nodes: Record<string, NodeUsage> = {};
  const missing: MissingSeries[] = [...unmapped];
  for (const [name, value] of values) {
    const usage: NodeUsage = { series: value, figures: {}, forecasts: [] };
    const absent: Resource[] = [];
    RESOURCES.forEach((resource, i) => {
      const points = byKey[i]!.get(value);
      const figure = points && figureOf(points.map((p) => p[1]));
      if (!points || !figure) {
        absent.push(resource);
        return;
      }
      usage.figures[resource] = figure;
      const trend = forecast(resource, points, start, end);
      if (trend) usage.forecasts.push(trend);
    });
    if (absent.length) missing.push({ node: name, selector: selector(label, [value]), resources: absent });
    if (absent.length < RESOURCES.length) nodes[name] = usage;
  }
  return { nodes, missing };
}

/** Several series of one node as one, point by point, keeping the busier value. */
function merged(group: readonly RangeSeries[]): [number, number][] {
  const points = new Map<number, number>();
  for (const series of group)
    for (const [t, v] of series.points) points.set(t, Math.max(v, points.get(t) ?? -Infinity));
  return [...points.entries()].sort((a, b) => a[0] - b[0]);
}

/** The query as it reads for one node: what `--explain` and "why?" show next to a figure. */
export function explainFor(usage: LiveUsage, node: string, resource: Resource): Explanation | undefined {
  const e = usage.explain.find((x) => x.resource === resource);
  const series = usage.nodes[node]?.series;
  if (!e || !series) return undefined;
  return { ...e, promql: utilisationQuery(resource, usage.label, selector(usage.label, [series]), usage.stepSeconds) };
}
