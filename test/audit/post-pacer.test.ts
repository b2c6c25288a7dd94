import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostPacer } from '../../src/audit/post-pacer.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

let redis: Redis;
const prefixes: string[] = [];
beforeAll(async () => {
  redis = new Redis(await testRedisUrl());
});
afterAll(async () => {
  for (const p of prefixes) await deleteKeys(redis, `${p}*`);
  await redis.quit();
});

function pacer(channelIntervalMs: number, platformPerSecond: number): PostPacer {
  const prefix = uniqueName('pace');
  prefixes.push(prefix);
  return new PostPacer(redis, prefix, { channelIntervalMs, platformPerSecond });
}

describe('PostPacer', () => {
  it('reserves posts to one channel an interval apart, whatever the order of the callers', async () => {
    const p = pacer(1000, 1000);
    const waits = await Promise.all(Array.from({ length: 10 }, () => p.reserve('slack', 'C1', 1)));
    const sorted = [...waits].sort((a, b) => a - b);
    expect(sorted[0]).toBeLessThan(50);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(995);
    // A second channel is free at once.
    expect(await p.reserve('slack', 'C2', 1)).toBeLessThan(50);
    // A job of three posts takes three consecutive slots.
    const three = await p.reserve('slack', 'C2', 3);
    expect(await p.reserve('slack', 'C2', 1)).toBeGreaterThanOrEqual(three + 2990);
  });

  it('keeps every second under the platform ceiling across channels', async () => {
    const p = pacer(1000, 5);
    const waits = await Promise.all(Array.from({ length: 23 }, (_, i) => p.reserve('discord', `C${i}`, 1)));
    const perSecond = new Map<number, number>();
    const base = Date.now();
    for (const w of waits)
      perSecond.set(Math.floor((base + w) / 1000), (perSecond.get(Math.floor((base + w) / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(6);
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(3000);
  });

  it('admits posts one interval apart per channel and at most the ceiling in any second', async () => {
    const p = pacer(200, 4);
    const admitted: { channel: string; at: number }[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const channel = `C${i % 3}`;
        await p.admit('slack', channel);
        admitted.push({ channel, at: Date.now() });
      }),
    );
    for (const channel of ['C0', 'C1', 'C2']) {
      const times = admitted
        .filter((a) => a.channel === channel)
        .map((a) => a.at)
        .sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(195);
    }
    const all = admitted.map((a) => a.at).sort((a, b) => a - b);
    for (let i = 4; i < all.length; i++) expect(all[i]! - all[i - 4]!).toBeGreaterThanOrEqual(995);
  });
});
