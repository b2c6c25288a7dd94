import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTopology } from '../../bench/generate-topology.js';
import { checkText } from '../../src/engine/check.js';
import { sizeTopology } from '../../src/sizing/advice.js';
import { parseTopology } from '../../src/topology/parse.js';
import { addNode, findNode, topology, toYaml } from '../support/topology.js';

const examples = (dir: string) =>
  readdirSync(new URL(`../../examples/${dir}`, import.meta.url))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [`${dir}${f}`, readFileSync(new URL(`../../examples/${dir}${f}`, import.meta.url), 'utf8')] as const);

const shared = toYaml(
  topology((t) => {
    findNode(t, 'sip-1').roles = ['sip', 'pbx'];
    findNode(t, 'sip-1').instanceType = 'c7i.4xlarge';
    findNode(t, 'web-1').roles = ['web', 'worker', 'infrastructure-controller'];
    findNode(t, 'web-1').instanceType = 'c7i.4xlarge';
    addNode(t, 'sql-2', ['sql-slave'], { resources: { storage: 'hdd' } });
    addNode(t, 'q-1', ['queue'], { resources: { vcpus: 1 } });
  }),
);

const cases: (readonly [string, string])[] = [
  ...examples(''),
  ...examples('broken/'),
  ['generated-100', generateTopology(100)],
  ['generated-1000', generateTopology(1000)],
  ['shared roles', shared],
];

describe('sizing and SIZE001 agree', () => {
  it.each(cases)('%s: a node sizing calls undersized has a SIZE001 finding, and the other way round', (_, text) => {
    const parsed = parseTopology(text, { maxBytes: 64 << 20 });
    if (!parsed.ok) return;
    const undersized = sizeTopology(parsed.topology)
      .nodes.filter((n) => n.status === 'undersized')
      .map((n) => n.node)
      .sort();
    const flagged = checkText(text, { maxBytes: 64 << 20, today: '2026-11-25' })
      .findings.filter((f) => f.rule === 'SIZE001')
      .map((f) => f.node!)
      .sort();
    expect(flagged).toEqual(undersized);
  });

  it('a node with several roles needs the sum of their references; storage-only resources are read as declared', () => {
    const parsed = parseTopology(shared);
    if (!parsed.ok) throw new Error('invalid');
    const nodes = Object.fromEntries(sizeTopology(parsed.topology).nodes.map((n) => [n.node, n]));
    // c1.xlarge (8 vCPU, 7 GiB) for each of sip and pbx: 16 vCPU, 14 GiB; c7i.4xlarge has 16 and 32.
    expect(nodes['sip-1']).toMatchObject({ status: 'ok', needs: { vcpus: 16, memoryGiB: 14 } });
    // web + worker (8 + 8) + controller (m1.small: 1): 17 vCPU > 16.
    expect(nodes['web-1']).toMatchObject({ status: 'undersized', needs: { vcpus: 17 } });
    expect(nodes['sql-2']).toMatchObject({ status: 'undersized', have: { storage: 'hdd' } });
    expect(nodes['sql-2']!.advice.join()).toMatch(/hdd storage where ssd or faster is needed/);
    expect(nodes['sql-2']!.advice.join()).toMatch(/declares storage only/);
    expect(nodes['q-1']).toMatchObject({ status: 'unknown', needsText: 'no reference for its roles' });
    for (const n of Object.values(nodes)) {
      expect(n.needsText).not.toMatch(/hdd|0 vCPU/);
      expect(n.advice.join()).not.toMatch(/needs .*hdd|needs 0 vCPU/);
    }
  });
});
