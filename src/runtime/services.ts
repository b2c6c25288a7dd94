import type { Redis } from 'ioredis';
import type { Queue } from 'bullmq';
import type { AuditService } from '../audit/audit-service.js';
import { AuditStore } from '../audit/audit-store.js';
import { PostPacer, type PacerOptions } from '../reply/post-pacer.js';
import { AuditScheduler } from '../audit/scheduler.js';
import type { Env } from '../config/env.js';
import { Metrics, unreadableRecords } from '../ops/metrics.js';
import { Producer, createQueue } from '../queue/producer.js';
import { ReplyLedger } from '../reply/ledger.js';
import { LatestCache } from '../store/latest-cache.js';
import { TopologyStore, type StoredVersion } from '../store/topology-store.js';
import type { OperatorConfig } from '../team-config/operator.js';
import { parseMemoryInfo } from './redis-errors.js';

/** The pieces every process shares, built from the validated environment. */
export interface Services {
  redis: Redis;
  queue: Queue;
  producer: Producer;
  store: TopologyStore;
  ledger: ReplyLedger;
  metrics: Metrics;
  audits: AuditService & { pacer: PostPacer };
  /** Present in processes that run commands (workers, the shell). */
  latestCache?: LatestCache<StoredVersion>;
}

/**
 * `queueName` and `auditQueueName` default to names derived from QUEUE_NAME; the shell passes
 * private ones so that its jobs are not taken by other processes. Stored data always lives under
 * QUEUE_NAME, so it outlives any one process.
 */
export function createServices(
  env: Env,
  redis: Redis,
  names: {
    queueName?: string;
    auditQueueName?: string;
    latestCache?: boolean;
    operator?: OperatorConfig;
    /** The audits' pacer clock and observer (tests inject a clock of their own). */
    pacer?: PacerOptions;
    /** Where stored records that no longer parse are logged (they are counted in any case). */
    logger?: { error(obj: object, msg: string): void };
  } = {},
): Services {
  const queue = createQueue(names.queueName ?? env.QUEUE_NAME, redis);
  const latestCache = names.latestCache
    ? new LatestCache<StoredVersion>(redis, TopologyStore.keyPrefix(env.QUEUE_NAME), (v) => v.text.length)
    : undefined;
  const metrics = new Metrics(
    () => queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
    async () => parseMemoryInfo(await redis.info('memory')),
  );
  const unreadable = unreadableRecords(metrics, names.logger);
  const auditStore = new AuditStore(
    redis,
    env.QUEUE_NAME,
    { maxAudits: env.AUDIT_MAX_PER_TENANT, runTtlSeconds: env.AUDIT_RUN_EXPIRY_SECONDS + 86_400 },
    unreadable,
  );
  return {
    redis,
    queue,
    producer: new Producer(queue, redis, {
      attempts: env.JOB_ATTEMPTS,
      backoffMs: env.JOB_BACKOFF_MS,
      keepCompleted: { age: env.KEEP_COMPLETED_SECONDS, count: env.KEEP_COMPLETED_COUNT },
      keepFailed: { age: env.KEEP_FAILED_SECONDS, count: env.KEEP_FAILED_COUNT },
    }),
    store: new TopologyStore(
      redis,
      env.QUEUE_NAME,
      {
        maxTopologies: env.MAX_TOPOLOGIES_PER_TENANT,
        maxVersions: env.MAX_VERSIONS_PER_TOPOLOGY,
        maxBytes: env.MAX_TOPOLOGY_BYTES,
      },
      latestCache,
      names.operator,
      unreadable,
    ),
    ...(latestCache ? { latestCache } : {}),
    ledger: new ReplyLedger(redis, env.QUEUE_NAME),
    metrics,
    audits: {
      store: auditStore,
      scheduler: new AuditScheduler(redis, names.auditQueueName ?? `${env.QUEUE_NAME}-audits`, {
        backoffMs: env.AUDIT_BACKOFF_MS,
        keep: { age: env.KEEP_COMPLETED_SECONDS, count: env.KEEP_COMPLETED_COUNT },
      }),
      pacer: new PostPacer(
        redis,
        env.QUEUE_NAME,
        {
          channelIntervalMs: env.AUDIT_CHANNEL_INTERVAL_MS,
          platformPerSecond: env.AUDIT_PLATFORM_POSTS_PER_SECOND,
        },
        names.pacer,
      ),
      defaultTz: env.AUDIT_DEFAULT_TZ,
      minIntervalMs: env.AUDIT_MIN_INTERVAL_SECONDS * 1000,
    },
  };
}

/** Queue connection trouble goes to the log, not to stderr as unhandled events. */
export function logQueueErrors(services: Services, logger: { warn(obj: object, msg: string): void }): void {
  for (const queue of [services.queue, services.audits.scheduler.queue])
    queue.on('error', (error: Error) => logger.warn({ queue: queue.name, err: error.message }, 'queue error'));
}
