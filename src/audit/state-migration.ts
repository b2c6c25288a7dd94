import type { Finding } from '../engine/finding.js';
import { findingKey, legacyFindingKey } from '../engine/finding-identity.js';
import type { AuditState, FindingBrief } from './audit-spec.js';

/** Whether a brief was stored before findings had message ids (its key holds the message text). */
export function isLegacyBrief(brief: FindingBrief): boolean {
  return brief.messageId === undefined;
}

/**
 * Audit state stored before message ids is keyed by message text. It is migrated when read, never
 * dropped: a legacy brief whose text the current check still renders takes that finding's identity,
 * so the first audit after the upgrade reports no churn. One that matches nothing stays as it was
 * and is reported resolved, as it would have been before.
 */
export function migrateAuditState<S extends Pick<AuditState, 'findings'>>(state: S, current: readonly Finding[]): S {
  if (!state.findings.some(isLegacyBrief)) return state;
  const byLegacyKey = new Map(current.map((f) => [legacyFindingKey(f), f]));
  const findings = state.findings.map((brief) => {
    if (!isLegacyBrief(brief)) return brief;
    const match = byLegacyKey.get(brief.key);
    if (!match) return brief;
    return {
      ...brief,
      key: findingKey(match),
      messageId: match.messageId,
      ...(match.data ? { data: match.data } : {}),
    };
  });
  return { ...state, findings };
}
