import type { CheckResult } from '../../src/engine/check.js';
import { SEVERITIES, type Finding } from '../../src/engine/finding.js';
import type { Reply, ReplyAction, ReplySection, Verdict } from '../../src/reply/document.js';
import { VERDICT_ICON } from '../../src/reply/document.js';
import { formatMarkdown } from '../../src/format/markdown.js';
import { summaryLine, verdictOf } from '../../src/format/verdict.js';

const HEADINGS = { error: 'Errors', warning: 'Warnings', info: 'Info' } as const;
/** Chat replies list this many findings per severity; the attached report has them all. */
const SHOWN = 15;

function itemOf(f: Finding, label: string) {
  const where = f.line !== undefined ? `${label}:${f.line}:${f.column ?? 1}` : label;
  return { text: `${f.rule} ${f.message}`, severity: f.severity, detail: `${where} · ${f.remediation}` };
}

export function checkSections(findings: readonly Finding[], label: string): ReplySection[] {
  const sections: ReplySection[] = [];
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => !f.suppressed && f.severity === severity);
    if (group.length === 0) continue;
    const items = group.slice(0, SHOWN).map((f) => itemOf(f, label));
    if (group.length > SHOWN)
      items.push({ text: `…and ${group.length - SHOWN} more (see the attached report)`, severity, detail: '' });
    sections.push({ heading: `${HEADINGS[severity]} (${group.length})`, severity, items });
  }
  const suppressed = findings.filter((f) => f.suppressed);
  if (suppressed.length) {
    sections.push({
      heading: `Suppressed by waivers (${suppressed.length})`,
      items: suppressed
        .slice(0, SHOWN)
        .map((f) => ({ text: `${f.rule} ${f.message}`, detail: `waived: ${f.suppressed!.reason}` })),
    });
  }
  return sections;
}

export function verdictSummary(verdict: Verdict, text: string): string {
  return `${VERDICT_ICON[verdict]} ${text}`;
}

export function checkReply(
  result: CheckResult & { valid?: boolean },
  label: string,
  extra: { title?: string; baseline?: string; actions?: ReplyAction[]; asFile?: boolean } = {},
): Reply {
  const name = result.topology ?? label;
  const verdict: Verdict = result.valid === false ? 'fail' : verdictOf(result.summary);
  const many = result.findings.length > SHOWN || (extra.asFile === true && result.findings.length > 0);
  return {
    title: extra.title ?? `Check of ${name}`,
    verdict,
    summary: verdictSummary(
      verdict,
      `${name}: ${result.valid === false ? 'not a valid topology' : summaryLine(result.summary)}`,
    ),
    ...(extra.baseline ? { fields: [{ label: 'Baseline', value: extra.baseline }] } : {}),
    ...(result.findings.length === 0
      ? { text: 'No findings: the topology follows every rule of the role guide.' }
      : {}),
    sections: checkSections(result.findings, label),
    ...(many
      ? { files: [{ filename: `${name}-findings.md`, content: formatMarkdown(result, label), type: 'text/markdown' }] }
      : {}),
    actions: extra.actions ?? [],
  };
}
