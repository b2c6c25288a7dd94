import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRun } from '../../src/audit/audit-spec.js';
import { AuditStore } from '../../src/audit/audit-store.js';
import { Metrics, unreadableRecords } from '../../src/ops/metrics.js';
import { StoreError, TopologyStore, tenantHash } from '../../src/store/topology-store.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

let redis: Redis;
const prefix = uniqueName('records');

beforeAll(async () => {
  redis = new Redis(await testRedisUrl());
});
afterAll(async () => {
  await deleteKeys(redis, `${prefix}:*`);
  await redis.quit();
});

const run: AuditRun = {
  runId: 'audit:1',
  auditId: 'prod-abc123',
  name: 'prod',
  version: 1,
  at: '2026-11-25T00:00:00.000Z',
  verdict: 'pass',
  summary: 'no findings',
  newFindings: [],
  newCount: 0,
  resolvedFindings: [],
  resolvedCount: 0,
  unchanged: 0,
  first: true,
  post: true,
};

/** Each kind of stored record, on its own stores, metrics and key space. */
interface Kind {
  kind: string;
  /** Writes one record through the store; returns its raw key and what reading it gives back. */
  writeCurrent: (t: Stores) => Promise<{ read: () => Promise<unknown>; expected: unknown; raw: () => Promise<string> }>;
  /** Writes a record of the shape stored before versions existed straight into Redis; reads it. */
  legacy: (t: Stores) => Promise<{ read: () => Promise<unknown>; expected: unknown }>;
  /** Writes garbage straight into Redis next to a good record; lists; counts what Redis still holds. */
  garbage: (t: Stores) => Promise<{ list: () => Promise<unknown>; listed: unknown; held: () => Promise<number> }>;
}

interface Stores {
  audits: ReturnType<AuditStore['forTenant']>;
  topologies: ReturnType<TopologyStore['forTenant']>;
  metrics: Metrics;
  name: string;
  /** Where the tenant's keys of an area (`audit:`, `store:`) start. */
  base: (area: string) => string;
}

