import type { CheckResult } from '../engine/check.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../engine/finding.js';
import type { Rule } from '../engine/rule.js';
import { RULES } from '../rules/index.js';

function xml(text: string): string {
  return (
    text
      .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
      // XML 1.0 cannot carry these control characters at all, not even escaped.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point here
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

/**
 * JUnit XML: one test case per rule × node (plus one per rule for the topology as a whole), so a
 * CI server shows which node fails which rule. Findings at or above `failOn` are failures.
 */
export function formatJunit(
  result: CheckResult,
  nodes: readonly string[],
  file: string,
  failOn: Severity | 'none',
  rules: readonly Rule[] = RULES,
): string {
  const failing = (f: Finding) =>
    !f.suppressed && failOn !== 'none' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn];
  const byKey = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const key = `${f.rule}\u0000${f.node ?? ''}`;
    const list = byKey.get(key) ?? [];
    list.push(f);
    byKey.set(key, list);
  }
  const known = new Set(nodes);
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  const emit = (rule: string, node: string | undefined, findings: Finding[]) => {
    const name = node ? `${rule} ${node}` : `${rule} (topology)`;
    const body: string[] = [];
    for (const f of findings) {
      const at = f.line !== undefined ? ` at ${file}:${f.line}:${f.column ?? 1}` : '';
      if (failing(f)) {
        body.push(
          `<failure type="${f.severity}" message="${xml(f.message)}">${xml(`${f.rule}${at}: ${f.message}\n${f.remediation}`)}</failure>`,
        );
      } else if (f.suppressed) {
        body.push(`<skipped message="${xml(`waived: ${f.suppressed.reason}`)}"/>`);
      } else {
        body.push(`<system-out>${xml(`${f.severity} ${f.rule}${at}: ${f.message}`)}</system-out>`);
      }
    }
    if (body.some((b) => b.startsWith('<failure'))) failures++;
    else if (body.some((b) => b.startsWith('<skipped'))) skipped++;
    cases.push(
      `    <testcase classname="voipnow.${rule}" name="${xml(name)}" file="${xml(file)}">${body.join('')}</testcase>`,
    );
  };
  for (const rule of rules) {
    const id = rule.meta.id;
    if (rule.check) for (const node of nodes) emit(id, node, byKey.get(`${id}\u0000${node}`) ?? []);
    const rest = result.findings.filter((f) => f.rule === id && (!f.node || !known.has(f.node)));
    emit(id, undefined, rest);
  }
  const name = xml(result.topology ?? file);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="voipnow" tests="${cases.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="${name}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
