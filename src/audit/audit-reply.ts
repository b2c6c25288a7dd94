import { SEVERITIES } from '../engine/finding.js';
import { VERDICT_ICON, type Reply, type ReplySection } from '../reply/document.js';
import type { AuditRun, AuditSpec, FindingBrief } from './audit-spec.js';

const HEADINGS = { error: 'errors', warning: 'warnings', info: 'info' } as const;

function sections(title: string, listed: FindingBrief[], count: number): ReplySection[] {
  const out: ReplySection[] = [];
  for (const severity of SEVERITIES) {
    const group = listed.filter((f) => f.severity === severity);
    if (group.length)
      out.push({
        heading: `${title}: ${HEADINGS[severity]} (${group.length})`,
        severity,
        items: group.map((f) => ({ text: `${f.rule} ${f.message}`, severity })),
      });
  }
  if (count > listed.length)
    out.push({
      heading: `${title}: more`,
      items: [{ text: `…and ${count - listed.length} more; \`check NAME\` lists every finding` }],
    });
  return out;
}

/** "1 new, 2 resolved, 5 unchanged", or what a first audit says. */
export function changeLine(run: AuditRun): string {
  if (run.first) return `first audit: ${run.newCount} finding(s)`;
  if (run.newCount === 0 && run.resolvedCount === 0)
    return `no change since the last audit (${run.unchanged} unchanged)`;
  return `${run.newCount} new, ${run.resolvedCount} resolved, ${run.unchanged} unchanged`;
}

/** The audit's post: a one-line verdict in the channel; what is new and resolved in its thread. */
export function auditReply(run: AuditRun, spec?: Pick<AuditSpec, 'id' | 'scheduleText'>): Reply {
  const label = `${run.name} v${run.version}`;
  const body = [
    ...sections('New', run.newFindings, run.newCount),
    ...sections('Resolved', run.resolvedFindings, run.resolvedCount),
  ];
  return {
    title: `Audit of ${label}`,
    verdict: run.verdict,
    summary: `🔎 Audit of ${label}: ${VERDICT_ICON[run.verdict]} ${run.summary} · ${changeLine(run)}`,
    sections: body,
    fields: [
      { label: 'Findings unchanged', value: String(run.unchanged) },
      ...(run.baselineVersion !== undefined
        ? [{ label: 'Baseline', value: `${run.name} v${run.baselineVersion}` }]
        : []),
      ...(spec ? [{ label: 'Audit', value: `${spec.id} (${spec.scheduleText})` }] : []),
    ],
    actions: [
      { label: 'Full check', command: `check ${run.name}` },
      { label: 'Audit history', command: `audit history ${run.name}` },
    ],
  };
}
