import { Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { createExecutor } from '../../commands/execute.js';
import type { AuditService } from '../../src/audit/audit-service.js';
import type { Pictures } from '../../src/diagram/picture.js';
import { AuditStore } from '../../src/audit/audit-store.js';
import { createAuditWorker, type AuditWorkerOptions } from '../../src/audit/audit-worker.js';
import { PostPacer, type PacerOptions, type PacingLimits } from '../../src/reply/post-pacer.js';
import { AuditScheduler } from '../../src/audit/scheduler.js';
import { Producer } from '../../src/queue/producer.js';
import { createChatWorker } from '../../src/queue/worker.js';
import { ReplyLedger } from '../../src/reply/ledger.js';
import type { ReplyPort } from '../../src/reply/port.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import { TopologyStore } from '../../src/store/topology-store.js';
import type { OperatorConfig } from '../../src/team-config/operator.js';
import { deleteKeys, testRedisUrl, uniqueName } from './redis.js';

export interface ChatRuntime {
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

/** A queue, a store, a producer and an in-process chat worker on real Redis, under a fresh name. */
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
  const redis = new Redis(options.redisUrl ?? (await testRedisUrl()), { maxRetriesPerRequest: null });
  // Tests that restart Redis expect refused connections meanwhile; they are not failures.
  redis.on('error', () => undefined);
  const name = uniqueName(prefix);
  const queue = new Queue(name, { connection: redis });
  queue.on('error', () => undefined);
  const store = new TopologyStore(
    redis,
    name,
    { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 },
    undefined,
    options.operator,
  );
  const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const ports = makePorts(redis, name);
  const ledger = new ReplyLedger(redis, name);
  const a = options.audits;
  const audits = a
    ? {
        store: new AuditStore(redis, name, { maxAudits: 2000, runTtlSeconds: 3600 }),
        scheduler: new AuditScheduler(redis, `${name}-audits`, {
          backoffMs: a.backoffMs ?? 100,
          keep: { age: 600, count: 5000 },
        }),
        pacer: new PostPacer(
          redis,
          name,
          a.pacing ?? { channelIntervalMs: 100, platformPerSecond: 1000 },
          a.pacer ?? {},
        ),
        defaultTz: 'UTC',
        minIntervalMs: a.minIntervalMs ?? 500,
      }
    : undefined;
  audits?.scheduler.queue.on('error', () => undefined);
  const startAuditWorker = () =>
    createAuditWorker({
      connection: redis,
      scheduler: audits!.scheduler,
      ports,
      ledger,
      topologies: store,
      audits: audits!.store,
      pacer: audits!.pacer,
      maxBytes: 1 << 20,
      concurrency: a?.concurrency ?? 8,
      runExpiryMs: a?.runExpiryMs ?? 60_000,
      backoffMs: a?.backoffMs ?? 100,
      maxBackoffMs: 1000,
      holdMs: 2000,
      lockDuration: 10_000,
      stalledInterval: 5_000,
      logger,
      ...a?.worker,
    });
  const auditWorker = audits ? startAuditWorker() : undefined;
  const worker = createChatWorker({
    connection: redis,
    queueName: name,
    ports,
    ledger,
    execute: createExecutor({
      store,
      maxBytes: 1 << 20,
      ...(audits
        ? {
            audits: {
              ...audits,
              destination: (t: ReplyTarget, channel: string) =>
                ports.get(t.platform)?.refuses?.(t.tenant, channel) ?? Promise.resolve(undefined),
            },
          }
        : {}),
      ...(options.pictures ? { pictures: options.pictures } : {}),
      ...(options.now ? { now: options.now, env: {} } : {}),
    }),
    concurrency: 4,
    lockDuration: 10_000,
    stalledInterval: 5_000,
    logger,
  });
  const producer = new Producer(queue, redis, {
    attempts: 5,
    backoffMs: 50,
    keepCompleted: { age: 600, count: 1000 },
    keepFailed: { age: 600, count: 1000 },
  });
  return {
    redis,
    name,
    queue,
    worker,
    store,
    producer,
    logger,
    ledger,
    ports,
    ...(audits ? { audits, startAuditWorker } : {}),
    ...(auditWorker ? { auditWorker } : {}),
    async stop() {
      await worker.close();
      await auditWorker?.close();
      if (audits) {
        await audits.scheduler.queue.obliterate({ force: true });
        await audits.scheduler.close();
      }
      await queue.obliterate({ force: true });
      await queue.close();
      await deleteKeys(redis, `${name}*`);
      await redis.quit();
    },
  };
}
