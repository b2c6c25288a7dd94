import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { parseInvocation } from '../commands/invocation.js';
import { Producer } from '../src/queue/producer.js';

/**
 * Costly input isolated: 32 uploads of a 1 MiB flow list (520,000 items, under the size cap) on two
 * worker processes, then a bystander `rules` command. Prints the bystander's latency and the
 * workers' peak RSS. `node dist/bench/costly-uploads.js [worker.js]`: pass another build's worker
 * (say, main's before this change) to compare.
 */
const workerJs = process.argv[2] ?? fileURLToPath(new URL('../src/bin/worker.js', import.meta.url));
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const name = `bench-costly-${Date.now().toString(36)}`;
const redis = new Redis(url, { maxRetriesPerRequest: null });
const queue = new Queue(name, { connection: redis });
const events = new QueueEvents(name, { connection: redis.duplicate() });
const producer = new Producer(queue, redis, {
  attempts: 1,
  backoffMs: 100,
  keepCompleted: { age: 600, count: 1000 },
  keepFailed: { age: 600, count: 1000 },
});
const costly = `version: 1\nname: x\nnodes: [${Array(520_000).fill('1').join(',')}]\n`;

function job(text: string, requestId: string, attachment?: { name: string; content: string }) {
  const inv = parseInvocation(text, attachment);
  return {
    requestId,
    target: { platform: 'test' as const, tenant: 'test:T1', channel: 'C1', requester: 'U1' },
    command: inv.command,
    input: inv.input,
    ...(inv.attachment ? { attachment: inv.attachment } : {}),
    pending: inv.pending,
    receivedAt: Date.now(),
  };
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function main(): Promise<void> {
  await events.waitUntilReady();
  const workers = [0, 1].map(() =>
    spawn(process.execPath, [workerJs], {
      env: { PATH: process.env.PATH ?? '', REDIS_URL: url, QUEUE_NAME: name, METRICS_PORT: '0', LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    }),
  );
  const started = Date.now();
  for (let i = 0; i < 32; i++)
    await producer.enqueue(job('check this', `costly-${i}`, { name: 'x.yaml', content: costly }));
  const { jobId } = await producer.enqueue(job('rules HA001', 'bystander'));
  const asked = Date.now();
  const bystander = await queue.getJob(jobId);
  await bystander!.waitUntilFinished(events, 600_000);
  const latency = Date.now() - asked;
  while (
    (await queue.getJobCounts('completed', 'failed')).completed! + (await queue.getJobCounts('failed')).failed! <
    33
  )
    await new Promise((r) => setTimeout(r, 100));
  const total = Date.now() - started;
  const peaks = workers.map((w) => peakRssMiB(w.pid!));
  process.stdout.write(
    `costly uploads (${workerJs}): bystander \`rules\` answered in ${latency} ms; all 33 jobs in ${total} ms; worker peak RSS ${peaks.join(' / ')} MiB\n`,
  );
  for (const w of workers) w.kill('SIGTERM');
  await queue.obliterate({ force: true });
  await queue.close();
  await events.close();
  await redis.quit();
}

void main();
