import { readFileSync } from 'node:fs';
import { parseRangeResponse } from '../../src/monitoring/client.js';
import { figuresFromAnswers, planSeries } from '../../src/monitoring/collect.js';
import { formatDuration } from '../../src/monitoring/duration.js';
import { RESOURCES, utilisationQuery } from '../../src/monitoring/queries.js';
import { selector } from '../../src/monitoring/series-map.js';
import { timelineFromAnswers } from '../../src/monitoring/timeline.js';
import { resolveSettings, type MonitoringBlock } from '../../src/monitoring/settings.js';
import type { LiveUsage } from '../../src/monitoring/usage.js';
import { parseTopology } from '../../src/topology/parse.js';
import { RANGE } from './monitoring-scenario.js';

const answers = RESOURCES.map((r) =>
  parseRangeResponse(
    JSON.parse(readFileSync(new URL(`../monitoring/fixtures/query-range-${r}.json`, import.meta.url), 'utf8')),
    'fixture',
  ),
);

/**
 * The LiveUsage a collection against the scenario's Prometheus yields, rebuilt from the responses
 * recorded from it (1-hour step): the fast tier's stand-in for the live endpoint.
 */
export function recordedUsage(
  yaml: string,
  block: MonitoringBlock = {},
  options: { timeline?: boolean } = {},
): LiveUsage {
  const parsed = parseTopology(yaml);
  if (!parsed.ok) throw new Error('does not parse');
  const settings = resolveSettings({ step: '1h', ...block }, { url: 'http://prometheus.test:9090' })!;
  const plan = planSeries(parsed.topology, settings);
  const sel = selector(settings.label, [...plan.values.values()]);
  return {
    endpoint: 'http://prometheus.test:9090',
    window: formatDuration(settings.windowSeconds),
    step: formatDuration(settings.stepSeconds),
    end: new Date(RANGE.end * 1000).toISOString(),
    percentile: settings.percentile,
    label: settings.label,
    stepSeconds: settings.stepSeconds,
    ...figuresFromAnswers(plan, answers, RANGE.start, RANGE.end),
    explain: RESOURCES.map((resource) => ({
      resource,
      promql: utilisationQuery(resource, settings.label, sel, settings.stepSeconds),
      window: formatDuration(settings.windowSeconds),
      step: formatDuration(settings.stepSeconds),
      end: new Date(RANGE.end * 1000).toISOString(),
    })),
    queries: 3,
    ...(options.timeline
      ? { timeline: timelineFromAnswers(plan, answers, RANGE.start, RANGE.end, settings.stepSeconds) }
      : {}),
  };
}
