import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError, TopologyStore } from '../../src/store/topology-store.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

const medium = readFileSync(new URL('../../examples/medium.yaml', import.meta.url), 'utf8');
let redis: Redis;
let prefix: string;
let store: TopologyStore;

beforeAll(async () => {
  redis = new Redis(await testRedisUrl());
  prefix = uniqueName('store');
  store = new TopologyStore(redis, prefix, { maxTopologies: 3, maxVersions: 4, maxBytes: 64 * 1024 });
});
afterAll(async () => {
  await deleteKeys(redis, `${prefix}:*`);
  await redis.quit();
});

describe('topology store', () => {
  it('versions every save with author and time, lists, shows any version and keeps history', async () => {
    const t = store.forTenant('slack:T1');
    const v1 = await t.save('prod', medium, 'alice', new Date('2026-11-01T10:00:00Z'));
    const v2 = await t.save(
      'prod',
      medium.replace('extensions: 1350', 'extensions: 1400'),
      'bob',
      new Date('2026-11-02T10:00:00Z'),
    );
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(await t.list()).toEqual([{ name: 'prod', latest: 2, updatedAt: '2026-11-02T10:00:00.000Z' }]);
    expect((await t.get('prod')).text).toContain('extensions: 1400');
    expect((await t.get('prod', 1)).text).toContain('extensions: 1350');
    expect(await t.history('prod')).toEqual([
      { name: 'prod', version: 1, author: 'alice', savedAt: '2026-11-01T10:00:00.000Z' },
      { name: 'prod', version: 2, author: 'bob', savedAt: '2026-11-02T10:00:00.000Z' },
    ]);
    const pair = await t.latestPair('prod');
    expect([pair.latest.version, pair.previous?.version]).toEqual([2, 1]);
  });

  it('keeps the newest versions up to the cap, numbering on', async () => {
    const t = store.forTenant('slack:T2');
    for (let i = 0; i < 6; i++) await t.save('edge', `# ${i}\n${medium}`, 'ci');
    expect(await t.versions('edge')).toEqual([3, 4, 5, 6]);
    await expect(t.get('edge', 1)).rejects.toThrow(/has no version v1/);
  });

  it('caps the number of topologies and their size with clear errors', async () => {
    const t = store.forTenant('slack:T3');
    for (const n of ['a', 'b', 'c']) await t.save(n, medium, 'ci');
    await expect(t.save('d', medium, 'ci')).rejects.toMatchObject({
      code: 'too-many',
      message: expect.stringMatching(/already stores 3 topologies.*topology delete/),
    });
    await t.save('a', medium, 'ci');
    await expect(t.save('e', 'x'.repeat(70 * 1024), 'ci')).rejects.toMatchObject({ code: 'too-large' });
  });

  it('deletes a topology and its history', async () => {
    const t = store.forTenant('slack:T4');
    await t.save('gone', medium, 'ci');
    expect(await t.delete('gone')).toBe(true);
    expect(await t.delete('gone')).toBe(false);
    await expect(t.get('gone')).rejects.toBeInstanceOf(StoreError);
    expect(await t.list()).toEqual([]);
  });
});

describe('tenant isolation', () => {
  it('a tenant never reads, lists, changes or deletes another tenant’s topologies', async () => {
    const a = store.forTenant('slack:TA');
    const b = store.forTenant('slack:TB');
    await a.save('prod', medium, 'alice');
    expect(await b.list()).toEqual([]);
    expect(await b.exists('prod')).toBe(false);
    await expect(b.get('prod')).rejects.toMatchObject({ code: 'not-found' });
    await expect(b.history('prod')).rejects.toMatchObject({ code: 'not-found' });
    expect(await b.delete('prod')).toBe(false);
    await b.save('prod', '# b\n' + medium, 'bob');
    expect((await a.get('prod')).text).toBe(medium);
    expect((await a.history('prod')).map((h) => h.author)).toEqual(['alice']);
  });

  it('refuses names that try to reach other keys', async () => {
    const b = store.forTenant('discord:G1');
    for (const name of ['*', 'prod:versions', '../prod', 'a b', '', 'x'.repeat(65), '{prod}']) {
      await expect(b.save(name, medium, 'eve')).rejects.toMatchObject({ code: 'bad-name' });
      await expect(b.get(name)).rejects.toMatchObject({ code: 'bad-name' });
    }
  });

  it('derives keys from a hash of the tenant, so tenant ids cannot collide or be spelled into keys', async () => {
    const tricky = store.forTenant(`slack:TA:t:prod`);
    expect(await tricky.list()).toEqual([]);
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.some((k) => k.includes('slack:TA'))).toBe(false);
    expect(keys.every((k) => /^[^:]+:store:[0-9a-f]{32}:/.test(k))).toBe(true);
  });
});
