import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHAOS_SCALE, ChaosRig, printTally, SMALL, tally, waitHeld } from '../support/chaos.js';
import { FakeSlack } from '../support/fake-slack.js';
import { PrivateRedis, waitUntil } from '../support/redis.js';
import { parseInvocation } from '../../commands/invocation.js';

let fake: FakeSlack;
const servers: PrivateRedis[] = [];
const clients: Redis[] = [];
const rigs: ChaosRig[] = [];

beforeAll(async () => {
  fake = await FakeSlack.start();
});
// Each scenario's workers and Redis go when it ends: left running, they would take the CPU the
// next scenario's worker needs to start.
afterEach(async () => {
  fake.release();
  for (const rig of rigs.splice(0)) await rig.stop().catch(() => undefined);
  for (const c of clients.splice(0)) c.disconnect();
  for (const s of servers.splice(0)) await s.stop();
});
afterAll(async () => {
  await fake.close();
});

async function privateRig(args: string[], env: Record<string, string> = {}) {
  const server = await PrivateRedis.start(args);
  servers.push(server);
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  clients.push(redis);
  const rig = new ChaosRig(redis, server.url, fake, env);
  rigs.push(rig);
  return { server, redis, rig };
}

const progress = async (rig: ChaosRig, n: number) => {
  const before = fake.messages.length;
  try {
    await waitUntil(() => fake.messages.length >= before + n, 60_000, 'replies flowing');
  } catch (error) {
    throw new Error(
      `${(error as Error).message}; worker logs:\n${rig.workers.map((w) => w.logs().slice(-1500)).join('\n')}`,
    );
  }
};

describe('chaos: Redis faults', () => {
  it('Redis full (maxmemory, noeviction) mid-batch: jobs wait, then every request is answered once', async () => {
    const { redis, rig } = await privateRig(['--maxmemory-policy', 'noeviction']);
    const n = 24 * CHAOS_SCALE;
    const ids = await rig.enqueueChecks(n);
    const w = rig.startWorker();
    await progress(rig, 4);
    // Full: a maxmemory below what is used refuses every write that could grow memory.
    await redis.config('SET', 'maxmemory', '1');
    await waitUntil(() => w.logs().includes('redis refuses work'), 60_000, 'a job waiting for Redis');
    await redis.config('SET', 'maxmemory', '0');
    await rig.waitCompleted(rig.queue, n);
    const t = tally('Redis full (noeviction) mid-batch', fake, ids);
    printTally(t);
    expect(t).toMatchObject({ replies: n, lost: 0, doubled: 0 });
  }, 180_000);

  it('a request that expires while Redis is full still gets its apology, though Redis cannot record it', async () => {
    const { redis, rig } = await privateRig(['--maxmemory-policy', 'noeviction'], { REQUEST_EXPIRY_SECONDS: '10' });
    // An answer long enough for a thread: the held post is its parent, so the answer itself cannot be
    // recorded and the job gives up with the apology (a short answer would be one post, already the answer).
    const inv = parseInvocation('check this', { name: 'small.yaml', content: SMALL });
    const requestId = `${rig.name}-expired`;
    const channel = `C-${rig.name}-expired`;
    await rig.producer.enqueue({
      requestId,
      target: { platform: 'slack', tenant: 'slack:T1', channel, requester: 'U1' },
      command: inv.command,
      input: inv.input,
      ...(inv.attachment ? { attachment: inv.attachment } : {}),
      pending: inv.pending,
      receivedAt: Date.now() - 60_000,
      admin: true,
    });
    fake.hold.add('chat.postMessage');
    rig.startWorker();
    await waitHeld(fake);
    await redis.config('SET', 'maxmemory', '1');
    fake.release();
    await waitUntil(
      () => fake.messages.some((m) => m.channel === channel && m.text.includes('could not finish')),
      60_000,
      'the apology',
    );
    await redis.config('SET', 'maxmemory', '0');
    const apologies = fake.messages.filter((m) => m.channel === channel && m.text.includes('could not finish')).length;
    printTally({
      scenario: 'apology while Redis is full',
      requests: 1,
      replies: Math.min(apologies, 1),
      lost: apologies === 0 ? 1 : 0,
      doubled: apologies > 1 ? 1 : 0,
    });
    expect(apologies).toBe(1);
  }, 120_000);

  it('Redis killed (SIGKILL, AOF) and restarted mid-batch: every request answered once', async () => {
    const { server, rig } = await privateRig(['--appendfsync', 'always']);
    const n = 24 * CHAOS_SCALE;
    const ids = await rig.enqueueChecks(n);
    rig.startWorker();
    await progress(rig, 4);
    await server.kill();
    await server.start();
    await rig.waitCompleted(rig.queue, n);
    const t = tally('Redis SIGKILL + restart (AOF)', fake, ids);
    printTally(t);
    expect(t).toMatchObject({ replies: n, lost: 0, doubled: 0 });
  }, 180_000);

  it('Redis away for a while mid-batch: every request answered once when it is back', async () => {
    const { server, rig } = await privateRig(['--appendfsync', 'always']);
    const n = 24 * CHAOS_SCALE;
    const ids = await rig.enqueueChecks(n);
    const w = rig.startWorker();
    await progress(rig, 4);
    await server.stop();
    await waitUntil(() => /ECONNREFUSED|Connection is closed/.test(w.logs()), 60_000, 'the worker noticing');
    await server.start();
    await rig.waitCompleted(rig.queue, n);
    const t = tally('Redis outage (stopped, restarted)', fake, ids);
    printTally(t);
    expect(t).toMatchObject({ replies: n, lost: 0, doubled: 0 });
  }, 180_000);
});
