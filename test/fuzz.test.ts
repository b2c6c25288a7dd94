import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkText } from '../src/engine/check.js';
import { parseTopology } from '../src/topology/parse.js';
import { whatIf } from '../src/whatif/simulate.js';
import { sizeTopology } from '../src/sizing/advice.js';

/** Deterministic PRNG (mulberry32) so a failing case can be replayed from its index. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds = ['small.yaml', 'medium.yaml', 'broken/high-availability.yaml', 'broken/networking.yaml'].map((f) =>
  parse(readFileSync(new URL(`../examples/${f}`, import.meta.url), 'utf8')),
);
const WEIRD: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -0.5,
  'x',
  '',
  '💥',
  [],
  {},
  [[[]]],
  { nested: { deeper: [1] } },
  'sql-master',
  'zone',
  NaN,
  2 ** 53 + 1,
];

type Bag = Record<string, unknown> | unknown[];

function containers(value: unknown, out: Bag[] = []): Bag[] {
  if (typeof value === 'object' && value !== null) {
    out.push(value as Bag);
    for (const child of Object.values(value)) containers(child, out);
  }
  return out;
}

function mutate(doc: unknown, random: () => number): string | Uint8Array {
  const kind = Math.floor(random() * 7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  if (kind === 0) return Uint8Array.from({ length: 1 + Math.floor(random() * 400) }, () => Math.floor(random() * 256));
  if (kind === 1) {
    const depth = 1 + Math.floor(random() * 300);
    return random() < 0.5
      ? '['.repeat(depth) + ']'.repeat(depth)
      : Array.from({ length: depth }, (_, i) => ' '.repeat(i) + 'k:').join('\n');
  }
  const copy = structuredClone(doc);
  const steps = 1 + Math.floor(random() * 4);
  for (let s = 0; s < steps; s++) {
    const target = pick(containers(copy));
    const keys = Object.keys(target);
    if (keys.length === 0) continue;
    const key = pick(keys);
    if (kind === 2) {
      if (Array.isArray(target)) target.splice(Number(key), 1);
      else delete target[key];
    } else if (kind === 3) {
      if (Array.isArray(target)) target.push(structuredClone(target[Number(key)]));
      else {
        const record = target;
        record[`${key}2`] = structuredClone(record[key]);
      }
    } else if (kind === 4) {
      (target as Record<string, unknown>)[key] = structuredClone(pick(WEIRD));
    } else if (kind === 5) {
      let nest: unknown = structuredClone(pick(WEIRD));
      for (let d = Math.floor(random() * 80); d > 0; d--) nest = random() < 0.5 ? [nest] : { n: nest };
      (target as Record<string, unknown>)[key] = nest;
    }
  }
  const text = random() < 0.3 ? JSON.stringify(copy) : stringify(copy);
  if (kind === 6) {
    // Byte-level damage: cut, duplicate or splice random characters.
    const at = Math.floor(random() * text.length);
    const len = Math.floor(random() * 20);
    return random() < 0.5
      ? text.slice(0, at) + text.slice(at + len)
      : text.slice(0, at) + text.slice(at, at + len).repeat(3) + text.slice(at);
  }
  return text;
}

/**
 * A fixed seed and a fixed number of cases: the same inputs on every run, so a failure is replayed
 * from its case number, and the test costs the same (about a second of CPU) whatever the machine.
 * Widen the search locally with FUZZ_CASES and FUZZ_SEED; a new finding becomes a fixed case.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

describe('fuzzing', () => {
  it(`${CASES} mutated inputs (seed ${SEED}) end in findings or SCH errors, never an exception`, () => {
    const random = rng(SEED);
    let invalid = 0;
    for (let i = 0; i < CASES; i++) {
      const input = mutate(seeds[i % seeds.length], random);
      let result;
      try {
        result = checkText(input, { today: '2026-11-25' });
        const parsed = parseTopology(input);
        if (parsed.ok) {
          whatIf(parsed.topology, 'what happens if PBX and two SIP nodes fail');
          sizeTopology(parsed.topology);
        }
      } catch (error) {
        throw new Error(`case ${i} (seed ${SEED}) threw: ${String(error)}\ninput: ${String(input).slice(0, 500)}`);
      }
      expect(result.summary).toBeDefined();
      if (!result.valid) {
        invalid++;
        expect(result.findings.length).toBeGreaterThan(0);
        expect(result.findings.every((f) => f.rule.startsWith('SCH'))).toBe(true);
      }
    }
    // The mutations must reach the validator, not only the happy path.
    expect(invalid).toBeGreaterThan(CASES / 4);
    expect(invalid).toBeLessThan(CASES);
  });
});
