import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRangeResponse } from '../../src/monitoring/client.js';
import { figuresFromAnswers, planSeries } from '../../src/monitoring/collect.js';
import { RESOURCES } from '../../src/monitoring/queries.js';
import { resolveSettings } from '../../src/monitoring/settings.js';
import { parseTopology } from '../../src/topology/parse.js';
import { liveYaml, RANGE } from '../support/monitoring-scenario.js';

// Responses recorded from the real Prometheus of live.test.ts (1-hour step); re-record with RECORD_FIXTURES=1.
const answers = RESOURCES.map((r) =>
  parseRangeResponse(
    JSON.parse(readFileSync(new URL(`fixtures/query-range-${r}.json`, import.meta.url), 'utf8')),
    'fixture',
  ),
);

function figures(yaml = liveYaml(), block?: Parameters<typeof resolveSettings>[0]) {
  const parsed = parseTopology(yaml);
  if (!parsed.ok) throw new Error('does not parse');
  const plan = planSeries(parsed.topology, resolveSettings(block, { url: 'http://prom.test' })!);
  return figuresFromAnswers(plan, answers, RANGE.start, RANGE.end);
}

describe('figures from recorded Prometheus responses', () => {
  it('maps series to nodes by private hostname, port stripped', () => {
    const { nodes } = figures();
    expect(Object.keys(nodes).sort()).toContain('pbx-2');
    expect(nodes['sip-1']!.series).toBe('sip-1.int.example.com');
    expect(nodes['sip-1']!.figures.cpu!.p95).toBeCloseTo(0.57, 1);
    expect(nodes['sip-1']!.figures.cpu!.points).toBe(168);
  });

  it('orders p50 ≤ p95 ≤ p99 ≤ max', () => {
    for (const usage of Object.values(figures().nodes))
      for (const f of Object.values(usage.figures)) {
        expect(f.p50).toBeLessThanOrEqual(f.p95);
        expect(f.p95).toBeLessThanOrEqual(f.p99);
        expect(f.p99).toBeLessThanOrEqual(f.max);
      }
  });

  it('finds the growing series and forecasts it', () => {
    const pbx = figures().nodes['pbx-2']!;
    expect(pbx.forecasts.map((f) => f.resource)).toEqual(['cpu']);
    expect(pbx.forecasts[0]!.days).toBeGreaterThan(5);
  });

  it('reports a node without series with its selector', () => {
    expect(figures().missing.map((m) => m.node)).toEqual(['worker-2', 'worker-3']);
  });

  it('a template that names the series by node name finds nothing here, and says so', () => {
    const { nodes, missing } = figures(undefined, { template: '{name}.example.org' });
    expect(nodes).toEqual({});
    expect(missing[0]!.selector).toBe('{instance=~"(?i:sql-1[.]example[.]org)(?::[0-9]+)?"}');
  });

  it('a configurable label is read from the series', () => {
    const { nodes } = figures(undefined, { label: 'nodename' });
    expect(nodes).toEqual({});
  });

  it('refuses answers that are not Prometheus answers', () => {
    expect(() => parseRangeResponse({ status: 'success', data: { resultType: 'vector', result: [] } }, 'x')).toThrow(
      /did not answer like a Prometheus query API/,
    );
    const matrix = (values: unknown) => ({
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: { instance: 'a' }, values }] },
    });
    for (const values of ['1,2', [[1, 0.5]], [['1', '0.5']], [[1, '0.5', 3]], [null]])
      expect(() => parseRangeResponse(matrix(values), 'x'), JSON.stringify(values)).toThrow(
        /did not answer like a Prometheus query API/,
      );
    expect(() => parseRangeResponse({ status: 'error', error: 'parse error at char 3' }, 'x')).toThrow(
      /refused the query: parse error/,
    );
    expect(
      parseRangeResponse(
        {
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              {
                metric: {},
                values: [
                  [1, 'NaN'],
                  [2, '0.5'],
                ],
              },
            ],
          },
        },
        'x',
      )[0]!.points,
    ).toEqual([[2, 0.5]]);
  });
});
