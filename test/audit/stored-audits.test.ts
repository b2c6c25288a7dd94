import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_SPEC_FORMAT, type AuditSpec } from '../../src/audit/audit-spec.js';
import { AuditStore } from '../../src/audit/audit-store.js';
import { readRecord, writeRecord } from '../../src/store/versioned.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

let redis: Redis;
const name = uniqueName('stored');
beforeAll(async () => {
  redis = new Redis(await testRedisUrl());
});
afterAll(async () => {
  await deleteKeys(redis, `${name}*`);
  await redis.quit();
});

const spec: AuditSpec = {
  id: 'prod-abc123',
  name: 'prod',
  platform: 'slack',
  channel: 'C1',
  channelLabel: '#infra',
  repeat: { every: 3_600_000 },
  scheduleText: 'every 1h',
  quiet: false,
  createdBy: 'U1',
  createdAt: '2026-11-25T00:00:00.000Z',
};

describe('stored audit specs', () => {
  it('are written with a schema version and read back, also from before versions existed', () => {
    const stored = JSON.parse(writeRecord(AUDIT_SPEC_FORMAT, spec)) as { schemaVersion: number };
    expect(stored.schemaVersion).toBe(AUDIT_SPEC_FORMAT.version);
    expect(readRecord(AUDIT_SPEC_FORMAT, JSON.stringify(stored))).toEqual({ ok: true, value: spec });
    // A record from an earlier release carries no version: it is migrated on read.
    expect(readRecord(AUDIT_SPEC_FORMAT, JSON.stringify(spec))).toEqual({ ok: true, value: spec });
  });

  it('one that no longer parses is kept, listed as broken with why, and can still be cancelled', async () => {
    const store = new AuditStore(redis, name, { maxAudits: 10, runTtlSeconds: 60 }).forTenant('slack:T1');
    expect(await store.put(spec)).toBe('added');
    // As if a later release changed the schema in a way this one cannot read.
    const key = (await redis.keys(`${name}*specs*`))[0]!;
    await redis.hset(key, 'prod-broken', JSON.stringify({ ...spec, id: 'prod-broken', repeat: 'hourly' }));
    await redis.hset(key, 'prod-garbled', '{not json');
    await redis.hset(key, 'prod-future', JSON.stringify({ ...spec, schemaVersion: 99 }));

    const { specs, broken } = await store.listAll();
    expect(specs.map((s) => s.id)).toEqual(['prod-abc123']);
    expect(broken.map((b) => b.id)).toEqual(['prod-broken', 'prod-future', 'prod-garbled']);
    expect(broken[0]!.problem).toMatch(/^repeat: /);
    expect(broken[1]!.problem).toMatch(/newer than this release/);
    expect(broken[2]!.problem).toMatch(/^not JSON/);
    // Reading never deletes: the records are all still there.
    expect(await redis.hlen(key)).toBe(4);
    expect(await store.read('prod-broken')).toMatchObject({ ok: false });
    expect(await store.get('prod-broken')).toBeUndefined();
    expect(await store.remove('prod-broken')).toBe(true);
  });
});
