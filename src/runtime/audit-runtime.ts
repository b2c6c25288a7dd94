import type { Worker } from 'bullmq';
import { createAuditWorker, type AuditWorkerOptions } from '../audit/audit-worker.js';
import type { Env } from '../config/env.js';
import type { Logger } from '../ops/logger.js';
import type { ReplyPort } from '../reply/port.js';
import type { Services } from './services.js';

/** The audit worker of a process, configured from the environment; undefined when AUDITS=false. */
export function startAuditWorker(
  env: Env,
  services: Services,
  ports: ReadonlyMap<string, ReplyPort>,
  logger: Logger,
  /** Settings the environment cannot express (tests: sub-second run expiry). */
  overrides: Partial<AuditWorkerOptions> = {},
): Worker | undefined {
  if (!env.AUDITS) return undefined;
  return createAuditWorker({
    connection: services.redis,
    scheduler: services.audits.scheduler,
    ports,
    ledger: services.ledger,
    topologies: services.store,
    audits: services.audits.store,
    pacer: services.audits.pacer,
    maxBytes: env.MAX_TOPOLOGY_BYTES,
    concurrency: env.AUDIT_CONCURRENCY,
    runExpiryMs: env.AUDIT_RUN_EXPIRY_SECONDS * 1000,
    backoffMs: env.AUDIT_BACKOFF_MS,
    maxBackoffMs: env.AUDIT_MAX_BACKOFF_MS,
    holdMs: Math.max(2000, env.AUDIT_CHANNEL_INTERVAL_MS * 2),
    lockDuration: env.LOCK_DURATION_MS,
    stalledInterval: env.STALLED_INTERVAL_MS,
    logger: logger.child({ component: 'audits' }),
    metrics: services.metrics,
    ...overrides,
  });
}
