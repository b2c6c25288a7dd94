import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_ITEMS, parseTopology, structuralItems } from '../../src/topology/parse.js';

const flowList = (n: number) => `version: 1\nname: x\nnodes: [${Array(n).fill('1').join(',')}]\n`;

describe('costly input is refused before the YAML library builds it', () => {
  it('a 1 MiB flow list of 520,000 items gets an SCH001 saying what to reduce', () => {
    const text = flowList(520_000);
    expect(text.length).toBeLessThan(1 << 20);
    const result = parseTopology(text, { maxBytes: 1 << 20 });
    expect(result.ok).toBe(false);
    const issue = !result.ok ? result.issues[0]! : undefined;
    expect(issue).toMatchObject({ rule: 'SCH001', line: 1, column: 1 });
    expect(issue!.message).toMatch(/about \d+ YAML items .* over the 52428 I check at once; .*remove repeated/);
  });

  it('maps and lists in flow style count too; real topologies stay well under the bound', () => {
    expect(structuralItems('{a: [1, 2], b: {c: 3}}')).toBe(8);
    const large = readFileSync(new URL('../../examples/large.yaml', import.meta.url), 'utf8');
    expect(structuralItems(large)).toBeLessThan(MAX_ITEMS / 5);
    expect(parseTopology(large).ok).toBe(true);
  });
});
