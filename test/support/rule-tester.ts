import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.js';
import type { Finding, Severity } from '../../src/engine/finding.js';
import { ruleById } from '../../src/rules/index.js';
import { toYaml, type Doc } from './topology.js';

export interface Expected {
  /** The node the finding is about; its line must fall inside that node's entry. */
  node?: string;
  /** An exact line, when the finding is about a field outside any node. */
  line?: number;
  severity?: Severity;
  /** Text on the line the finding must point at (e.g. `nodes:` or `- name: lb-a`); replaces the node-entry check. */
  at?: string;
}

export interface Case {
  name: string;
  topology: Doc | string;
  baseline?: Doc;
  today?: string;
}

export interface InvalidCase extends Case {
  errors: Expected[];
}

function text(t: Doc | string): string {
  return typeof t === 'string' ? t : toYaml(t);
}

/** Line range of a node's entry in the YAML text: from its `- name:` line to the next entry. */
export function nodeLines(yaml: string, node: string): [number, number] {
  const lines = yaml.split('\n');
  const start = lines.findIndex((l) =>
    new RegExp(`^\\s*- name: ${node.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).test(l),
  );
  if (start === -1) return [0, 0];
  let end = start + 1;
  while (end < lines.length && !/^\s*- name: /.test(lines[end]!) && !/^\S/.test(lines[end]!)) end++;
  return [start + 1, end];
}

function findingsOf(id: string, c: Case): { yaml: string; findings: Finding[] } {
  const yaml = text(c.topology);
  const result = checkText(yaml, {
    ...(c.baseline ? { baselineText: toYaml(c.baseline) } : {}),
    today: c.today ?? '2026-11-25',
  });
  return { yaml, findings: result.findings.filter((f) => f.rule === id) };
}

/** ESLint's RuleTester for topology rules: valid cases report nothing, invalid ones exactly `errors`. */
export function ruleTester(id: string, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(id, () => {
    it('is registered', () => {
      expect(ruleById(id)?.meta.id).toBe(id);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(findingsOf(id, c).findings).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const { yaml, findings } = findingsOf(id, c);
        expect(findings.map((f) => f.node ?? null).sort()).toEqual(c.errors.map((e) => e.node ?? null).sort());
        for (const e of c.errors) {
          const f = findings.find((x) => (x.node ?? null) === (e.node ?? null))!;
          expect(f.rule).toBe(id);
          // Input rules are reported by the parser, whose findings carry the parse message ids.
          const rule = ruleById(id)!;
          const messageIds = rule.meta.messages ? Object.keys(rule.meta.messages) : ['invalid', 'invalidBaseline'];
          expect(messageIds, `${id} reports one of its message ids`).toContain(f.messageId);
          expect(f.message.length).toBeGreaterThan(10);
          expect(f.remediation.length).toBeGreaterThan(10);
          if (e.severity) expect(f.severity).toBe(e.severity);
          if (e.line !== undefined) expect(f.line).toBe(e.line);
          if (e.at !== undefined)
            expect(yaml.split('\n')[(f.line ?? 0) - 1] ?? '', `${id} points at a line with "${e.at}"`).toContain(e.at);
          else if (e.node !== undefined) {
            const [from, to] = nodeLines(yaml, e.node);
            if (from > 0) {
              expect(f.line, `${id} on ${e.node} points inside its entry`).toBeGreaterThanOrEqual(from);
              expect(f.line!).toBeLessThanOrEqual(to);
            }
          }
          expect(f.column).toBeGreaterThan(0);
        }
      });
    }
  });
}
