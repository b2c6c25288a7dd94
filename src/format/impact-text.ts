import type { Level } from '../whatif/simulate.js';

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** "300 (75 %)" when customers are declared, else "75 %". */
export function customersText(c: { share: number; count?: number }): string {
  return c.count !== undefined ? `${c.count} (${pct(c.share)})` : pct(c.share);
}

/** What happens to calls in progress, when the impact says. */
export function callsText(callsDropped: boolean | undefined): string | undefined {
  if (callsDropped === true) return 'calls drop';
  if (callsDropped === false) return 'calls in progress continue';
  return undefined;
}

export function levelVerdict(level: Level): 'pass' | 'warn' | 'fail' {
  if (level === 'none') return 'pass';
  return level === 'total' ? 'fail' : 'warn';
}

export function levelSeverity(level: Level): 'error' | 'warning' | 'info' {
  if (level === 'none') return 'info';
  return level === 'total' ? 'error' : 'warning';
}
