import { Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { createExecutor } from '../../commands/execute.js';
import { Producer } from '../../src/queue/producer.js';
import { createChatWorker } from '../../src/queue/worker.js';
import { ReplyLedger } from '../../src/reply/ledger.js';
import type { ReplyPort } from '../../src/reply/port.js';
import { TopologyStore } from '../../src/store/topology-store.js';
import { deleteKeys, testRedisUrl, uniqueName } from './redis.js';

export interface ChatRuntime {
  redis: Redis;
  name: string;
  queue: Queue;
  worker: Worker;
  store: TopologyStore;
  producer: Producer;
  logger: Logger;
  stop(): Promise<void>;
}

/** A queue, a store, a producer and an in-process chat worker on real Redis, under a fresh name. */
export async function startChatRuntime(prefix: string, ports: (redis: Redis, name: string) => Map<string, ReplyPort>): Promise<ChatRuntime> {
  const redis = new Redis(await testRedisUrl(), { maxRetriesPerRequest: null });
  const name = uniqueName(prefix);
  const queue = new Queue(name, { connection: redis });
  const store = new TopologyStore(redis, name, { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 });
  const logger = pino({ level: 'silent' });
  const worker = createChatWorker({
    connection: redis,
    queueName: name,
    ports: ports(redis, name),
    ledger: new ReplyLedger(redis, name),
    execute: createExecutor({ store, maxBytes: 1 << 20 }),
    concurrency: 4,
    lockDuration: 10_000,
    stalledInterval: 5_000,
    logger,
  });
  const producer = new Producer(queue, redis, { attempts: 5, backoffMs: 50, keepCompleted: { age: 600, count: 1000 }, keepFailed: { age: 600, count: 1000 } });
  return {
    redis,
    name,
    queue,
    worker,
    store,
    producer,
    logger,
    async stop() {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await deleteKeys(redis, `${name}*`);
      await redis.quit();
    },
  };
}