const kinds: Kind[] = [
  {
    kind: 'audit-run',
    async writeCurrent({ audits, name, base }) {
      const mine = { ...run, name };
      await audits.commitRun(mine, { version: 1, findings: [] }, undefined);
      return {
        read: async () => [await audits.findRun(mine.runId), await audits.history(name)],
        expected: [mine, [mine]],
        raw: async () => (await redis.lindex(`${base('audit:')}:history:${name}`, 0))!,
      };
    },
    async legacy({ audits, name, base }) {
      const old = { ...run, name, runId: 'audit:old' };
      await redis.lpush(`${base('audit:')}:history:${name}`, JSON.stringify(old));
      return { read: () => audits.history(name), expected: [old] };
    },
    async garbage({ audits, name, base }) {
      const key = `${base('audit:')}:history:${name}`;
      await redis.lpush(key, JSON.stringify({ ...run, name }), '{not json', JSON.stringify({ ...run, verdict: 7 }));
      return { list: () => audits.history(name), listed: [{ ...run, name }], held: () => redis.llen(key) };
    },
  },
  {
    kind: 'audit-state',
    async writeCurrent({ audits, name, base }) {
      await audits.commitRun({ ...run, name }, { version: 3, findings: [] }, undefined);
      return {
        read: () => audits.state(name, run.auditId),
        expected: { seq: 1, version: 3, findings: [] },
        raw: async () => (await redis.get(`${base('audit:')}:auditstate:${name}:${run.auditId}`))!,
      };
    },
    async legacy({ audits, name, base }) {
      // The state of a topology shared by its audits, from before states were per audit and versioned.
      const old = { seq: 4, version: 2, findings: [{ key: 'k', rule: 'HA001', severity: 'error', message: 'm' }] };
      await redis.set(`${base('audit:')}:state:${name}`, JSON.stringify(old));
      return { read: () => audits.state(name, run.auditId), expected: { ...old, seq: 0 } };
    },
    async garbage({ audits, name, base }) {
      const key = `${base('audit:')}:auditstate:${name}:${run.auditId}`;
      await redis.set(key, '{"seq": 1, "findings": "lots"}');
      // Comparing with nothing would overwrite it: the run fails, loudly, and the record stays.
      return {
        list: () => audits.state(name, run.auditId).catch((error: Error) => error.message),
        listed: expect.stringMatching(/does not parse: version: /),
        held: () => redis.exists(key),
      };
    },
  },
  {
    kind: 'topology-version',
    async writeCurrent({ topologies, name, base }) {
      const saved = await topologies.save(name, 'name: x\n', 'alice', new Date('2026-11-01T00:00:00Z'));
      return {
        read: () => topologies.get(name, 1),
        expected: saved,
        raw: async () => (await redis.hget(`${base('store:')}:t:${name}:versions`, '1'))!,
      };
    },
    async legacy({ topologies, name, base }) {
      await topologies.save(name, 'name: x\n', 'alice', new Date('2026-11-01T00:00:00Z'));
      const old = { author: 'bob', savedAt: '2020-01-01T00:00:00.000Z', text: 'name: old\n' };
      await redis.hset(`${base('store:')}:t:${name}:versions`, '1', JSON.stringify(old));
      return { read: () => topologies.latest(name), expected: { name, version: 1, ...old } };
    },
    async garbage({ topologies, name, base }) {
      await topologies.save(name, 'name: x\n', 'alice', new Date('2026-11-01T00:00:00Z'));
      await topologies.save(name, 'name: y\n', 'bob', new Date('2026-11-02T00:00:00Z'));
      const key = `${base('store:')}:t:${name}:versions`;
      await redis.hset(key, '2', '{"author": 3}');
      await expect(topologies.get(name)).rejects.toThrow(StoreError);
      return {
        list: () => topologies.history(name),
        listed: [
          { name, version: 1, author: 'alice', savedAt: '2026-11-01T00:00:00.000Z' },
          { name, version: 2, author: '?', savedAt: '?', unreadable: expect.stringMatching(/cannot read it/) },
        ],
        held: () => redis.hlen(key),
      };
    },
  },
  {
    kind: 'team-settings',
    async writeCurrent({ topologies, base }) {
      const settings = topologies.settings();
      const saved = await settings.save(
        { rules: {}, monitoring: { prometheus: 'http://p:9090' } },
        'alice',
        new Date('2026-11-01T00:00:00Z'),
      );
      return {
        read: () => settings.current(),
        expected: saved,
        raw: async () => (await redis.lindex(`${base('store:')}:settings`, 0))!,
      };
    },
    async legacy({ topologies, base }) {
      const settings = topologies.settings();
      const old = { version: 7, author: 'bob', savedAt: '2020-01-01T00:00:00.000Z', settings: { rules: {} } };
      await redis.lpush(`${base('store:')}:settings`, JSON.stringify(old));
      return { read: () => settings.current(), expected: old };
    },
    async garbage({ topologies, base }) {
      const settings = topologies.settings();
      await settings.save({ rules: {} }, 'alice', new Date('2026-11-01T00:00:00Z'));
      const key = `${base('store:')}:settings`;
      await redis.lpush(key, '{oops');
      expect(await settings.current()).toBeUndefined();
      // A later save still numbers on from the readable ones.
      expect((await settings.save({ rules: {} }, 'bob')).version).toBe(2);
      return {
        list: async () => (await settings.history()).map((v) => [v.version, v.author]),
        listed: [
          [2, 'bob'],
          [1, 'alice'],
        ],
        held: () => redis.llen(key),
      };
    },
  },
];

let n = 0;
function stores(): Stores {
  const tenant = `slack:T${++n}`;
  const metrics = new Metrics();
  const report = unreadableRecords(metrics);
  return {
    audits: new AuditStore(redis, prefix, { maxAudits: 10, runTtlSeconds: 60 }, report).forTenant(tenant),
    topologies: new TopologyStore(
      redis,
      prefix,
      { maxTopologies: 50, maxVersions: 10, maxBytes: 10_000 },
      undefined,
      undefined,
      report,
    ).forTenant(tenant),
    metrics,
    name: `t${n}`,
    base: (area) => `${prefix}:${area}${tenantHash(tenant)}`,
  };
}

async function unreadable(metrics: Metrics, kind: string): Promise<number> {
  return (await metrics.brokenRecords.get()).values.find((v) => v.labels.kind === kind)?.value ?? 0;
}

describe.each(kinds)('stored $kind records', ({ kind, writeCurrent, legacy, garbage }) => {
  it('a current record carries its schema version and round-trips', async () => {
    const t = stores();
    const { read, expected, raw } = await writeCurrent(t);
    expect(JSON.parse(await raw())).toMatchObject({ schemaVersion: 1 });
    expect(await read()).toEqual(expected);
    expect(await unreadable(t.metrics, kind)).toBe(0);
  });

  it('a record from before schema versions is migrated on read', async () => {
    const t = stores();
    const { read, expected } = await legacy(t);
    expect(await read()).toEqual(expected);
    expect(await unreadable(t.metrics, kind)).toBe(0);
  });

  it('a record that does not parse is counted, kept, and the listing still answers', async () => {
    const t = stores();
    const { list, listed, held } = await garbage(t);
    const before = await held();
    expect(await list()).toEqual(listed);
    expect(await unreadable(t.metrics, kind)).toBeGreaterThan(0);
    expect(await held()).toBe(before);
  });
});
