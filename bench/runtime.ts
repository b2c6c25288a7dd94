import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { ShellPort } from '../adapters/shell/port.js';
import { createExecutor } from '../commands/execute.js';
import { parseInvocation } from '../commands/invocation.js';
import { envSchema } from '../src/config/env.js';
import { Producer } from '../src/queue/producer.js';
import { createChatWorker } from '../src/queue/worker.js';
import { ReplyLedger } from '../src/reply/ledger.js';
import { LatestCache } from '../src/store/latest-cache.js';
import { TopologyStore, type StoredVersion } from '../src/store/topology-store.js';
import { median } from './timing.js';

const MEDIUM = {
  name: 'medium.yaml',
  content: readFileSync(new URL('../../examples/medium.yaml', import.meta.url), 'utf8'),
};
const KEEP = { age: 600, count: 20_000 };

/** `cold`: a distinct text per job (a comment line), so nothing is answered from the engine's memo. */
function checkJob(requestId: string, cold = false, platform: 'test' | 'shell' = 'test') {
  const inv = parseInvocation(
    'check this',
    cold ? { ...MEDIUM, content: `${MEDIUM.content}\n# ${requestId}\n` } : MEDIUM,
  );
  return {
    requestId,
    target: { platform, tenant: 'bench:T', channel: 'C', requester: 'U' },
    command: inv.command,
    input: inv.input,
    attachment: inv.attachment!,
    pending: inv.pending,
    receivedAt: Date.now(),
    admin: true,
  };
}

async function cleanup(redis: Redis, name: string): Promise<void> {
  const q = new Queue(name, { connection: redis });
  await q.obliterate({ force: true }).catch(() => undefined);
  await q.close();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${name}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

/** Round trips (sequential) and throughput (a burst) for one queue set-up. */
async function measure(
  redis: Redis,
  name: string,
  add: (i: number) => Promise<string>,
  samples: number,
  burst: number,
) {
  const queue = new Queue(name, { connection: redis });
  const events = new QueueEvents(name, { connection: redis.duplicate() });
  await events.waitUntilReady();
  const times: number[] = [];
  for (let i = 0; i < samples + 20; i++) {
    const start = performance.now();
    const id = await add(i);
    const job = await queue.getJob(id);
    await job!.waitUntilFinished(events);
    if (i >= 20) times.push(performance.now() - start);
  }
  let done = 0;
  const all = new Promise<void>((resolve) => events.on('completed', () => ++done === burst && resolve()));
  // Enqueued in concurrent batches, as many chat users would, so that the worker and not a
  // one-at-a-time producer sets the pace.
  const start = performance.now();
  for (let i = 0; i < burst; i += 100)
    await Promise.all(Array.from({ length: Math.min(100, burst - i) }, (_, k) => add(100_000 + i + k)));
  await all;
  const throughput = burst / ((performance.now() - start) / 1000);
  await events.close();
  await queue.close();
  return { p50: median(times), throughput };
}

async function bare(redis: Redis, concurrency: number) {
  const name = `bench-bare-${process.pid}`;
  const queue = new Queue(name, { connection: redis });
  const worker = new Worker(name, () => Promise.resolve({}), { connection: redis, concurrency });
  const result = await measure(
    redis,
    name,
    async (i) => (await queue.add('empty', {}, { jobId: `b${i}`, removeOnComplete: KEEP })).id!,
    200,
    2000,
  );
  await worker.close();
  await queue.close();
  await cleanup(redis, name);
  return result;
}

async function endToEnd(redis: Redis, concurrency: number, cold: boolean) {
  const name = `bench-e2e-${cold ? 'cold' : 'warm'}-${process.pid}`;
  const queue = new Queue(name, { connection: redis });
  const producer = new Producer(queue, redis, { attempts: 3, backoffMs: 100, keepCompleted: KEEP, keepFailed: KEEP });
  const cache = new LatestCache<StoredVersion>(redis, TopologyStore.keyPrefix(name), (v) => v.text.length);
  const worker = createChatWorker({
    connection: redis,
    queueName: name,
    // The fake port keeps replies in memory (the shell port, writing nowhere): the benchmark measures
    // the pipeline, not a fake platform's storage.
    ports: new Map([['shell', new ShellPort({ write: () => undefined, filesDir: '.voipnow/bench-files' })]]),
    ledger: new ReplyLedger(redis, name),
    // As the worker binary builds it (src/runtime/services.ts): with the tracked cache of newest versions.
    execute: createExecutor({
      store: new TopologyStore(redis, name, { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 }, cache),
      maxBytes: 1 << 20,
    }),
    concurrency,
    lockDuration: 30_000,
    stalledInterval: 30_000,
    logger: pino({ level: 'silent' }),
  });
  const result = await measure(
    redis,
    name,
    async (i) => (await producer.enqueue(checkJob(`e${i}`, cold, 'shell'))).jobId,
    200,
    2000,
  );
  await worker.close();
  await cache.close();
  await queue.close();
  await cleanup(redis, name);
  return result;
}

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

/** Worker process RSS after 1,000 and after 10,000 end-to-end check jobs. */
async function workerMemory(redis: Redis, url: string) {
  const name = `bench-rss-${process.pid}`;
  const worker = spawn(process.execPath, [fileURLToPath(new URL('./record-worker.js', import.meta.url))], {
    env: {
      PATH: process.env.PATH ?? '',
      REDIS_URL: url,
      QUEUE_NAME: name,
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      KEEP_COMPLETED_COUNT: '1000',
      KEEP_COMPLETED_SECONDS: '60',
    },
    stdio: 'ignore',
  });
  const queue = new Queue(name, { connection: redis });
  const producer = new Producer(queue, redis, {
    attempts: 3,
    backoffMs: 100,
    keepCompleted: { age: 60, count: 1000 },
    keepFailed: KEEP,
  });
  const events = new QueueEvents(name, { connection: redis.duplicate() });
  await events.waitUntilReady();
  let done = 0;
  events.on('completed', () => done++);
  const runTo = async (target: number) => {
    for (let i = done; i < target; i += 250) {
      await Promise.all(
        Array.from({ length: Math.min(250, target - i) }, (_, k) => producer.enqueue(checkJob(`m${i + k}`))),
      );
      while (done < Math.min(target, i + 250) - 50) await new Promise((r) => setTimeout(r, 20));
    }
    while (done < target) await new Promise((r) => setTimeout(r, 20));
  };
  // RSS after the worker settles: the least of ten samples over two seconds, so a collection that
  // happens to be pending at one instant does not decide the figure.
  const settledRss = async () => {
    const samples: number[] = [];
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 200));
      samples.push(rssKiB(worker.pid!));
    }
    return Math.min(...samples);
  };
  await runTo(1000);
  const at1k = await settledRss();
  await runTo(10_000);
  const at10k = await settledRss();
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  await events.close();
  await queue.close();
  await cleanup(redis, name);
  return { at1k, at10k };
}

