import type { CheckResult } from '../engine/check.js';
import { SEVERITIES, type Finding } from '../engine/finding.js';
import { PLAIN, type Style } from './style.js';
import { summaryLine, verdictOf } from './verdict.js';

const HEADINGS = { error: 'Errors', warning: 'Warnings', info: 'Info' } as const;

function where(f: Finding, file: string): string {
  return f.line !== undefined ? `${file}:${f.line}:${f.column ?? 1}` : file;
}

export function formatText(result: CheckResult, file: string, style: Style = PLAIN): string {
  const paint = { error: style.red, warning: style.yellow, info: style.blue } as const;
  const lines: string[] = [];
  const active = result.findings.filter((f) => !f.suppressed);
  for (const severity of SEVERITIES) {
    const group = active.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(style.bold(paint[severity](`${HEADINGS[severity]} (${group.length})`)));
    for (const f of group) {
      lines.push(`  ${paint[severity](f.rule.padEnd(7))} ${style.dim(where(f, file))}  ${f.message}`);
      lines.push(`          ${style.dim('→ ' + f.remediation)}`);
    }
    lines.push('');
  }
  const suppressed = result.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    lines.push(style.bold(style.dim(`Suppressed by waivers (${suppressed.length})`)));
    for (const f of suppressed)
      lines.push(style.dim(`  ${f.rule.padEnd(7)} ${where(f, file)}  ${f.message} — waived: ${f.suppressed!.reason}`));
    lines.push('');
  }
  const marks = { fail: style.red('✖'), warn: style.yellow('⚠'), pass: style.green('✔') } as const;
  const mark = marks[verdictOf(result.summary)];
  lines.push(`${mark} ${style.bold(result.topology ?? file)}: ${summaryLine(result.summary)}`);
  return lines.join('\n') + '\n';
}
