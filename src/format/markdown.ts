import type { CheckResult } from '../engine/check.js';
import { SEVERITIES } from '../engine/finding.js';
import { summaryLine, verdictOf } from './verdict.js';

const ICON = { pass: '✅', warn: '⚠️', fail: '❌' } as const;
const HEADINGS = { error: 'Errors', warning: 'Warnings', info: 'Info' } as const;

/** Pipes and newlines would break a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A pull-request comment: verdict first, then one table per severity. */
export function formatMarkdown(result: CheckResult, file: string): string {
  const out: string[] = [];
  out.push(
    `### ${ICON[verdictOf(result.summary)]} VoipNow topology \`${result.topology ?? file}\`: ${summaryLine(result.summary)}`,
    '',
  );
  for (const severity of SEVERITIES) {
    const group = result.findings.filter((f) => !f.suppressed && f.severity === severity);
    if (group.length === 0) continue;
    out.push(
      `<details${severity === 'info' ? '' : ' open'}><summary><b>${HEADINGS[severity]} (${group.length})</b></summary>`,
      '',
    );
    out.push('| Rule | Node | Where | Finding | What to do |', '|---|---|---|---|---|');
    for (const f of group) {
      const at = f.line !== undefined ? `${file}:${f.line}:${f.column ?? 1}` : '';
      out.push(`| \`${f.rule}\` | ${cell(f.node ?? '')} | ${cell(at)} | ${cell(f.message)} | ${cell(f.remediation)} |`);
    }
    out.push('', '</details>', '');
  }
  const suppressed = result.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    out.push(`<details><summary>Suppressed by waivers (${suppressed.length})</summary>`, '');
    for (const f of suppressed)
      out.push(`- \`${f.rule}\` ${cell(f.node ?? '')}: ${cell(f.message)} — _${cell(f.suppressed!.reason)}_`);
    out.push('', '</details>', '');
  }
  return out.join('\n');
}