/** Jobs per second that one worker process (its own process, like production) gets through. */
async function processThroughput(
  redis: Redis,
  url: string,
  kind: 'bare' | 'chat',
  concurrency: number,
  burst: number,
): Promise<number> {
  const name = `bench-proc-${kind}-${process.pid}`;
  const queue = new Queue(name, { connection: redis });
  const producer = new Producer(queue, redis, { attempts: 3, backoffMs: 100, keepCompleted: KEEP, keepFailed: KEEP });
  // Everything is queued first, so the producer's work is not billed to the worker.
  for (let i = 0; i < burst; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, burst - i) }, (_, k) =>
        kind === 'bare'
          ? queue.add('empty', {}, { jobId: `p${i + k}`, removeOnComplete: KEEP })
          : producer.enqueue(checkJob(`p${i + k}`, false, 'shell')),
      ),
    );
  }
  const events = new QueueEvents(name, { connection: redis.duplicate() });
  await events.waitUntilReady();
  let done = 0;
  const all = new Promise<void>((resolve) => events.on('completed', () => ++done === burst && resolve()));
  const worker = fork(
    fileURLToPath(new URL('./worker-process.js', import.meta.url)),
    [kind, url, name, String(concurrency)],
    { stdio: 'ignore' },
  );
  await new Promise((r) => worker.once('message', r));
  const start = performance.now();
  await all;
  const rate = burst / ((performance.now() - start) / 1000);
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  await events.close();
  await queue.close();
  await cleanup(redis, name);
  return rate;
}

export async function benchRuntime(url: string) {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  // The worker's default (WORKER_CONCURRENCY), for both the bare and the end-to-end worker.
  const concurrency = envSchema.shape.WORKER_CONCURRENCY.parse(undefined);
  const b = await bare(redis, concurrency);
  const e = await endToEnd(redis, concurrency, false);
  const cold = await endToEnd(redis, concurrency, true);
  const rss = await workerMemory(redis, url);
  const process = {
    bare: await processThroughput(redis, url, 'bare', concurrency, 5000),
    chat: await processThroughput(redis, url, 'chat', concurrency, 5000),
  };
  await redis.quit();
  return { bare: b, e2e: e, cold, rss, concurrency, process };
}
