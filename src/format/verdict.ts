import type { Summary } from '../engine/check.js';

export type Verdict = 'pass' | 'warn' | 'fail';

export function verdictOf(summary: Summary): Verdict {
  if (summary.error > 0) return 'fail';
  if (summary.warning > 0) return 'warn';
  return 'pass';
}

export function summaryLine(summary: Summary): string {
  const parts = [
    `${summary.error} error${summary.error === 1 ? '' : 's'}`,
    `${summary.warning} warning${summary.warning === 1 ? '' : 's'}`,
    `${summary.info} info`,
  ];
  if (summary.suppressed) parts.push(`${summary.suppressed} suppressed`);
  return parts.join(', ');
}
