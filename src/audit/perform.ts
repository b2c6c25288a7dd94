import { StoreError, type TenantTopologies } from '../store/topology-store.js';
import type { AuditRun } from './audit-spec.js';
import type { TenantAudits } from './audit-store.js';
import { auditTopology } from './outcome.js';
import { parseTopologyCached } from '../engine/memo.js';
import { liveUsageFor } from '../monitoring/live.js';
import type { LiveUsage } from '../monitoring/usage.js';

export interface PerformAudit {
  topologies: TenantTopologies;
  audits: TenantAudits;
  name: string;
  auditId: string;
  /** Same id on every attempt of one run: the result is computed once and replayed after. */
  runId: string;
  quiet: boolean;
  maxBytes: number;
  today?: string;
  now?: Date;
  /** Where monitoring credentials come from. @defaultValue process.env */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs one audit: the stored run if an earlier attempt made it, else a fresh check of the latest
 * version against the last audit's findings, stored atomically. `missing` when the topology is gone.
 */
export async function performAudit(p: PerformAudit): Promise<{ run: AuditRun; fresh: boolean } | 'missing'> {
  const stored = await p.audits.findRun(p.runId);
  if (stored) return { run: stored, fresh: false };
  // Another audit of the same topology may commit between our read and write; then read again.
  for (let attempt = 0; attempt < 5; attempt++) {
    let pair;
    try {
      pair = await p.topologies.latestPair(p.name);
    } catch (error) {
      if (error instanceof StoreError && error.code === 'not-found') return 'missing';
      throw error;
    }
    const last = await p.audits.state(p.name, p.auditId);
    // The tenant's configuration as it is now: a rule switched off there stops being reported here.
    const config = await p.topologies.settings().engine();
    const usage = await auditUsage(p, pair.latest.text);
    const { run, state } = auditTopology({
      ...(usage ? { usage } : {}),
      runId: p.runId,
      auditId: p.auditId,
      latest: pair.latest,
      ...(pair.previous ? { previous: pair.previous } : {}),
      ...(last ? { last } : {}),
      quiet: p.quiet,
      maxBytes: p.maxBytes,
      config,
      ...(p.today ? { today: p.today } : {}),
      now: p.now ?? new Date(),
    });
    const committed = await p.audits.commitRun(run, state, last);
    if (committed !== 'conflict') return committed;
  }
  throw new Error(`audits of ${p.name} kept racing; will retry`);
}

/** Live figures when the tenant set an endpoint (`config prometheus URL`); the file's own endpoint is not followed. */
async function auditUsage(p: PerformAudit, text: string): Promise<LiveUsage | undefined> {
  const prometheus = (await p.topologies.settings().current())?.settings.monitoring?.prometheus;
  if (!prometheus) return undefined;
  const parsed = parseTopologyCached(text, { maxBytes: p.maxBytes });
  if (!parsed.ok) return undefined;
  return liveUsageFor(parsed.topology, { url: prometheus, env: p.env ?? process.env, now: p.now ?? new Date() });
}
