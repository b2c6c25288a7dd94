import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusClient } from '../../src/monitoring/client.js';
import { collectUsage } from '../../src/monitoring/collect.js';
import { resolveSettings } from '../../src/monitoring/settings.js';
import type { LiveUsage } from '../../src/monitoring/usage.js';
import { parseTopology } from '../../src/topology/parse.js';
import type { Topology } from '../../src/topology/schema.js';
import { LocalPrometheus, prometheusMissing } from '../support/prometheus.js';
import { liveSeries, liveYaml, NOW, RANGE } from '../support/monitoring-scenario.js';

const missing = prometheusMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== undefined)('live figures from a real Prometheus', () => {
  let prom: LocalPrometheus;
  let topology: Topology;
  let usage: LiveUsage;
  let client: PrometheusClient;

  beforeAll(async () => {
    prom = await LocalPrometheus.start(liveSeries(), RANGE);
    const parsed = parseTopology(liveYaml());
    if (!parsed.ok) throw new Error('scenario topology does not parse');
    topology = parsed.topology;
    client = new PrometheusClient({ url: prom.url });
    usage = await collectUsage(topology, resolveSettings(undefined, { url: prom.url })!, client, NOW);
  }, 120_000);
  afterAll(async () => prom?.stop());

  it('asks one query per resource for the whole topology', () => {
    expect(usage.failure).toBeUndefined();
    expect(usage.queries).toBe(3);
    expect(client.queries).toBe(3);
    expect(usage.window).toBe('7d');
    expect(usage.step).toBe('5m');
  });

  it('steady series: p50 to max close together', () => {
    const cpu = usage.nodes['sip-1']!.figures.cpu!;
    expect(cpu.p50).toBeCloseTo(0.55, 1);
    expect(cpu.max - cpu.p50).toBeLessThan(0.05);
    expect(cpu.points).toBeGreaterThan(2000);
    expect(usage.nodes['sip-1']!.figures.memory!.p95).toBeCloseTo(0.42, 1);
    expect(usage.nodes['sql-1']!.figures.io!.p95).toBeGreaterThan(0.9);
  });

  it('spiky series: the spikes show in max and p99, not in p50', () => {
    const cpu = usage.nodes['web-1']!.figures.cpu!;
    expect(cpu.p50).toBeCloseTo(0.31, 1);
    expect(cpu.max).toBeGreaterThan(0.4);
  });

  it('growing series: a forecast with its fit; steady ones have none', () => {
    const [trend] = usage.nodes['pbx-2']!.forecasts;
    expect(trend).toMatchObject({ resource: 'cpu', threshold: 0.8 });
    expect(trend!.perDay).toBeCloseTo(0.2 / 7, 2);
    expect(trend!.r2).toBeGreaterThan(0.9);
    expect(trend!.days).toBeGreaterThan(5);
    expect(trend!.days).toBeLessThan(15);
    expect(usage.nodes['sip-1']!.forecasts).toEqual([]);
  });

  it('missing node: reported with the selector that found nothing', () => {
    expect(usage.nodes['worker-3']).toBeUndefined();
    expect(usage.missing).toContainEqual({
      node: 'worker-3',
      selector: '{instance=~"(?i:worker-3[.]int[.]example[.]com)(?::[0-9]+)?"}',
      resources: ['cpu', 'memory', 'io'],
    });
    expect(usage.missing.find((m) => m.node === 'worker-2')?.resources).toEqual(['io']);
  });
});

/**
 * `RECORD_FIXTURES=1 npx vitest run test/monitoring/live.test.ts` re-records the fast tier's
 * responses (test/monitoring/fixtures) from this Prometheus, at a 1-hour step to keep them small.
 */
describe.runIf(missing === undefined && process.env.RECORD_FIXTURES === '1')('recording fixtures', () => {
  it('records the three range queries of the scenario', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const prom = await LocalPrometheus.start(liveSeries(), RANGE);
    try {
      const parsed = parseTopology(liveYaml());
      if (!parsed.ok) throw new Error('scenario topology does not parse');
      const settings = resolveSettings({ step: '1h' }, { url: prom.url })!;
      const usage = await collectUsage(parsed.topology, settings, new PrometheusClient({ url: prom.url }), NOW);
      mkdirSync('test/monitoring/fixtures', { recursive: true });
      for (const e of usage.explain) {
        const body = new URLSearchParams({
          query: e.promql,
          start: String(RANGE.end - settings.windowSeconds),
          end: String(RANGE.end),
          step: String(settings.stepSeconds),
        });
        const res = await fetch(`${prom.url}/api/v1/query_range`, { method: 'POST', body });
        writeFileSync(`test/monitoring/fixtures/query-range-${e.resource}.json`, await res.text());
      }
    } finally {
      await prom.stop();
    }
  }, 120_000);
});
