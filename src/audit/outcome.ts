import { checkTextCached } from '../engine/memo.js';
import type { EngineConfig } from '../team-config/resolve.js';
import type { Finding } from '../engine/finding.js';
import { findingKey } from '../engine/finding-identity.js';
import { summaryLine, verdictOf } from '../format/verdict.js';
import type { StoredVersion } from '../store/topology-store.js';
import type { AuditRun, AuditState, FindingBrief } from './audit-spec.js';
import { migrateAuditState } from './state-migration.js';

/** A run lists this many new and resolved findings; the counts are always whole. */
export const LISTED = 20;

export interface AuditInput {
  runId: string;
  auditId: string;
  latest: StoredVersion;
  previous?: StoredVersion;
  /** The findings of the last audit of this topology, if there was one. */
  last?: AuditState;
  quiet: boolean;
  maxBytes: number;
  /** The tenant's configuration; built-in defaults when absent. */
  config?: EngineConfig;
  today?: string;
  now: Date;
}

function brief(f: Finding): FindingBrief {
  return {
    key: findingKey(f),
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    ...(f.node ? { node: f.node } : {}),
    messageId: f.messageId,
    ...(f.data ? { data: f.data } : {}),
  };
}

/**
 * Checks the latest version with the one before it as baseline (so LIFE001–004 apply) and compares
 * the findings with the last audit's. Pure: the caller stores the run and the new state.
 */
export function auditTopology(input: AuditInput): { run: AuditRun; state: Omit<AuditState, 'seq'> } {
  const { latest, previous } = input;
  const result = checkTextCached(latest.text, {
    maxBytes: input.maxBytes,
    ...(input.config ? { config: input.config } : {}),
    ...(previous ? { baselineText: previous.text } : {}),
    ...(input.today ? { today: input.today } : {}),
  });
  const current = result.findings.filter((f) => !f.suppressed);
  const findings = current.map(brief);
  const last = input.last && migrateAuditState(input.last, current);
  const before = new Map((last?.findings ?? []).map((f) => [f.key, f]));
  const after = new Set(findings.map((f) => f.key));
  const fresh = findings.filter((f) => !before.has(f.key));
  const resolved = [...before.values()].filter((f) => !after.has(f.key));
  const changed = fresh.length > 0 || resolved.length > 0;
  const verdict = result.valid ? verdictOf(result.summary) : 'fail';
  const run: AuditRun = {
    runId: input.runId,
    auditId: input.auditId,
    name: latest.name,
    version: latest.version,
    ...(previous ? { baselineVersion: previous.version } : {}),
    at: input.now.toISOString(),
    verdict,
    summary: result.valid ? summaryLine(result.summary) : 'not a valid topology',
    newFindings: fresh.slice(0, LISTED),
    newCount: fresh.length,
    resolvedFindings: resolved.slice(0, LISTED),
    resolvedCount: resolved.length,
    unchanged: findings.length - fresh.length,
    first: last === undefined,
    post: !input.quiet || changed,
  };
  return { run, state: { version: latest.version, findings } };
}
