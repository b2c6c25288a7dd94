import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.js';
import type { LiveUsage } from '../../src/monitoring/usage.js';
import { liveYaml } from '../support/monitoring-scenario.js';
import { recordedUsage } from '../support/recorded-usage.js';
import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('SIZE004', {
  valid: [{ name: 'every node monitored', topology: topology() }],
  invalid: [
    {
      name: 'one node without metrics',
      topology: topology((t) => delete findNode(t, 'pbx-2').metrics),
      errors: [{ node: 'pbx-2', severity: 'info' }],
    },
    {
      name: 'no metrics at all',
      topology: topology((t) => t.nodes.forEach((n: Record<string, unknown>) => delete n.metrics)),
      errors: [{ node: 'sql-1' }],
    },
  ],
});

describe('SIZE004 with live figures (responses recorded from Prometheus)', () => {
  const yaml = liveYaml();
  const size004 = (usage: LiveUsage, text = yaml) =>
    checkText(text, { usage, today: '2026-11-25' }).findings.filter((f) => f.rule === 'SIZE004');

  it('names each node without series and the selector that found nothing', () => {
    const found = size004(recordedUsage(yaml));
    expect(found.map((f) => f.message)).toEqual([
      'node worker-2 has no io series at http://prometheus.test:9090: {instance=~"(?i:worker-2[.]int[.]example[.]com)(?::[0-9]+)?"} found nothing for it',
      'node worker-3 has no series at http://prometheus.test:9090: {instance=~"(?i:worker-3[.]int[.]example[.]com)(?::[0-9]+)?"} found nothing',
    ]);
  });

  it('one finding when the mapping matches no node at all', () => {
    const found = size004(recordedUsage(yaml, { template: '{name}' }));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/no node of the topology has series .* check the mapping/);
  });

  it('an endpoint that failed is one finding; the file metrics still count', () => {
    const failed = {
      ...recordedUsage(yaml),
      nodes: {},
      missing: [],
      failure: 'http://prometheus.test:9090 is unreachable (ECONNREFUSED)',
    };
    const found = size004(failed);
    expect(found).toHaveLength(2);
    expect(found.find((f) => f.messageId === 'endpointFailed')!.message).toBe(
      "monitoring endpoint http://prometheus.test:9090 could not be read: http://prometheus.test:9090 is unreachable (ECONNREFUSED); figures come from the file's metrics",
    );
    expect(found.find((f) => f.messageId === 'noneMonitored')!.message).toMatch(/^no node carries metrics/);
  });
});
