import type { SizingReport } from '../sizing/advice.js';
import { PLAIN, type Style } from './style.js';

export function formatSizingText(report: SizingReport, style: Style = PLAIN): string {
  const lines = [style.bold(`Sizing for ${report.topology}`), ''];
  const mark = {
    ok: style.green('ok'),
    undersized: style.yellow('undersized'),
    unknown: style.dim('unknown'),
  } as const;
  for (const n of report.nodes) {
    const have = n.have
      ? `${n.have.vcpus ?? '?'} vCPU, ${n.have.memoryGiB ?? '?'} GiB, ${n.have.storage ?? '?'}`
      : 'not declared';
    lines.push(`${style.bold(n.node)} (${n.roles.join(', ')}): ${mark[n.status]}`);
    lines.push(
      `  has ${have}${n.instanceType ? ` [${n.instanceType}]` : ''}; needs ${n.needsText}${n.recommended ? `; recommended ${style.bold(n.recommended)}` : ''}`,
    );
    for (const a of n.advice) lines.push(`  ${style.dim('→ ' + a)}`);
  }
  return lines.join('\n') + '\n';
}
