import { createHash } from 'node:crypto';
import type { Finding } from './finding.js';

/** What a finding is about: its node, else the field it points at. */
export function findingSubject(f: Pick<Finding, 'node' | 'path'>): string {
  return f.node ?? f.path ?? '';
}

function stableData(data: Finding['data']): string {
  if (!data) return '';
  return JSON.stringify(
    Object.keys(data)
      .sort()
      .map((k) => [k, data[k]]),
  );
}

/**
 * The same finding across versions, runs and releases: rule, subject, message id and data. Never
 * the message text (rewording a template must not make every audit report churn) nor the line.
 */
export function findingKey(f: Pick<Finding, 'rule' | 'node' | 'path' | 'messageId' | 'data'>): string {
  return [f.rule, findingSubject(f), f.messageId, stableData(f.data)].join('\u0000');
}

/** The key audits stored before findings had message ids: rule, node and the message text. */
export function legacyFindingKey(f: Pick<Finding, 'rule' | 'node' | 'message'>): string {
  return `${f.rule}\u0000${f.node ?? ''}\u0000${f.message}`;
}

/** A short digest of the identity, for SARIF `partialFingerprints`. */
export function findingFingerprint(f: Finding): string {
  return createHash('sha256').update(findingKey(f)).digest('hex').slice(0, 32);
}
