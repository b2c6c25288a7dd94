import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAOS_SCALE, ChaosRig, printTally, tally, waitHeld } from '../support/chaos.js';
import { FakeSlack } from '../support/fake-slack.js';
import { testRedisUrl } from '../support/redis.js';

let fake: FakeSlack;
let redis: Redis;
let url: string;
const rigs: ChaosRig[] = [];

beforeAll(async () => {
  fake = await FakeSlack.start();
  url = await testRedisUrl();
  redis = new Redis(url, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  fake.release();
  for (const rig of rigs) await rig.stop();
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
    const a = r.startWorker();
    // Wait until A is in the middle of posting, then freeze it with posts in flight.
    const before = fake.messages.length;
    await waitUntil(() => fake.messages.length >= before + 8);
    // Freeze A when each of its 4 jobs has a post in flight (a worker frozen between its fenced
    // claim and the request reaching Slack is the one window no fence can close; README).
    fake.hold.add('chat.postMessage');
    await waitHeld(fake, 4);
    a.child.kill('SIGSTOP');
    // What A sent is applied while it sleeps: B must find it, not post it again.
    fake.release();
    r.startWorker();
    await r.waitCompleted(r.queue, n);
    a.child.kill('SIGCONT');
    a.child.kill('SIGTERM');
    await a.exited;
    const t = tally('worker SIGSTOP past the lock (chat)', fake, ids);
    printTally(t);
    expect(t).toMatchObject({ replies: n, lost: 0, doubled: 0 });
  }, 180_000);

  it('a worker paused (SIGSTOP) past its lock mid-batch posts nothing when it resumes: audits', async () => {
    const r = rig({ WORKER_CONCURRENCY: '1' });
    const n = 24 * CHAOS_SCALE;
    const { scheduler } = await r.scheduleAudits(n);
    const a = r.startWorker();
    await waitUntil(() => r.auditRunIds().length >= 4);
    fake.hold.add('chat.postMessage');
    await waitHeld(fake, 4);
    a.child.kill('SIGSTOP');
    fake.release();
    r.startWorker();
    await r.waitCompleted(scheduler.queue, n);
    a.child.kill('SIGCONT');
    a.child.kill('SIGTERM');
    await a.exited;
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

async function waitUntil(check: () => boolean): Promise<void> {
  const { waitUntil: wait } = await import('../support/redis.js');
  await wait(check, 60_000, 'progress');
}
