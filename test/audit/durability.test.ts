import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordPort } from '../../adapters/record/port.js';
import { chatJob } from '../support/chat-job.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { PrivateRedis, waitUntil } from '../support/redis.js';
import { cleanTopology } from '../support/topology.js';

const TENANT = 'test:T1';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The scheduled time of a run, from its job id (`repeat:<scheduler>:<millis>`). */
const scheduledAt = (runId: string) => Number(runId.split(':').at(-1));

async function start(redis: PrivateRedis): Promise<{ rt: ChatRuntime; record: RecordPort }> {
  let record!: RecordPort;
  const rt = await startChatRuntime(
    'dur',
    (r, name) => {
      record = new RecordPort(r, `${name}:rec`);
      return new Map([['test', record]]);
    },
    { redisUrl: redis.url, audits: { minIntervalMs: 1000 } },
  );
  cleanups.push(() => rt.stop());
  return { rt, record };
}

async function say(rt: ChatRuntime, text: string, file?: object): Promise<void> {
  const { jobId } = await rt.producer.enqueue(
    chatJob(text, `req-${Math.random()}`, file ? { name: 'prod.yaml', content: stringify(file) } : undefined, TENANT),
  );
  await waitUntil(async () => (await rt.queue.getJobState(jobId)) === 'completed', 10_000, text);
}

describe('audit durability', () => {
  it.each([
    ['every 2s', 'an interval'],
    ['*/2 * * * * *', 'a cron pattern'],
  ])(
    '"%s" (%s): survives restarts of the worker and of Redis (AOF), and catches up missed runs once',
    async (schedule) => {
      const redis = await PrivateRedis.start();
      cleanups.push(() => redis.stop());
      const { rt, record } = await start(redis);
      const posts = async () =>
        (await record.messages()).filter((m) => m.kind === 'parent' && m.key?.startsWith('audit:'));
      await say(rt, 'topology save prod', { ...cleanTopology(), name: 'prod' });
      await say(rt, `audit schedule prod ${schedule}`);
      await waitUntil(async () => (await posts()).length >= 1, 10_000, 'first audit');

      // Everything goes down: the audit worker, then Redis. Ticks are missed meanwhile.
      await rt.auditWorker!.close();
      const down = Date.now();
      await redis.stop();
      await sleep(1500);
      await redis.start();
      await waitUntil(() => rt.redis.status === 'ready', 10_000, 'reconnected');
      const before = (await posts()).length;
      await sleep(4500);
      expect((await posts()).length).toBe(before);
      // The schedule came back with Redis (AOF): nothing re-created it.
      expect(await rt.audits!.scheduler.queue.getJobSchedulersCount()).toBe(1);

      const restarted = Date.now();
      const worker = rt.startAuditWorker!();
      cleanups.push(() => worker.close());
      await waitUntil(async () => (await posts()).length >= before + 2, 15_000, 'catch-up and a regular run');
      const runs = await rt.audits!.store.forTenant(TENANT).history('prod');
      // Three or four ticks fell in the outage; exactly one run stands for them.
      const missed = runs.filter((r) => scheduledAt(r.runId) > down && scheduledAt(r.runId) < restarted);
      expect(missed).toHaveLength(1);
      const keys = (await posts()).map((p) => p.key);
      expect(new Set(keys).size).toBe(keys.length);
    },
    60_000,
  );

  it('a worker killed between computing and posting posts the same result once', async () => {
    const redis = await PrivateRedis.start();
    cleanups.push(() => redis.stop());
    const { rt, record } = await start(redis);
    await say(rt, 'topology save prod', { ...cleanTopology(), name: 'prod' });
    const audits = rt.audits!.store.forTenant(TENANT);
    // An earlier attempt computed and stored the run, then died before posting.
    const { performAudit } = await import('../../src/audit/perform.js');
    const first = await performAudit({
      topologies: rt.store.forTenant(TENANT),
      audits,
      name: 'prod',
      auditId: 'x',
      runId: 'run:crash',
      quiet: false,
      maxBytes: 1 << 20,
    });
    const again = await performAudit({
      topologies: rt.store.forTenant(TENANT),
      audits,
      name: 'prod',
      auditId: 'x',
      runId: 'run:crash',
      quiet: false,
      maxBytes: 1 << 20,
    });
    expect(first).not.toBe('missing');
    expect(again).toEqual({ run: (first as { run: unknown }).run, fresh: false });
    expect(await audits.history('prod')).toHaveLength(1);
    expect(record).toBeDefined();
  });
});
