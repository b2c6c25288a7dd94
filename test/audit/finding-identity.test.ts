import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { auditStateSchema, type AuditState } from '../../src/audit/audit-spec.js';
import { auditTopology } from '../../src/audit/outcome.js';
import { checkText } from '../../src/engine/check.js';
import { findingKey, legacyFindingKey } from '../../src/engine/finding-identity.js';
import { clearEngineMemo } from '../../src/engine/memo.js';
import { diffTopologies } from '../../src/engine/topology-diff.js';
import { parseTopology } from '../../src/topology/parse.js';
import { formatSarif } from '../../src/format/sarif.js';
import { RULES } from '../../src/rules/index.js';

const example = (f: string) => readFileSync(new URL(`../../examples/${f}`, import.meta.url), 'utf8');
const TEXT = [
  example('broken/high-availability.yaml'),
  example('broken/networking.yaml'),
  example('broken/sizing.yaml'),
];
const TODAY = '2026-11-25';

function audit(text: string, last?: AuditState) {
  return auditTopology({
    runId: 'r',
    auditId: 'a',
    latest: { name: 'prod', version: 2, author: 'u', savedAt: TODAY, text },
    ...(last ? { last } : {}),
    quiet: false,
    maxBytes: 1 << 20,
    today: TODAY,
    now: new Date(`${TODAY}T00:00:00Z`),
  });
}

const originals = RULES.map((r) => ({ ...r.meta.messages }));
function rewordEveryMessage(): void {
  for (const rule of RULES) {
    const messages = rule.meta.messages;
    if (!messages) continue;
    for (const id of Object.keys(messages)) messages[id] = `reworded in a later release: ${messages[id]}`;
  }
  clearEngineMemo();
}
afterEach(() => {
  RULES.forEach((r, i) => Object.assign(r.meta.messages ?? {}, originals[i]));
  clearEngineMemo();
});

describe('finding identity', () => {
  it.each(TEXT.map((t, i) => [i, t] as const))(
    'rewording every message changes no audit, diff or fingerprint (%i)',
    (_, text) => {
      const first = audit(text);
      expect(first.state.findings.length).toBeGreaterThan(0);
      const before = checkText(text, { today: TODAY });
      const sarifBefore = JSON.parse(formatSarif(before, 't.yaml', '0')).runs[0].results;
      rewordEveryMessage();
      const after = checkText(text, { today: TODAY });
      expect(after.findings.filter((f) => f.rule !== 'WVR001' && f.rule !== 'WVR002')[0]!.message).toMatch(/^reworded/);
      const second = audit(text, { ...first.state, seq: 1 });
      expect([second.run.newCount, second.run.resolvedCount]).toEqual([0, 0]);
      expect(second.run.unchanged).toBe(first.state.findings.length);
      const topology = parseTopology(text);
      if (!topology.ok) throw new Error('example does not parse');
      const diff = diffTopologies(topology.topology, topology.topology, before.findings, after.findings);
      expect([diff.findingsNew.length, diff.findingsResolved.length]).toEqual([0, 0]);
      const sarifAfter = JSON.parse(formatSarif(after, 't.yaml', '0')).runs[0].results;
      const prints = (rs: { partialFingerprints: Record<string, string> }[]) => rs.map((r) => r.partialFingerprints);
      expect(prints(sarifAfter)).toEqual(prints(sarifBefore));
    },
  );

  it('tells findings apart by subject and data, not by line', () => {
    const result = checkText(TEXT[1]!, { today: TODAY });
    const keys = result.findings.map(findingKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => !k.includes(result.findings[0]!.message))).toBe(true);
  });

  it('migrates audit state stored before message ids on read: no churn, never dropped', () => {
    const text = TEXT[0]!;
    const current = checkText(text, { today: TODAY }).findings.filter((f) => !f.suppressed);
    // The shape audits stored before: key = rule, node and message text; no message id.
    const stored = JSON.stringify({
      seq: 3,
      version: 1,
      findings: [
        ...current.map((f) => ({
          key: legacyFindingKey(f),
          rule: f.rule,
          severity: f.severity,
          message: f.message,
          ...(f.node ? { node: f.node } : {}),
        })),
        {
          key: 'HA001\u0000gone-1\u0000old text',
          rule: 'HA001',
          severity: 'warning',
          message: 'old text',
          node: 'gone-1',
        },
      ],
    });
    const legacy = auditStateSchema.parse(JSON.parse(stored));
    const { run, state } = audit(text, legacy);
    expect(run.newCount).toBe(0);
    expect(run.resolvedCount).toBe(1);
    expect(run.resolvedFindings[0]!.node).toBe('gone-1');
    expect(run.unchanged).toBe(current.length);
    expect(state.findings.every((f) => f.messageId !== undefined)).toBe(true);
    // And the run after that, on the migrated state, is quiet too.
    const next = audit(text, { ...state, seq: 4 });
    expect([next.run.newCount, next.run.resolvedCount]).toEqual([0, 0]);
  });
});
