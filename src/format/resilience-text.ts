import type { DomainVerdict, ResilienceReport, ResilienceScenario } from '../whatif/resilience.js';
import type { Level } from '../whatif/simulate.js';
import { survivorLines } from '../whatif/capacity.js';
import { customersText } from './impact-text.js';
import { PLAIN, type Style } from './style.js';

const SHOWN = 25;

function hit(s: ResilienceScenario): string {
  return s.rolesHit
    .filter((r) => r.level !== 'none')
    .map((r) => `${r.role} ${r.level}`)
    .join(', ');
}

function line(s: ResilienceScenario): string {
  const parts = [hit(s) || 'no role affected'];
  if (s.customersHit.share > 0) parts.push(`customers hit ${customersText(s.customersHit)}`);
  if (s.callsDropped) parts.push('calls drop');
  return parts.join('; ');
}

/** Each survivor's load before → after, for the roles whose load moved (live figures only). */
export function scenarioLoad(s: ResilienceScenario): string[] {
  return s.rolesHit.flatMap((r) => (r.capacity ? survivorLines(r.capacity) : []));
}

const mark = (v: DomainVerdict) => {
  if (v.survives === null) return '–';
  return v.survives ? 'yes' : 'no';
};

export function formatResilienceText(report: ResilienceReport, style: Style = PLAIN): string {
  const paint: Record<Level, (s: string) => string> = {
    none: (s) => style.green(s),
    degraded: (s) => style.yellow(s),
    partial: (s) => style.yellow(s),
    total: (s) => style.red(s),
  };
  const lines = [style.bold(`Resilience of ${report.topology} (depth ${report.depth})`), ''];
  for (const v of report.verdicts) {
    const text = v.survives === false ? style.red(v.text) : v.text;
    lines.push(`  ${v.survives ? style.green(text) : text}`);
  }
  const hurting = report.scenarios.filter((s) => s.overall !== 'none');
  lines.push(
    '',
    style.bold(`Losses that affect the system, worst first (${hurting.length} of ${report.scenarios.length})`),
  );
  for (const s of hurting.slice(0, SHOWN)) {
    lines.push(`  ${paint[s.overall](s.overall.toUpperCase().padEnd(8))} ${style.bold(s.label)}: ${line(s)}`);
    for (const load of scenarioLoad(s)) lines.push(`           load: ${load}`);
  }
  if (hurting.length > SHOWN)
    lines.push(style.dim(`  … and ${hurting.length - SHOWN} more (--format json lists every one)`));
  if (hurting.length === 0) lines.push('  none');
  return lines.join('\n') + '\n';
}

export function formatResilienceMarkdown(report: ResilienceReport): string {
  const lines = [
    `## Resilience of ${report.topology} (depth ${report.depth})`,
    '',
    '| failure domain | survives | tested | total | partial | degraded | worst |',
    '|---|---|---:|---:|---:|---:|---|',
  ];
  for (const v of report.verdicts) {
    const worst = v.worst && v.survives === false ? `${v.worst.label}: ${v.worst.overall}` : '';
    lines.push(
      `| ${v.claim} | ${mark(v)} | ${v.tested} | ${v.levels.total} | ${v.levels.partial} | ${v.levels.degraded} | ${worst} |`,
    );
  }
  const hurting = report.scenarios.filter((s) => s.overall !== 'none');
  lines.push(
    '',
    `### Losses that affect the system, worst first (${hurting.length} of ${report.scenarios.length})`,
    '',
  );
  if (hurting.length === 0) lines.push('None.');
  else {
    const load = report.live ? ' survivors before → after |' : '';
    lines.push(
      `| loss | level | roles hit | customers hit | calls drop |${load}`,
      `|---|---|---|---:|---|${report.live ? '---|' : ''}`,
    );
    for (const s of hurting.slice(0, 100)) {
      const survivors = report.live ? ` ${scenarioLoad(s).join('<br>')} |` : '';
      lines.push(
        `| ${s.label} | ${s.overall} | ${hit(s)} | ${customersText(s.customersHit)} | ${s.callsDropped ? 'yes' : 'no'} |${survivors}`,
      );
    }
    if (hurting.length > 100) lines.push('', `… and ${hurting.length - 100} more (JSON lists every one).`);
  }
  return lines.join('\n') + '\n';
}
