import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { tenantHash } from '../store/topology-store.js';
import type { AuditSpec } from './audit-spec.js';

/** What a scheduled job carries: just enough to find its audit; the spec itself stays in the store. */
export interface AuditJobData {
  tenant: string;
  auditId: string;
}

export const AUDIT_JOB = 'audit';
/** The backoff type the audit worker implements: doubling, capped, honouring a platform's Retry-After. */
export const AUDIT_BACKOFF = 'audit-capped';

export interface AuditSchedulerOptions {
  /** First retry delay of a failed post. */
  backoffMs: number;
  keep: { age: number; count: number };
}

/**
 * Audits as BullMQ job schedulers: the schedule lives in Redis with the queue, so it survives
 * restarts of every process, and no process keeps a timer.
 */
export class AuditScheduler {
  readonly queue: Queue<AuditJobData>;

  constructor(
    connection: Redis,
    readonly queueName: string,
    private readonly options: AuditSchedulerOptions,
  ) {
    this.queue = new Queue<AuditJobData>(queueName, { connection });
  }

  static schedulerId(tenant: string, auditId: string): string {
    return `${tenantHash(tenant).slice(0, 16)}-${auditId}`;
  }

  /** Creates or updates the schedule; returns when it fires next. */
  async upsert(tenant: string, spec: AuditSpec): Promise<Date | undefined> {
    const job = await this.queue.upsertJobScheduler(AuditScheduler.schedulerId(tenant, spec.id), spec.repeat, {
      name: AUDIT_JOB,
      data: { tenant, auditId: spec.id },
      opts: {
        // Posting is retried until it lands or the run expires; the worker decides when that is.
        attempts: 10_000,
        backoff: { type: AUDIT_BACKOFF, delay: this.options.backoffMs },
        removeOnComplete: this.options.keep,
        removeOnFail: this.options.keep,
      },
    });
    const at = job ? job.timestamp + (job.opts.delay ?? 0) : undefined;
    return at ? new Date(at) : undefined;
  }

  async remove(tenant: string, auditId: string): Promise<boolean> {
    return this.queue.removeJobScheduler(AuditScheduler.schedulerId(tenant, auditId));
  }

  /** When the audit fires next, or undefined when it has no schedule any more. */
  async next(tenant: string, auditId: string): Promise<Date | undefined> {
    const scheduler = await this.queue.getJobScheduler(AuditScheduler.schedulerId(tenant, auditId));
    return scheduler?.next ? new Date(scheduler.next) : undefined;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
