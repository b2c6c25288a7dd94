import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPES, instanceType } from '../../src/sizing/catalog.js';
import { sizeTopology } from '../../src/sizing/advice.js';
import { parseTopology } from '../../src/topology/parse.js';
import { findNode, topology, toYaml, type Doc } from '../support/topology.js';
import { runCli } from '../support/run-cli.js';

function sized(doc: Doc) {
  const parsed = parseTopology(toYaml(doc));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return sizeTopology(parsed.topology);
}

describe('instance type catalogue', () => {
  it.each(['m5', 'm6i', 'm7i', 'c5', 'c6i', 'c7i', 'r5', 'r6i', 'i3', 'i4i', 't3'])(
    'has the %s family in its common sizes',
    (family) => {
      const types = INSTANCE_TYPES.filter((t) => t.family === family && t.generation === 'current');
      expect(types.length).toBeGreaterThanOrEqual(6);
      for (const t of types) {
        expect(t.vcpus).toBeGreaterThan(0);
        expect(t.memoryGiB).toBeGreaterThan(0);
        expect(['ebs', 'nvme']).toContain(t.storage);
      }
    },
  );
  it('knows the seed reference types', () => {
    expect(instanceType('hi1.4xlarge')).toMatchObject({ vcpus: 16, memoryGiB: 60.5, generation: 'previous' });
    expect(instanceType('C1.XLARGE')).toMatchObject({ vcpus: 8 });
  });
});

describe('sizing advice', () => {
  it('recommends current types by the roles profile', () => {
    const report = sized(topology());
    const rec = Object.fromEntries(report.nodes.map((n) => [n.node, n.recommended]));
    expect(rec['sql-1']).toBe('i4i.4xlarge');
    expect(rec['ddb-1']).toBe('r6i.large');
    expect(rec['sip-1']).toBe('c7i.2xlarge');
    expect(rec['ic-1']).toBe('t3.small');
    expect(report.nodes.every((n) => n.status === 'ok')).toBe(true);
  });
  it('flags an undersized node and sums contending roles', () => {
    const report = sized(
      topology((t) => {
        findNode(t, 'sip-1').roles = ['sip', 'pbx'];
        findNode(t, 'sip-1').instanceType = 'c7i.xlarge';
      }),
    );
    const sip = report.nodes.find((n) => n.node === 'sip-1')!;
    expect(sip.status).toBe('undersized');
    expect(sip.needs.vcpus).toBe(16);
    expect(sip.recommended).toBe('c7i.4xlarge');
  });
  it('turns metrics into scale-out or scale-up advice', () => {
    const report = sized(
      topology((t) => {
        findNode(t, 'web-1').metrics.cpu = 0.85;
        findNode(t, 'ddb-1').metrics.memory = 0.92;
      }),
    );
    expect(report.nodes.find((n) => n.node === 'web-1')!.advice.join()).toMatch(/add web nodes/);
    expect(report.nodes.find((n) => n.node === 'ddb-1')!.advice.join()).toMatch(/scale the node up/);
  });
  it('voipnow sizing prints per-node advice as text or JSON', async () => {
    const text = await runCli(['sizing', 'examples/medium.yaml']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('recommended i4i.4xlarge');
    const json = JSON.parse((await runCli(['sizing', 'examples/medium.yaml', '--format', 'json'])).stdout);
    expect(json.nodes).toHaveLength(21);
    expect((await runCli(['sizing', 'examples/broken/schema.yaml'])).code).toBe(2);
  });
});
