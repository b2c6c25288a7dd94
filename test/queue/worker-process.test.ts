import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordPort } from '../../adapters/record/port.js';
import { Producer } from '../../src/queue/producer.js';
import { chatJob } from '../support/chat-job.js';
import { deleteKeys, freePort, testRedisUrl, uniqueName, waitUntil } from '../support/redis.js';
import { FAKE_SLACK_TOKEN, startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

const medium = {
  name: 'medium.yaml',
  content: readFileSync(new URL('../../examples/medium.yaml', import.meta.url), 'utf8'),
};
let url: string;
let redis: Redis;
const workers: WorkerProcess[] = [];
const names: string[] = [];

beforeAll(async () => {
  url = await testRedisUrl();
  redis = new Redis(url, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  for (const name of names) {
    const q = new Queue(name, { connection: redis });
    await q.obliterate({ force: true }).catch(() => undefined);
    await q.close();
    await deleteKeys(redis, `${name}*`);
  }
  await redis.quit();
});

function setup(extraEnv: Record<string, string> = {}) {
  const name = uniqueName('wp');
  names.push(name);
  const queue = new Queue(name, { connection: redis });
  const producer = new Producer(queue, redis, {
    attempts: 5,
    backoffMs: 50,
    keepCompleted: { age: 3600, count: 10_000 },
    keepFailed: { age: 3600, count: 10_000 },
  });
  const port = new RecordPort(redis, `${name}:record`);
  const env = {
    REDIS_URL: url,
    QUEUE_NAME: name,
    WORKER_CONCURRENCY: '4',
    LOCK_DURATION_MS: '1500',
    STALLED_INTERVAL_MS: '500',
    ...extraEnv,
  };
  const start = () => {
    const w = startWorkerProcess(env);
    workers.push(w);
    return w;
  };
  return { name, queue, producer, port, start };
}

describe('worker processes', () => {
  it('a worker killed with SIGKILL mid-batch loses no reply and posts none twice (100 jobs, 100 replies)', async () => {
    // One job at a time, so that the kill lands in the middle of the batch however fast the worker is.
    const { queue, producer, port, start } = setup({ WORKER_CONCURRENCY: '1' });
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await producer.enqueue(chatJob('check this', `kill-${i}`, medium))).jobId);
    const first = start();
    await waitUntil(
      async () => (await port.messages()).filter((m) => m.kind === 'update').length >= 10,
      30_000,
      'first replies',
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const delivered = (await port.messages()).filter((m) => m.kind === 'update').length;
    expect(delivered).toBeLessThan(100);
    start();
    await waitUntil(
      async () => (await queue.getJobCounts('completed')).completed === 100,
      60_000,
      'all 100 jobs completed',
    );
    const seen = await port.messages();
    const parents = seen.filter((m) => m.kind === 'parent');
    const answers = seen.filter((m) => m.kind === 'message');
    expect(parents).toHaveLength(100);
    expect(new Set(parents.map((m) => m.key)).size).toBe(100);
    // Each request got its answer exactly once: one message per part key, every request answered.
    expect(new Set(answers.map((m) => m.key)).size).toBe(answers.length);
    expect(new Set(answers.map((m) => m.key!.split(':part:')[0])).size).toBe(100);
    for (const parent of parents) {
      expect(answers.filter((a) => a.thread === parent.thread).length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('SIGTERM: stops taking jobs, finishes those in flight and exits 0; logs correlate requests and hold no token', async () => {
    const metricsPort = await freePort();
    const { queue, producer, port, start } = setup({ METRICS_PORT: String(metricsPort), WORKER_CONCURRENCY: '2' });
    const w = start();
    for (let i = 0; i < 40; i++)
      await producer.enqueue(chatJob(i === 0 ? `check this ${FAKE_SLACK_TOKEN}` : 'check this', `term-${i}`, medium));
    await waitUntil(async () => (await port.messages()).some((m) => m.kind === 'update'), 30_000, 'a first reply');

    const health = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toContain('voipnow_jobs_total{command="check",outcome="done"}');
    expect(metrics).toMatch(/voipnow_queue_depth\{state="waiting"\} \d+/);
    expect(metrics).toContain('voipnow_job_duration_seconds_bucket');
    expect(metrics).toContain('voipnow_replies_posted_total{platform="test"}');

    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    const counts = await queue.getJobCounts('active', 'completed', 'waiting');
    expect(counts.active).toBe(0);
    expect((counts.completed ?? 0) + (counts.waiting ?? 0)).toBe(40);
    // Every reply that was started was finished: no parent left without its verdict.
    const seen = await port.messages();
    const parents = seen.filter((m) => m.kind === 'parent');
    for (const p of parents) expect(seen.some((m) => m.kind === 'update' && m.id === p.id)).toBe(true);

    const logs = w.logs();
    expect(logs).toContain('"requestId":"term-0"');
    expect(logs).toMatch(/"jobId":"req-[^"]+".*"msg":"job replied"/);
    expect(logs).not.toContain(FAKE_SLACK_TOKEN);
    expect(logs).not.toContain('test-token-do-not-log');
  }, 90_000);

  it('a bad configuration value stops start-up naming the variable', async () => {
    const w = startWorkerProcess({ REDIS_URL: url, WORKER_CONCURRENCY: 'lots' });
    workers.push(w);
    expect(await w.exited).toBe(2);
    expect(w.logs()).toMatch(/WORKER_CONCURRENCY: .*got "lots"/);
  });
});
