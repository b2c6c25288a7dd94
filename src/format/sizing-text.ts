import type { SizingReport } from '../sizing/advice.js';
import { PLAIN, type Style } from './style.js';

const pct = (x: number) => `${Math.round(x * 100)} %`;

export function formatSizingText(report: SizingReport, style: Style = PLAIN): string {
  const lines = [style.bold(`Sizing for ${report.topology}`)];
  const m = report.monitoring;
  if (m)
    lines.push(
      m.failure
        ? style.yellow(`Live figures unavailable: ${m.failure}; the file's metrics are used.`)
        : `Live figures: ${m.endpoint}, ${m.percentile} over ${m.window} (step ${m.step}, ${m.queries} queries)`,
    );
  lines.push('');
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
    for (const [resource, f] of Object.entries(n.figures ?? {}))
      lines.push(`  ${resource}: p50 ${pct(f.p50)} · p95 ${pct(f.p95)} · p99 ${pct(f.p99)} · max ${pct(f.max)}`);
    for (const a of n.advice) lines.push(`  ${style.dim('→ ' + a)}`);
  }
  return lines.join('\n') + '\n';
}
