import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.js';
import { liveYaml } from '../support/monitoring-scenario.js';
import { recordedUsage } from '../support/recorded-usage.js';
import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('SIZE003', {
  valid: [
    {
      name: 'below 80 %',
      topology: topology((t) => (findNode(t, 'web-1').metrics = { cpu: 0.794, memory: 0.5, io: 0.1 })),
    },
  ],
  invalid: [
    {
      name: 'web at 80 % cpu',
      topology: topology((t) => (findNode(t, 'web-1').metrics = { cpu: 0.8 })),
      errors: [{ node: 'web-1', severity: 'info' }],
    },
    {
      name: 'sql at 95 % io',
      topology: topology((t) => (findNode(t, 'sql-1').metrics = { io: 0.95 })),
      errors: [{ node: 'sql-1', severity: 'warning' }],
    },
    {
      name: '0.896 prints as 90 %, so it is a warning',
      topology: topology((t) => (findNode(t, 'web-1').metrics = { cpu: 0.896 })),
      errors: [{ node: 'web-1', severity: 'warning' }],
    },
    {
      name: '0.796 prints as 80 %, so it is reported',
      topology: topology((t) => (findNode(t, 'web-1').metrics = { cpu: 0.796 })),
      errors: [{ node: 'web-1', severity: 'info' }],
    },
    {
      name: 'distributed-db at 90 % memory',
      topology: topology((t) => (findNode(t, 'ddb-2').metrics = { memory: 0.9 })),
      errors: [{ node: 'ddb-2', severity: 'warning' }],
    },
  ],
});

describe('SIZE003 with live figures (responses recorded from Prometheus)', () => {
  const yaml = liveYaml();
  const usage = recordedUsage(yaml);
  const size003 = (u = usage, text = yaml) =>
    checkText(text, { usage: u, today: '2026-11-25' }).findings.filter((f) => f.rule === 'SIZE003');

  it('reads the p95 by default, says so, and keeps a stable key', () => {
    const found = size003();
    const worker = found.find((f) => f.node === 'worker-1' && f.messageId === 'busyLive')!;
    expect(worker).toMatchObject({ severity: 'info', data: { resource: 'cpu', level: 'info' } });
    expect(worker.data).not.toHaveProperty('percent');
    expect(worker.message).toMatch(/^node worker-1 runs at 8\d % cpu \(p95 over 7d\); add worker nodes/);
    expect(found.find((f) => f.node === 'sql-1')).toMatchObject({ severity: 'warning' });
    expect(found.find((f) => f.node === 'sql-1')!.message).toMatch(/9\d % io .*add a SQL slave/);
  });

  it('the percentile is configurable', () => {
    const max = size003(recordedUsage(yaml, { percentile: 'max' }));
    expect(max.find((f) => f.node === 'worker-1')!.message).toContain('(max over 7d)');
  });

  it('forecasts a growing node where the trend is meaningful', () => {
    const trend = size003().find((f) => f.messageId === 'forecast')!;
    expect(trend.node).toBe('pbx-2');
    expect(trend.message).toMatch(/^pbx-2 cpu p95 reaches 80 % in about \d+ days at the current growth \(now \d+ %/);
    expect(trend.message).toContain('add PBX nodes');
  });

  it('falls back to the file when the endpoint failed', () => {
    const failed = { ...usage, nodes: {}, missing: [], failure: 'down' };
    const text = liveYaml((t) => (t.nodes[0].metrics = { io: 0.95 }));
    expect(size003(failed, text).map((f) => [f.node, f.messageId])).toEqual([['sql-1', 'busy']]);
  });
});
