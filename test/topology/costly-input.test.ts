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

  // The CLI's peak RSS on each of these (README, "Bounds") stays under 256 MiB because the costly
  // shapes stop here and the ones let through are the most the engine is measured to afford.
  it('refuses what the engine cannot afford, each with an SCH001 that says what to reduce', () => {
    const refused = (text: string) => {
      const result = parseTopology(text);
      expect(result.ok).toBe(false);
      return !result.ok ? result.issues[0]! : undefined;
    };
    expect(refused(`version: 1\nnodes: ${'['.repeat(300_000)}${']'.repeat(300_000)}\n`)).toMatchObject({
      rule: 'SCH001',
      message: expect.stringMatching(/YAML items/) as unknown,
    });
    expect(refused(`version: 1\nnodes: ${'['.repeat(70)}${']'.repeat(70)}\n`)?.message).toMatch(/nests deeper than 64/);
    const laughs = ['version: 1', 'a0: &a0 [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 12; i++)
      laughs.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(',')}]`,
      );
    expect(refused(laughs.join('\n'))?.message).toMatch(/aliases expand beyond 200 .*write the values out/);
  });

  it('lets through, to the schema and the rules, the largest shapes measured under the memory bound', () => {
    const passes = (text: string) => {
      expect(text.length).toBeLessThan(1 << 20);
      const result = parseTopology(text);
      // Not refused by the pre-scan: any problem found is the schema's (SCH002), not a size refusal.
      if (!result.ok)
        expect(result.issues.every((i) => !/YAML items|nests deeper|aliases expand/.test(i.message))).toBe(true);
    };
    passes(flowList(52_000));
    passes(`version: 1\nname: x\ndescription: "${'x'.repeat((1 << 20) - 200)}"\n`);
  });
});
