import type { Impact, WhatIfResult } from '../whatif/simulate.js';
import { PLAIN, type Style } from './style.js';

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** "12 (30 %)" or "30 %": how many customers an impact reaches, and whether calls in progress survive. */
export function customersHit(impact: Pick<Impact, 'customersAffected' | 'callsDropped'>, separator: string): string {
  const c = impact.customersAffected;
  if (!c) return '';
  const who = c.count !== undefined ? `${c.count} (${pct(c.share)})` : pct(c.share);
  if (impact.callsDropped === true) return `${who}${separator}calls drop`;
  if (impact.callsDropped === false) return `${who}${separator}calls in progress continue`;
  return who;
}

export function formatWhatIfText(result: WhatIfResult, style: Style = PLAIN): string {
  if (!result.ok) {
    const lines = [style.yellow(`I could not answer "${result.question}": ${result.problem}.`)];
    if (result.understood.length) lines.push(`Understood so far: ${result.understood.join(', ')}.`);
    if (result.examples.length) lines.push('Try, for example:', ...result.examples.map((e) => `  • ${e}`));
    return lines.join('\n') + '\n';
  }
  const paint = { none: style.green, degraded: style.yellow, partial: style.yellow, total: style.red } as const;
  const lines = [
    style.bold(`If ${result.scenario}: overall ${paint[result.overall](result.overall.toUpperCase())}`),
    `Nodes lost: ${result.failed.join(', ') || 'none (only load balancers)'}`,
    '',
  ];
  for (const i of result.impacts) {
    lines.push(`${paint[i.level](i.level.toUpperCase().padEnd(8))} ${style.bold(i.role)} [${i.strategy}]`);
    lines.push(`         ${i.outcome}`);
    if (i.quorum)
      lines.push(
        `         quorum: ${i.quorum.before} → ${i.quorum.after} (needs ${i.quorum.needed}) ${i.quorum.holds ? 'holds' : 'LOST'}`,
      );
    if (i.customersAffected) lines.push(`         customers hit: ${customersHit(i, ', ')}`);
    lines.push(`         ${style.dim('→ ' + i.action)}`);
  }
  for (const note of result.notes) lines.push('', style.dim(`Note: ${note}`));
  return lines.join('\n') + '\n';
}
