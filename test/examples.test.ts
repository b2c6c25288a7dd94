import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/engine/check.js';
import { parseTopology } from '../src/topology/parse.js';

const read = (name: string) => readFileSync(new URL(`../examples/${name}`, import.meta.url));
const rules = (name: string, baseline?: string) =>
  new Set(
    checkText(read(name), { today: '2026-11-25', ...(baseline ? { baselineText: read(baseline) } : {}) }).findings.map(
      (f) => f.rule,
    ),
  );

describe('examples', () => {
  it.each([
    ['small.yaml', 3, 0],
    ['medium.yaml', 20, 0],
    ['large.yaml', 280, 0],
  ])('%s is valid (≥ %i nodes) with %i errors', (file, nodes, errors) => {
    const parsed = parseTopology(read(file));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.topology.nodes.length).toBeGreaterThanOrEqual(nodes);
    expect(checkText(read(file)).summary.error).toBe(errors);
  });

  it('large.yaml shards SQL', () => {
    const parsed = parseTopology(read('large.yaml'));
    if (!parsed.ok) throw new Error();
    expect(
      new Set(parsed.topology.nodes.filter((n) => n.roles.includes('sql-master')).map((n) => n.shard)).size,
    ).toBeGreaterThan(1);
  });

  it.each([
    ['broken/schema.yaml', ['SCH002', 'SCH003']],
    ['broken/duplicates.yaml', ['SCH004', 'SCH005']],
    [
      'broken/networking.yaml',
      ['NET001', 'NET002', 'NET003', 'NET004', 'NET005', 'NET006', 'NET007', 'ADDR001', 'ADDR002'],
    ],
    ['broken/counts.yaml', ['CNT001', 'CNT002', 'CNT003', 'CNT004', 'CNT005', 'CNT006', 'CNT007', 'CNT008', 'CNT009']],
    [
      'broken/high-availability.yaml',
      ['HA001', 'HA002', 'HA003', 'HA004', 'HA005', 'HA006', 'HA007', 'HA008', 'HA009', 'HA010'],
    ],
    ['broken/sizing.yaml', ['SIZE001', 'SIZE002', 'SIZE003', 'SIZE004', 'SIZE005']],
    ['broken/waivers.yaml', ['HA001', 'WVR001', 'WVR002']],
  ])('%s shows its family', (file, expected) => {
    expect([...rules(file)]).toEqual(expect.arrayContaining(expected));
  });

  it('broken/lifetime.yaml against its baseline shows every lifetime rule', () => {
    expect([...rules('broken/lifetime.yaml', 'broken/lifetime-baseline.yaml')]).toEqual(
      expect.arrayContaining(['LIFE001', 'LIFE002', 'LIFE003', 'LIFE004']),
    );
  });
});
