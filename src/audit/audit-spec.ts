import { createHash } from 'node:crypto';
import { z } from 'zod';
import { platformIdSchema } from '../reply/target.js';
import type { RecordFormat } from '../store/versioned.js';

const briefSchema = z.object({
  /** The finding's identity (`findingKey`); before message ids, rule + node + message text. */
  key: z.string(),
  rule: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  node: z.string().optional(),
  /** Absent in state stored before message ids: such a brief carries a legacy key until migrated. */
  messageId: z.string().optional(),
  data: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
/** A finding as an audit remembers it: enough to say "resolved: HA001 …" a week later. */
export type FindingBrief = z.infer<typeof briefSchema>;

/** One scheduled audit: which topology, when, and where its results go. Stored per tenant. */
export const auditSpecSchema = z.object({
  id: z.string(),
  name: z.string(),
  platform: platformIdSchema,
  channel: z.string(),
  /** How the channel reads in chat (`<#C123>`, `#infra`). */
  channelLabel: z.string(),
  repeat: z.union([
    z.object({ pattern: z.string(), tz: z.string() }),
    z.object({ every: z.number().int().positive() }),
  ]),
  scheduleText: z.string(),
  quiet: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** Set when the audit stopped itself (topology deleted, channel gone): why and when. */
  stopped: z.object({ reason: z.string(), at: z.string() }).optional(),
});
export type AuditSpec = z.infer<typeof auditSpecSchema>;

/**
 * Version 1 is the first versioned one; records written before versions existed (v0) had the same
 * shape, so the step from 0 is the identity. A later change adds `migrations[1]` and bumps `version`.
 */
export const AUDIT_SPEC_FORMAT: RecordFormat<AuditSpec> = {
  kind: 'audit-spec',
  version: 1,
  migrations: { 0: (record) => record },
  schema: auditSpecSchema,
};

/** A stored audit that no longer parses: kept (and its schedule), shown in `audit list`, never deleted. */
export interface BrokenAudit {
  id: string;
  problem: string;
}

/** What one audit run found, kept for `audit history` and replayed when a post is retried. */
export const auditRunSchema = z.object({
  runId: z.string(),
  auditId: z.string(),
  name: z.string(),
  version: z.number(),
  baselineVersion: z.number().optional(),
  at: z.string(),
  verdict: z.enum(['pass', 'warn', 'fail', 'info', 'error']),
  /** "2 errors, 1 warning". */
  summary: z.string(),
  newFindings: z.array(briefSchema),
  newCount: z.number(),
  resolvedFindings: z.array(briefSchema),
  resolvedCount: z.number(),
  unchanged: z.number(),
  /** No earlier audit of this topology to compare with. */
  first: z.boolean(),
  /** Whether this run posts: quiet audits post only when a finding is new or resolved. */
  post: z.boolean(),
});
export type AuditRun = z.infer<typeof auditRunSchema>;

/** Runs (and history entries) written before versions existed (v0) had today's shape. */
export const AUDIT_RUN_FORMAT: RecordFormat<AuditRun> = {
  kind: 'audit-run',
  version: 1,
  migrations: { 0: (record) => record },
  schema: auditRunSchema,
};

/** What the next audit compares with: the findings of the last one. */
export const auditStateSchema = z.object({ seq: z.number(), version: z.number(), findings: z.array(briefSchema) });
export type AuditState = z.infer<typeof auditStateSchema>;

/**
 * State written before versions existed (v0) had today's shape; briefs from before message ids are
 * migrated later, against the current findings (`migrateAuditState`), since that needs the check.
 */
export const AUDIT_STATE_FORMAT: RecordFormat<AuditState> = {
  kind: 'audit-state',
  version: 1,
  migrations: { 0: (record) => record },
  schema: auditStateSchema,
};

/**
 * Scheduling the same topology into the same channel again updates that audit rather than adding a
 * second one, so the id is derived from the three.
 */
export function auditIdFor(name: string, platform: string, channel: string): string {
  return `${name}-${createHash('sha256').update(`${platform}\u0000${channel}`).digest('hex').slice(0, 6)}`;
}
