import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHAOS_SCALE, ChaosRig, printTally, tally, waitHeld } from '../support/chaos.js';
import { FakeSlack } from '../support/fake-slack.js';
import { testRedisUrl } from '../support/redis.js';
import type { WorkerProcess } from '../support/worker-process.js';

let fake: FakeSlack;
let redis: Redis;
let url: string;
const rigs: ChaosRig[] = [];

beforeAll(async () => {
  fake = await FakeSlack.start();
  url = await testRedisUrl();
  redis = new Redis(url, { maxRetriesPerRequest: null });
});
// Each scenario's workers go when it ends, so the next one's worker has the CPU to start.
afterEach(async () => {
  fake.release();
  for (const rig of rigs.splice(0)) await rig.stop();
});
afterAll(async () => {
  await redis.quit();
  await fake.close();
});

function rig(env: Record<string, string> = {}): ChaosRig {
  const r = new ChaosRig(redis, url, fake, env);
  rigs.push(r);
  return r;
}

describe('chaos: worker faults', () => {
  it('a worker paused (SIGSTOP) past its lock mid-batch posts nothing when it resumes: chat', async () => {
    const r = rig();
    const n = 24 * CHAOS_SCALE;
    const ids = await r.enqueueChecks(n);
    const a = await pausePastLock(
      r,
      () => fake.messages.filter((m) => m.channel.startsWith(`C-${r.name}-`)).length >= 4,
    );
    r.startWorker();
    await r.waitCompleted(r.queue, n);
    await resumeAndDrain(a);
    const t = tally('worker SIGSTOP past the lock (chat)', fake, ids);
    printTally(t);
    expect(t).toMatchObject({ replies: n, lost: 0, doubled: 0 });
  }, 180_000);

  it('a worker paused (SIGSTOP) past its lock mid-batch posts nothing when it resumes: audits', async () => {
    const r = rig({ WORKER_CONCURRENCY: '1' });
    const n = 24 * CHAOS_SCALE;
    const { scheduler } = await r.scheduleAudits(n);
    const a = await pausePastLock(r, () => r.auditRunIds().length >= 4);
    r.startWorker();
    await r.waitCompleted(scheduler.queue, n);
    await resumeAndDrain(a);
    const ids = r.auditRunIds();
    const t = tally('worker SIGSTOP past the lock (audits)', fake, ids);
    printTally(t);
    expect(ids).toHaveLength(n);
    expect(t).toMatchObject({ lost: 0, doubled: 0 });
    await scheduler.close();
  }, 180_000);

  it('a worker killed (SIGKILL) mid-batch: the next one completes every reply once', async () => {
    const r = rig();
    const n = 24 * CHAOS_SCALE;
    const ids = await r.enqueueChecks(n);
    const a = r.startWorker();
    const before = fake.messages.length;
    await waitUntil(() => fake.messages.length >= before + 8);
    a.child.kill('SIGKILL');
    await a.exited;
    r.startWorker();
    await r.waitCompleted(r.queue, n);
    const t = tally('worker SIGKILL mid-batch (chat)', fake, ids);
    printTally(t);
    expect(t).toMatchObject({ replies: n, lost: 0, doubled: 0 });
  }, 180_000);
});

/** What A logs when it finds the job gone: fenced off before a post, or refused by BullMQ after. */
const LOST = /lost the job to another worker|Missing lock for job/;

/**
 * Starts worker A and freezes it mid-batch in both places a frozen worker can be: with posts in
 * flight (held by the fake, applied while A sleeps, so the worker taking over must find them) and
 * waiting between its fenced claim and the request (A paces each channel at 1.5 s, so its other
 * jobs sit in the pacer). A's lock (1 s in the rig) runs out while it sleeps.
 */
async function pausePastLock(r: ChaosRig, started: () => boolean): Promise<WorkerProcess> {
  const a = r.startWorker({ SLACK_CHANNEL_INTERVAL_MS: '1500' });
  await waitUntil(started);
  fake.hold.add('chat.postMessage');
  await waitHeld(fake, 2);
  a.child.kill('SIGSTOP');
  fake.release();
  return a;
}

/**
 * Wakes A once every job it held is answered elsewhere, and waits until it has tried to go on and
 * found the job gone (its log says so), then until it has finished what was in flight and exited
 * (SIGTERM lets the jobs in flight end first).
 * Only then are the fake's messages counted: anything A could still post is in the count.
 */
async function resumeAndDrain(a: WorkerProcess): Promise<void> {
  a.child.kill('SIGCONT');
  await waitUntil(() => LOST.test(a.logs())).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; paused worker's logs:\n${a.logs().slice(-3000)}`);
  });
  a.child.kill('SIGTERM');
  await a.exited;
}

async function waitUntil(check: () => boolean): Promise<void> {
  const { waitUntil: wait } = await import('../support/redis.js');
  await wait(check, 60_000, 'progress');
}
