import type { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import type { AuditService } from '../../src/audit/audit-service.js';
import type { AuditWorkerOptions } from '../../src/audit/audit-worker.js';
import { chatWorker, composeBase } from '../../src/bin/bootstrap.js';
import { loadEnv, type Env } from '../../src/config/env.js';
import type { Pictures } from '../../src/diagram/picture.js';
import type { PacerOptions, PacingLimits, PostPacer } from '../../src/reply/post-pacer.js';
import type { Producer } from '../../src/queue/producer.js';
import type { ReplyLedger } from '../../src/reply/ledger.js';
import type { ReplyPort } from '../../src/reply/port.js';
import { startAuditWorker as startAuditWorkerOf } from '../../src/runtime/audit-runtime.js';
import type { TopologyStore } from '../../src/store/topology-store.js';
import type { Services } from '../../src/runtime/services.js';
import type { OperatorConfig } from '../../src/team-config/operator.js';
import { deleteKeys, testRedisUrl, uniqueName } from './redis.js';
export interface ChatRuntime {
  /** The environment and services it was composed from (to start a platform's receiver on them). */
  env: Env;
  services: Services;
  redis: Redis;
  name: string;
  queue: Queue;
  worker: Worker;
  store: TopologyStore;
  producer: Producer;
  logger: Logger;
  ledger: ReplyLedger;
  ports: Map<string, ReplyPort>;
  /** Present when started with `audits`. */
  audits?: AuditService & { pacer: PostPacer };
  auditWorker?: Worker;
  /** Starts another audit worker on the same queue (after a restart, say). */
  startAuditWorker?(): Worker;
  stop(): Promise<void>;
}

export interface AuditRuntimeOptions {
  pacing?: PacingLimits;
  /** Clock and admission observer of the audits' pacer. */
  pacer?: PacerOptions;
  minIntervalMs?: number;
  runExpiryMs?: number;
  backoffMs?: number;
  concurrency?: number;
  worker?: Partial<AuditWorkerOptions>;
}

/** The environment the test runtime is composed from: small limits, short locks, quick retries. */
function testEnv(redisUrl: string, name: string, a: AuditRuntimeOptions | undefined): Env {
  const pacing = a?.pacing ?? { channelIntervalMs: 100, platformPerSecond: 1000 };
  return loadEnv({
    REDIS_URL: redisUrl,
    QUEUE_NAME: name,
    AUDITS: a ? 'true' : 'false',
    PICTURES: 'false',
    MAX_TOPOLOGIES_PER_TENANT: '10',
    MAX_VERSIONS_PER_TOPOLOGY: '10',
    MAX_TOPOLOGY_BYTES: String(1 << 20),
    WORKER_CONCURRENCY: '4',
    LOCK_DURATION_MS: '10000',
    STALLED_INTERVAL_MS: '5000',
    JOB_ATTEMPTS: '5',
    JOB_BACKOFF_MS: '50',
    KEEP_COMPLETED_SECONDS: '600',
    KEEP_COMPLETED_COUNT: '5000',
    KEEP_FAILED_SECONDS: '600',
    KEEP_FAILED_COUNT: '1000',
    AUDIT_MAX_PER_TENANT: '2000',
    AUDIT_CONCURRENCY: String(a?.concurrency ?? 8),
    AUDIT_BACKOFF_MS: String(a?.backoffMs ?? 100),
    AUDIT_MAX_BACKOFF_MS: String(Math.max(1000, a?.backoffMs ?? 100)),
    AUDIT_CHANNEL_INTERVAL_MS: String(pacing.channelIntervalMs),
    AUDIT_PLATFORM_POSTS_PER_SECOND: String(pacing.platformPerSecond ?? 1000),
    AUDIT_RUN_EXPIRY_SECONDS: '60',
    AUDIT_DEFAULT_TZ: 'UTC',
  });
}

/**
 * A queue, a store, a producer and an in-process chat worker (and audit worker) on real Redis,
 * under a fresh name: composed by production's bootstrap (composeBase, chatWorker,
 * startAuditWorker), with the test's reply ports, Redis connection and pacer clock injected.
 */
export async function startChatRuntime(
  prefix: string,
  makePorts: (redis: Redis, name: string) => Map<string, ReplyPort>,
  options: {
    audits?: AuditRuntimeOptions;
    redisUrl?: string;
    pictures?: Pictures;
    operator?: OperatorConfig;
    /** The clock of live monitoring queries. */
    now?: () => Date;
  } = {},
): Promise<ChatRuntime> {
  const redisUrl = options.redisUrl ?? (await testRedisUrl());
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  // Tests that restart Redis expect refused connections meanwhile; they are not failures.
  redis.on('error', () => undefined);
  const name = uniqueName(prefix);
  const a = options.audits;
  const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const base = composeBase(testEnv(redisUrl, name, a), redis, logger, {
    ...(a?.pacer ? { pacer: a.pacer } : {}),
    ...(options.operator ? { operator: options.operator } : {}),
  });
  const { services } = base;
  // Schedules the environment cannot express (sub-second intervals) for quick tests.
  services.audits.minIntervalMs = a?.minIntervalMs ?? 500;
  const ports = makePorts(redis, name);
  const worker = chatWorker(base, ports, {
    ...(options.pictures ? { pictures: options.pictures } : {}),
    // A pinned clock for live figures, and no monitoring credentials from the test's environment.
    ...(options.now ? { now: options.now, commandEnv: {} } : {}),
  });
  const startAuditWorker = () =>
    startAuditWorkerOf(base.env, services, ports, logger, {
      holdMs: 2000,
      ...(a?.runExpiryMs ? { runExpiryMs: a.runExpiryMs } : {}),
      ...a?.worker,
    })!;
  const auditWorker = a ? startAuditWorker() : undefined;
  return {
    env: base.env,
    services,
    redis,
    name,
    queue: services.queue,
    worker,
    store: services.store,
    producer: services.producer,
    logger,
    ledger: services.ledger,
    ports,
    ...(a ? { audits: services.audits, startAuditWorker } : {}),
    ...(auditWorker ? { auditWorker } : {}),
    async stop() {
      await worker.close();
      await auditWorker?.close();
      if (a) await services.audits.scheduler.queue.obliterate({ force: true });
      await services.queue.obliterate({ force: true });
      await deleteKeys(redis, `${name}*`);
      await base.close();
    },
  };
}
