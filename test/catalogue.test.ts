import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';

const root = new URL('../', import.meta.url);
// The catalogue is vendored in spec/ so a plain clone stands alone; the copy must match ../shared when it exists.
const specPath = new URL('spec/rules.md', root);
const sharedSpecPath = new URL('../shared/spec/rules.md', root);
const catalogue = readFileSync(specPath, 'utf8');
const catalogueIds = [...catalogue.matchAll(/^\| ([A-Z]{2,5}[0-9]{3}) \| ([a-z /]+) \|/gm)].map((m) => ({
  id: m[1]!,
  severity: m[2]!.trim(),
}));

describe('the rule catalogue (spec/rules.md, vendored from ../shared/spec) is the contract', () => {
  it.runIf(existsSync(sharedSpecPath))('the vendored copy matches ../shared/spec/rules.md', () => {
    expect(catalogue).toBe(readFileSync(sharedSpecPath, 'utf8'));
  });

  it('lists ids', () => {
    expect(catalogueIds.length).toBeGreaterThanOrEqual(40);
  });

  it.each(catalogueIds)('$id has a rule with the catalogue severity', ({ id, severity }) => {
    const rule = RULES.find((r) => r.meta.id === id);
    expect(rule, `${id} is in the catalogue but has no rule`).toBeDefined();
    // "warning / info" rules default to the first severity and report the other per finding.
    expect(rule!.meta.severity).toBe(severity.split('/')[0]!.trim());
  });

  it.each(RULES.map((r) => r.meta))('$id has metadata, a test file and a README row', (meta) => {
    expect(meta.title.length).toBeGreaterThan(5);
    expect(meta.seed.length).toBeGreaterThan(20);
    expect(meta.remediation.length).toBeGreaterThan(10);
    expect(
      existsSync(new URL(`test/rules/${meta.id.toLowerCase()}.test.ts`, root)),
      `test/rules/${meta.id.toLowerCase()}.test.ts`,
    ).toBe(true);
    expect(readFileSync(new URL('README.md', root), 'utf8')).toContain(`| ${meta.id} |`);
  });

  it('has no rule outside the catalogue except the waiver rules', () => {
    const extra = RULES.map((r) => r.meta.id).filter((id) => !catalogueIds.some((c) => c.id === id));
    expect(extra).toEqual(['WVR001', 'WVR002']);
  });

  it('keeps ids unique', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
