import { describe, expect, it } from 'vitest';
import { resilience } from '../../src/whatif/resilience.js';
import { whatIf } from '../../src/whatif/simulate.js';
import { TOPOLOGIES } from './topologies.js';

describe('resilience (N-1) simulates every single failure, worst first', () => {
  it('tests every node, host, zone and balancer of the medium example and gives a verdict per domain', () => {
    const t = TOPOLOGIES.medium!;
    const report = resilience(t);
    const hosts = new Set(t.nodes.map((n) => n.host)).size;
    const zones = new Set(t.nodes.map((n) => n.zone)).size;
    expect(report.scenarios).toHaveLength(t.nodes.length + hosts + zones + t.loadBalancers!.length);
    const byDomain = Object.fromEntries(report.verdicts.map((v) => [v.domain, v]));
    expect(byDomain.host).toMatchObject({ survives: false, worst: { label: 'host hv-11', overall: 'total' } });
    expect(byDomain.host!.text).toBe('survives any single host: no — host hv-11 takes sql-1: total');
    expect(byDomain.balancer).toMatchObject({ survives: true, tested: 2 });
    expect(report.scenarios[0]!.overall).toBe('total');
    const ranks = report.scenarios.map((s) => ['none', 'degraded', 'partial', 'total'].indexOf(s.overall));
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  });

  it('agrees with what-if on every single loss', () => {
    for (const [name, t] of Object.entries(TOPOLOGIES)) {
      const report = resilience(t);
      for (const s of report.scenarios.filter((x) => x.domain !== 'balancer')) {
        const answer = whatIf(t, `what if ${s.domain} ${s.names[0]} fails`);
        expect(answer.ok, `${name}: ${s.label}`).toBe(true);
        if (answer.ok) expect(answer.overall, `${name}: ${s.label}`).toBe(s.overall);
      }
    }
  });

  it('depth 2 adds every pair of hosts and of zones', () => {
    const t = TOPOLOGIES.sharded!;
    const report = resilience(t, { depth: 2 });
    const pairs = report.scenarios.filter((s) => s.domain === 'host pair');
    expect(pairs).toHaveLength((4 * 3) / 2);
    expect(report.verdicts.find((v) => v.domain === 'zone pair')).toMatchObject({ survives: false, tested: 3 });
    const hv12 = pairs.find((p) => p.names.join() === 'hv-1,hv-2')!;
    expect(hv12.overall).toBe('total');
  });

  it('says a domain is not tested when no node declares it', () => {
    const report = resilience(TOPOLOGIES.reserved!, { depth: 2 });
    expect(report.verdicts.find((v) => v.domain === 'host pair')).toMatchObject({ survives: false });
    const none = resilience({
      ...TOPOLOGIES.reserved!,
      nodes: TOPOLOGIES.reserved!.nodes.map(({ host: _h, zone: _z, ...n }) => n),
    });
    expect(none.verdicts.find((v) => v.domain === 'host')).toMatchObject({ survives: null, tested: 0 });
    expect(none.verdicts.find((v) => v.domain === 'host')!.text).toMatch(/not tested — no node declares a host/);
  });
});
