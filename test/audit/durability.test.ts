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

      // Everything goes down: the audit worker, then Redis, which comes back from its AOF.
      await rt.auditWorker!.close();
      await redis.stop();
      await redis.start();
      await waitUntil(() => rt.redis.status === 'ready', 10_000, 'reconnected');
      // The schedule came back with Redis (AOF): nothing re-created it.
      const schedulers = await rt.audits!.scheduler.queue.getJobSchedulers();
      expect(schedulers).toHaveLength(1);
      // Ticks are missed while no audit worker runs: wait (on the schedule's own times, not a guess
      // at how long is enough) until two more ticks than the pending one have passed.
      const due = schedulers[0]!.next!;
      await waitUntil(() => Date.now() > due + 2 * 2000, 30_000, 'missed ticks');
      // With no audit worker, nothing posted them.
      const before = (await posts()).length;
      expect((await rt.audits!.scheduler.queue.getJobCounts('active', 'completed')).active).toBe(0);

      const restarted = Date.now();
      const worker = rt.startAuditWorker!();
      cleanups.push(() => worker.close());
      await waitUntil(async () => (await posts()).length >= before + 2, 15_000, 'catch-up and a regular run');
      const runs = await rt.audits!.store.forTenant(TENANT).history('prod');
      // Three or more ticks fell in the outage; exactly one run stands for them.
      const missed = runs.filter((r) => scheduledAt(r.runId) >= due && scheduledAt(r.runId) < restarted);
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
