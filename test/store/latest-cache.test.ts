import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { LatestCache } from '../../src/store/latest-cache.js';
import { TopologyStore, type StoredVersion } from '../../src/store/topology-store.js';
import { deleteKeys, PrivateRedis, testRedisUrl, uniqueName, waitUntil } from '../support/redis.js';

const LIMITS = { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 };
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Two processes' views of one store: `cached` keeps newest versions, `other` writes behind its back. */
async function setup(url: string) {
  const prefix = uniqueName('lc');
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const otherRedis = new Redis(url, { maxRetriesPerRequest: null });
  otherRedis.on('error', () => undefined);
  const cache = new LatestCache<StoredVersion>(redis, TopologyStore.keyPrefix(prefix), (v) => v.text.length);
  const cached = new TopologyStore(redis, prefix, LIMITS, cache);
  const other = new TopologyStore(otherRedis, prefix, LIMITS);
  cleanups.push(async () => {
    await cache.close();
    await deleteKeys(otherRedis, `${prefix}*`).catch(() => undefined);
    redis.disconnect();
    otherRedis.disconnect();
  });
  // Tracking is on once a read is kept.
  await waitUntil(() => isCaching(cached, cache, prefix), 5000, 'tracking');
  return { prefix, cache, cached, other };
}

async function isCaching(store: TopologyStore, cache: LatestCache<StoredVersion>, prefix: string): Promise<boolean> {
  await store.forTenant('probe').latest('probe');
  return cache.get(keyOf(prefix, 'probe', 'probe')) !== undefined;
}

function keyOf(prefix: string, tenant: string, name: string): string {
  // Mirrors TenantTopologies' key naming through the public pieces.
  const store = new TopologyStore(undefined as never, prefix, LIMITS) as unknown as {
    forTenant(t: string): { base: string };
  };
  return `${store.forTenant(tenant).base}:t:${name}`;
}

describe('LatestCache (Redis client-side caching with invalidation)', () => {
  it('serves repeated look-ups from memory and drops an entry the moment another process saves', async () => {
    const { cached, other, cache, prefix } = await setup(await testRedisUrl());
    expect(await cached.forTenant('t1').latest('prod')).toBeUndefined();
    expect(cache.get(keyOf(prefix, 't1', 'prod'))).toBeNull();

    await other.forTenant('t1').save('prod', 'version: 1\n', 'U');
    await waitUntil(
      async () => (await cached.forTenant('t1').latest('prod'))?.version === 1,
      5000,
      'invalidation of the negative entry',
    );
    expect(cache.get(keyOf(prefix, 't1', 'prod'))).toMatchObject({ version: 1 });

    await other.forTenant('t1').save('prod', 'version: 1\n# two\n', 'U');
    await waitUntil(
      async () => (await cached.forTenant('t1').latest('prod'))?.version === 2,
      5000,
      'invalidation of v1',
    );
    await other.forTenant('t1').delete('prod');
    await waitUntil(
      async () => (await cached.forTenant('t1').latest('prod')) === undefined,
      5000,
      'invalidation on delete',
    );
  });

  it("a save through the caching process is seen at once, and one tenant's entry is never another's", async () => {
    const { cached } = await setup(await testRedisUrl());
    expect(await cached.forTenant('t1').latest('prod')).toBeUndefined();
    await cached.forTenant('t1').save('prod', 'version: 1\n', 'U');
    expect((await cached.forTenant('t1').latest('prod'))?.version).toBe(1);
    expect(await cached.forTenant('t2').latest('prod')).toBeUndefined();
  });

  it('stops serving while Redis is away and comes back tracking, so nothing stale survives a restart', async () => {
    const redis = await PrivateRedis.start();
    cleanups.push(() => redis.stop());
    const { cached, other, cache, prefix } = await setup(redis.url);
    await cached.forTenant('t1').latest('prod');
    expect(cache.get(keyOf(prefix, 't1', 'prod'))).toBeNull();
    await redis.stop();
    await waitUntil(() => cache.get(keyOf(prefix, 't1', 'prod')) === undefined, 5000, 'cache off');
    await redis.start();
    await other.forTenant('t1').save('prod', 'version: 1\n', 'U');
    await waitUntil(
      async () => (await cached.forTenant('t1').latest('prod'))?.version === 1,
      10_000,
      'fresh after the restart',
    );
    // Tracking is back: a later save by the other process is seen too.
    await waitUntil(async () => isCaching(cached, cache, prefix), 10_000, 'caching again');
    await other.forTenant('t1').save('prod', 'version: 1\n# two\n', 'U');
    await waitUntil(
      async () => (await cached.forTenant('t1').latest('prod'))?.version === 2,
      5000,
      'invalidation after the restart',
    );
  }, 40_000);

  it('holds at most its weight: large values are not kept, and the oldest go first', async () => {
    const redis = new Redis(await testRedisUrl(), { maxRetriesPerRequest: null });
    const cache = new LatestCache<{ text: string }>(redis, `${uniqueName('lcw')}:`, (v) => v.text.length, 800);
    cleanups.push(async () => {
      await cache.close();
      redis.disconnect();
    });
    await waitUntil(
      async () => {
        await cache.through('probe', () => Promise.resolve(null));
        return cache.get('probe') !== undefined;
      },
      5000,
      'tracking',
    );
    await cache.through('big', () => Promise.resolve({ text: 'x'.repeat(200) }));
    expect(cache.get('big')).toBeUndefined();
    for (let i = 0; i < 10; i++) await cache.through(`k${i}`, () => Promise.resolve({ text: 'x'.repeat(90) }));
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k9')).toEqual({ text: 'x'.repeat(90) });
  });
});
