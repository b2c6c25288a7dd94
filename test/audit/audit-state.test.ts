import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditStore } from '../../src/audit/audit-store.js';
import { performAudit } from '../../src/audit/perform.js';
import { TopologyStore } from '../../src/store/topology-store.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';
import { cleanTopology, type Doc } from '../support/topology.js';

let redis: Redis;
const name = uniqueName('astate');
const TENANT = 'test:T1';
const clean = (): Doc => ({ ...cleanTopology(), name: 'prod' });
/** One distributed-db node exposed publicly: one NET003 warning. */
function exposed(): Doc {
  const doc = clean();
  doc.nodes = (doc.nodes as Doc[]).map((n) => (n.name === 'ddb-1' ? { ...n, public: 'ddb-1.example.com' } : n));
  return doc;
}

beforeAll(async () => {
  redis = new Redis(await testRedisUrl(), { maxRetriesPerRequest: null });
});
afterAll(async () => {
  await deleteKeys(redis, `${name}*`);
  await redis.quit();
});

describe('audit state per audit', () => {
  it('two quiet audits of one topology in two channels each hear every change', async () => {
    const topologies = new TopologyStore(redis, name, { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 });
    const audits = new AuditStore(redis, name, { maxAudits: 10, runTtlSeconds: 3600 }).forTenant(TENANT);
    const tenantTopologies = topologies.forTenant(TENANT);
    const run = (auditId: string, runId: string) =>
      performAudit({
        topologies: tenantTopologies,
        audits,
        name: 'prod',
        auditId,
        runId,
        quiet: true,
        maxBytes: 1 << 20,
      });
    await tenantTopologies.save('prod', stringify(clean()), 'U');
    await run('prod-aaaaaa', 'a1');
    await run('prod-bbbbbb', 'b1');
    await tenantTopologies.save('prod', stringify(exposed()), 'U');
    const a = await run('prod-aaaaaa', 'a2');
    const b = await run('prod-bbbbbb', 'b2');
    expect(a !== 'missing' && a.run).toMatchObject({ newCount: 1, post: true });
    expect(b !== 'missing' && b.run).toMatchObject({ newCount: 1, post: true });
    const again = await run('prod-bbbbbb', 'b3');
    expect(again !== 'missing' && again.run).toMatchObject({ newCount: 0, post: false });
  });

  it('state stored per topology by an older version is read as each audit’s starting point', async () => {
    const topologies = new TopologyStore(redis, `${name}-m`, { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 });
    const store = new AuditStore(redis, `${name}-m`, { maxAudits: 10, runTtlSeconds: 3600 });
    const audits = store.forTenant(TENANT);
    await topologies.forTenant(TENANT).save('prod', stringify(exposed()), 'U');
    // The last audit before the upgrade saw the one finding, under the old per-topology key.
    const first = await performAudit({
      topologies: topologies.forTenant(TENANT),
      audits,
      name: 'prod',
      auditId: 'prod-cccccc',
      runId: 'c1',
      quiet: true,
      maxBytes: 1 << 20,
    });
    const state = await audits.state('prod', 'prod-cccccc');
    const base = (await redis.keys(`${name}-m:audit:*:auditstate:prod:prod-cccccc`))[0]!;
    await redis.set(base.replace(/auditstate:prod:prod-cccccc$/, 'state:prod'), JSON.stringify(state));
    expect(first !== 'missing' && first.run.newCount).toBe(1);
    const migrated = await performAudit({
      topologies: topologies.forTenant(TENANT),
      audits,
      name: 'prod',
      auditId: 'prod-dddddd',
      runId: 'd1',
      quiet: true,
      maxBytes: 1 << 20,
    });
    expect(migrated !== 'missing' && migrated.run).toMatchObject({ first: false, newCount: 0, post: false });
    expect(await audits.state('prod', 'prod-dddddd')).toMatchObject({ seq: 1 });
  });
});
