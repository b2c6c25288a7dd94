import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordPort } from '../../adapters/record/port.js';
import { auditIdFor, type AuditSpec } from '../../src/audit/audit-spec.js';
import { AuditStore } from '../../src/audit/audit-store.js';
import { AuditScheduler } from '../../src/audit/scheduler.js';
import { TopologyStore } from '../../src/store/topology-store.js';
import { deleteKeys, testRedisUrl, uniqueName, waitUntil } from '../support/redis.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { cleanTopology } from '../support/topology.js';

let redis: Redis;
let url: string;
const name = uniqueName('awp');
const workers: WorkerProcess[] = [];
beforeAll(async () => {
  url = await testRedisUrl();
  redis = new Redis(url, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  for (const q of [name, `${name}-audits`]) {
    const queue = new Queue(q, { connection: redis });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  await deleteKeys(redis, `${name}*`);
  await redis.quit();
});

describe('audit worker process', () => {
  it('a worker killed with SIGKILL in the middle of 60 due audits posts each exactly once after a restart', async () => {
    const tenant = 'test:T1';
    const store = new TopologyStore(redis, name, { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 });
    const audits = new AuditStore(redis, name, { maxAudits: 100, runTtlSeconds: 3600 });
    const scheduler = new AuditScheduler(redis, `${name}-audits`, { backoffMs: 100, keep: { age: 600, count: 1000 } });
    const names = ['prod-0', 'prod-1', 'prod-2'];
    for (const n of names) await store.forTenant(tenant).save(n, stringify({ ...cleanTopology(), name: n }), 'U');
    for (let i = 0; i < 60; i++) {
      const topology = names[i % 3]!;
      const channel = `C${Math.floor(i / 3)}`;
      const spec: AuditSpec = {
        id: auditIdFor(topology, 'test', channel),
        name: topology,
        platform: 'test',
        channel,
        channelLabel: `#${channel}`,
        repeat: { every: 3_600_000 },
        scheduleText: 'every 1h',
        quiet: false,
        createdBy: 'U',
        createdAt: new Date().toISOString(),
      };
      await audits.forTenant(tenant).put(spec);
      await scheduler.upsert(tenant, spec);
    }
    const port = new RecordPort(redis, `${name}:record`);
    const posts = async () => (await port.messages()).filter((m) => m.kind === 'parent' && m.key?.startsWith('audit:'));
    const env = {
      REDIS_URL: url,
      QUEUE_NAME: name,
      AUDIT_CONCURRENCY: '8',
      AUDIT_CHANNEL_INTERVAL_MS: '300',
      AUDIT_PLATFORM_POSTS_PER_SECOND: '15',
      LOCK_DURATION_MS: '1500',
      STALLED_INTERVAL_MS: '500',
    };
    const first = startWorkerProcess(env);
    workers.push(first);
    await waitUntil(async () => (await posts()).length >= 12, 30_000, 'first audit posts');
    first.child.kill('SIGKILL');
    await first.exited;
    expect((await posts()).length).toBeLessThan(60);

    workers.push(startWorkerProcess(env));
    await waitUntil(async () => (await posts()).length >= 60, 60_000, 'all 60 audits posted');
    // Nothing left that could post (no job running or waiting, no retry beside the next hourly
    // runs): the count is final, without sleeping on the clock.
    await waitUntil(
      async () => {
        const c = await scheduler.queue.getJobCounts('active', 'waiting', 'prioritized', 'delayed');
        return c.active === 0 && c.waiting === 0 && c.prioritized === 0 && (c.delayed ?? 0) <= 60;
      },
      30_000,
      'audit queue settled',
    );
    const all = await posts();
    expect(all).toHaveLength(60);
    expect(new Set(all.map((p) => p.key)).size).toBe(60);
    expect(new Set(all.map((p) => p.channel)).size).toBe(20);
    // One stored run per due audit, however many attempts it took.
    const runs = (await Promise.all(names.map((n) => audits.forTenant(tenant).history(n)))).flat();
    expect(new Set(runs.map((r) => r.runId)).size).toBe(60);
    expect(runs).toHaveLength(60);
    await scheduler.close();
  }, 120_000);
});
