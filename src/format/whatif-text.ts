import type { Level, WhatIfResult } from '../whatif/simulate.js';
import { callsText, customersText } from './impact-text.js';
import { survivorLines } from '../whatif/capacity.js';
import { PLAIN, type Style } from './style.js';

export function formatWhatIfText(result: WhatIfResult, style: Style = PLAIN): string {
  if (!result.ok) {
    const lines = [style.yellow(`I could not answer "${result.question}": ${result.problem}.`)];
    if (result.candidates.length) lines.push(`Did you mean: ${result.candidates.join(' | ')}`);
    if (result.understood.length) lines.push(`Understood so far: ${result.understood.join(', ')}.`);
    if (result.examples.length) lines.push('Try, for example:', ...result.examples.map((e) => `  • ${e}`));
    return lines.join('\n') + '\n';
  }
  const paint: Record<Level, (s: string) => string> = {
    none: (s) => style.green(s),
    degraded: (s) => style.yellow(s),
    partial: (s) => style.yellow(s),
    total: (s) => style.red(s),
  };
  const lines = [
    `Read as: ${result.readAs}`,
    style.bold(`If ${result.scenario}: overall ${paint[result.overall](result.overall.toUpperCase())}`),
    `Nodes lost: ${result.failed.join(', ') || 'none (only load balancers)'}`,
    ...(result.balancersFailed.length ? [`Load balancers lost: ${result.balancersFailed.join(', ')}`] : []),
    '',
  ];
  for (const i of result.impacts) {
    lines.push(`${paint[i.level](i.level.toUpperCase().padEnd(8))} ${style.bold(i.role)} [${i.strategy}]`);
    lines.push(`         ${i.outcome}`);
    if (i.quorum)
      lines.push(
        `         quorum: ${i.quorum.before} → ${i.quorum.after} (needs ${i.quorum.needed}) ${i.quorum.holds ? 'holds' : 'LOST'}`,
      );
    if (i.customersAffected)
      lines.push(
        `         ${[`customers hit: ${customersText(i.customersAffected)}`, callsText(i.callsDropped)].filter(Boolean).join(', ')}`,
      );
    if (i.capacity) for (const line of survivorLines(i.capacity)) lines.push(`         load: ${line}`);
    lines.push(`         ${style.dim('→ ' + i.action)}`);
  }
  for (const note of result.notes) lines.push('', style.dim(`Note: ${note}`));
  return lines.join('\n') + '\n';
}
