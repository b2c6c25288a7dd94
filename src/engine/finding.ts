import type { RoleId } from '../topology/roles.js';
import type { MessageData } from './rule.js';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Where in the source a finding points: 1-based line and column, and the field path. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** One result of a check: the contract of `voipnow check --format json`. */
export interface Finding {
  rule: string;
  severity: Severity;
  /** The rule's message rendered for people; identity never depends on it (see `messageId`). */
  message: string;
  /** Which of the rule's messages, and its data: with rule and subject, the finding's identity. */
  messageId: string;
  data?: MessageData;
  remediation: string;
  node?: string;
  /** Every node the finding is about, when more than one. */
  nodes?: string[];
  role?: RoleId;
  /** Field path such as `nodes[3].roles[0]`. */
  path?: string;
  line?: number;
  column?: number;
  /**
   * Measurements the message shows ("runs at 93 % cpu" from live monitoring) that are not part of
   * the identity: a figure moving from 93 to 94 % between audits is the same finding.
   */
  figures?: MessageData;
  /** Set when a waiver in the topology suppresses this finding. */
  suppressed?: { reason: string; expires?: string };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.line ?? Infinity) - (b.line ?? Infinity) ||
    a.rule.localeCompare(b.rule) ||
    (a.node ?? '').localeCompare(b.node ?? '')
  );
}
