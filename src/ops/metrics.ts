import type { UnreadableRecords } from '../store/versioned.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process (bot or worker); each process has its own registry. */
export class Metrics {
  readonly registry = new Registry();
  readonly jobs = new Counter({
    name: 'voipnow_jobs_total',
    help: 'Jobs finished, by command and outcome',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'voipnow_job_duration_seconds',
    help: 'Time from pick-up to reply posted, by command',
    labelNames: ['command'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly replies = new Counter({
    name: 'voipnow_replies_posted_total',
    help: 'Messages and files posted, by platform',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });
  readonly enqueued = new Counter({
    name: 'voipnow_requests_enqueued_total',
    help: 'Chat requests enqueued, by platform and command',
    labelNames: ['platform', 'command'] as const,
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: 'voipnow_requests_deduplicated_total',
    help: 'Redelivered chat requests dropped',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });

  readonly auditFailures = new Counter({
    name: 'voipnow_audit_failures_total',
    help: 'Audit runs that failed, by whether they will be retried (final="false") or are lost (final="true")',
    labelNames: ['final'] as const,
    registers: [this.registry],
  });
  readonly brokenRecords = new Counter({
    name: 'voipnow_stored_records_unreadable_total',
    help: 'Stored records that failed to parse even after migration, by kind (kept, never deleted)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor(
    queueDepth?: () => Promise<Record<string, number>>,
    redisMemory?: () => Promise<{ used: number; max: number }>,
  ) {
    // Standard names (process_cpu_seconds_total, nodejs_heap_size_used_bytes, …): dashboards and
    // alerts written for any Node service work unchanged.
    collectDefaultMetrics({ register: this.registry });
    if (redisMemory) {
      // Jobs stall (they are not lost) while Redis is full: alert on this before it reaches 0.
      new Gauge({
        name: 'voipnow_redis_memory_headroom_bytes',
        help: 'Bytes Redis may still use before maxmemory refuses writes (+Inf when maxmemory is 0)',
        registers: [this.registry],
        async collect() {
          const { used, max } = await redisMemory();
          this.set(max > 0 ? max - used : Number.POSITIVE_INFINITY);
        },
      });
    }
    if (queueDepth) {
      new Gauge({
        name: 'voipnow_queue_depth',
        help: 'Jobs in the queue, by state',
        labelNames: ['state'] as const,
        registers: [this.registry],
        async collect() {
          const counts = await queueDepth();
          for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
        },
      });
    }
  }
}

/** Where the stores report a record that does not parse: logged and counted by kind; the record stays. */
export function unreadableRecords(
  metrics: Metrics,
  logger?: { error(obj: object, msg: string): void },
): UnreadableRecords {
  return (kind, where, problem) => {
    metrics.brokenRecords.inc({ kind });
    logger?.error({ kind, key: where, problem }, 'stored record does not parse; kept as it is');
  };
}
