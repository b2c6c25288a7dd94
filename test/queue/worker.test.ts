import { readFileSync } from 'node:fs';
import { Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RecordPort } from '../../adapters/record/port.js';
import { createExecutor } from '../../commands/execute.js';
import { Producer } from '../../src/queue/producer.js';
import { createChatWorker } from '../../src/queue/worker.js';
import { ReplyLedger } from '../../src/reply/ledger.js';
import { TransientPortError, type ReplyPort } from '../../src/reply/port.js';
import { TopologyStore } from '../../src/store/topology-store.js';
import { chatJob } from '../support/chat-job.js';
import { deleteKeys, testRedisUrl, uniqueName, waitUntil } from '../support/redis.js';

const medium = {
  name: 'medium.yaml',
  content: readFileSync(new URL('../../examples/medium.yaml', import.meta.url), 'utf8'),
};
let url: string;
const cleanups: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  url = await testRedisUrl();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: { wrap?: (port: RecordPort) => ReplyPort; attempts?: number } = {}) {
  const name = uniqueName('wq');
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection: redis });
  const port = new RecordPort(redis, `${name}:rec`);
  const producer = new Producer(queue, redis, {
    attempts: options.attempts ?? 4,
    backoffMs: 20,
    keepCompleted: { age: 3600, count: 1000 },
    keepFailed: { age: 3600, count: 1000 },
  });
  const worker: Worker = createChatWorker({
    connection: redis,
    queueName: name,
    ports: new Map([['test', options.wrap ? options.wrap(port) : port]]),
    ledger: new ReplyLedger(redis, name),
    execute: createExecutor({
      store: new TopologyStore(redis, name, { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 }),
      maxBytes: 1 << 20,
    }),
    concurrency: 3,
    lockDuration: 5000,
    stalledInterval: 5000,
    logger: pino({ level: 'silent' }),
  });
  cleanups.push(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await deleteKeys(redis, `${name}*`);
    await redis.quit();
  });
  await worker.waitUntilReady();
  return { name, redis, queue, port, producer, worker };
}

describe('queue and worker', () => {
  it('a job goes adapter → queue → worker → threaded reply, and carries its reply target', async () => {
    const { producer, port, queue } = await setup();
    const { jobId } = await producer.enqueue(chatJob('check this', 'evt-1', medium));
    await waitUntil(async () => (await queue.getJobState(jobId)) === 'completed', 10_000, 'job completed');
    const seen = await port.messages();
    expect(seen.map((m) => m.kind)).toEqual(['parent', 'message', 'update']);
    expect(seen[0]).toMatchObject({ channel: 'C1', text: 'Checking the topology…' });
    expect(seen[2]!.text).toMatch(/regional-eu: 0 errors/);
  });

  it('the chat request id dedupes enqueueing: a redelivery yields no second job or reply', async () => {
    const { producer, port, queue } = await setup();
    const first = await producer.enqueue(chatJob('rules HA001', 'Ev0123:retry'));
    const again = await producer.enqueue(chatJob('rules HA001', 'Ev0123:retry'));
    expect(again).toEqual({ jobId: first.jobId, duplicate: true });
    await waitUntil(async () => (await queue.getJobState(first.jobId)) === 'completed');
    // A redelivery after the job finished is refused at the door: no job exists that could reply.
    expect(await producer.enqueue(chatJob('rules HA001', 'Ev0123:retry'))).toEqual({
      jobId: first.jobId,
      duplicate: true,
    });
    expect(await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).toEqual({
      waiting: 0,
      active: 0,
      delayed: 0,
      prioritized: 0,
    });
    expect((await port.messages()).filter((m) => m.kind === 'parent')).toHaveLength(1);
  });

  it('transient platform failures are retried with backoff and the reply lands once', async () => {
    let failures = 2;
    const { producer, port, queue } = await setup({
      wrap: (inner) =>
        Object.assign(Object.create(Object.getPrototypeOf(inner)) as RecordPort, inner, {
          postInThread: async (...args: Parameters<RecordPort['postInThread']>) => {
            if (failures-- > 0) throw new TransientPortError('503 from the platform');
            return inner.postInThread(...args);
          },
        }),
    });
    const { jobId } = await producer.enqueue(chatJob('rules', 'evt-transient'));
    await waitUntil(async () => (await queue.getJobState(jobId)) === 'completed', 10_000);
    const job = await queue.getJob(jobId);
    // Two failed attempts, then the one that delivered.
    expect(job!.attemptsMade).toBe(3);
    const kinds = (await port.messages()).map((m) => m.kind);
    expect(kinds.filter((k) => k === 'parent')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'message').length).toBeGreaterThan(0);
  });

  it('an invalid job payload is not retried, and the user is told', async () => {
    const { queue, port } = await setup();
    await queue.add(
      'check',
      {
        requestId: 'evt-bad',
        target: { platform: 'test', tenant: 'x', channel: 'C9', requester: 'U' },
        command: 'check',
        pending: 'Checking…',
        receivedAt: 'yesterday',
      },
      { jobId: 'bad-1', attempts: 5 },
    );
    await waitUntil(async () => (await queue.getJobState('bad-1')) === 'failed');
    expect((await queue.getJob('bad-1'))!.attemptsMade).toBe(1);
    expect((await queue.getJob('bad-1'))!.failedReason).toMatch(/not valid/);
    await waitUntil(
      async () =>
        (await port.messages()).some((m) => m.kind === 'parent' && m.channel === 'C9' && m.text.startsWith('🚫')),
      5000,
      'apology',
    );
  });

  it('after the last attempt the user gets an apology in the thread, not silence', async () => {
    const { producer, port, queue } = await setup({
      attempts: 2,
      wrap: (inner) =>
        Object.assign(Object.create(Object.getPrototypeOf(inner)) as RecordPort, inner, {
          postInThread: () => Promise.reject(new TransientPortError('platform down')),
        }),
    });
    const { jobId } = await producer.enqueue(chatJob('rules', 'evt-down'));
    await waitUntil(async () => (await queue.getJobState(jobId)) === 'failed');
    await waitUntil(
      async () => (await port.messages()).some((m) => m.kind === 'update' && m.text.startsWith('🚫')),
      5000,
      'apology',
    );
  });

  it('keeps completed and failed jobs for a bounded time and count', async () => {
    const { producer, queue } = await setup();
    const { jobId } = await producer.enqueue(chatJob('help', 'evt-opts'));
    const job = await queue.getJob(jobId);
    expect(job!.opts).toMatchObject({
      attempts: 4,
      backoff: { type: 'exponential', delay: 20 },
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: 3600, count: 1000 },
    });
  });
});
