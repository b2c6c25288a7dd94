import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMISSION_MARGIN_MS, PostPacer } from '../../src/reply/post-pacer.js';
import { VirtualClock } from '../support/clock.js';
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

/** A pacer on a virtual clock: every time below is read from that clock, never from the machine. */
function pacer(channelIntervalMs: number, platformPerSecond?: number, burst?: number, shared?: string) {
  const prefix = shared ?? uniqueName('pace');
  prefixes.push(prefix);
  const clock = new VirtualClock();
  const admitted: { channel: string; at: number }[] = [];
  const p = new PostPacer(
    redis,
    prefix,
    { channelIntervalMs, ...(platformPerSecond ? { platformPerSecond } : {}), ...(burst ? { burst } : {}) },
    { clock, onAdmit: (_platform, channel, at) => admitted.push({ channel, at }) },
  );
  return { p, clock, admitted };
}

/** The most admissions in any window of `ms` (a sliding window, as the platforms count). */
function mostIn(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('PostPacer', () => {
  it('reserves posts to one channel an interval apart, whatever the order of the callers', async () => {
    const { p } = pacer(1000, 1000);
    const waits = await Promise.all(Array.from({ length: 10 }, () => p.reserve('slack', 'C1', 1)));
    expect([...waits].sort((a, b) => a - b)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
    // A second channel is free at once.
    expect(await p.reserve('slack', 'C2', 1)).toBe(0);
    // A job of three posts takes three consecutive slots.
    expect(await p.reserve('slack', 'C2', 3)).toBe(1000);
    expect(await p.reserve('slack', 'C2', 1)).toBe(4000);
  });

  it('keeps every second under the platform ceiling across channels', async () => {
    const { p, clock } = pacer(1000, 5);
    const waits = await Promise.all(Array.from({ length: 23 }, (_, i) => p.reserve('discord', `C${i}`, 1)));
    const perSecond = new Map<number, number>();
    for (const w of waits) {
      const second = Math.floor((clock.time + w) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBe(5);
    expect(perSecond.size).toBe(5);
    expect(Math.max(...waits)).toBe(4000);
  });

  it('admits posts one interval apart per channel and at most the ceiling in any second', async () => {
    const { p, admitted } = pacer(200, 4);
    await Promise.all(Array.from({ length: 12 }, (_, i) => p.admit('slack', `C${i % 3}`)));
    expect(admitted).toHaveLength(12);
    for (const channel of ['C0', 'C1', 'C2']) {
      const times = admitted.filter((a) => a.channel === channel).map((a) => a.at);
      expect(mostIn(times, 200 + ADMISSION_MARGIN_MS)).toBe(1);
    }
    expect(
      mostIn(
        admitted.map((a) => a.at),
        1000 + ADMISSION_MARGIN_MS,
      ),
    ).toBeLessThanOrEqual(4);
  });

  it('tells how long to wait without waiting, and counts only what it admits', async () => {
    const { p, clock, admitted } = pacer(1000);
    expect(await p.tryAdmit('slack', 'C1')).toBe(0);
    expect(await p.tryAdmit('slack', 'C1')).toBe(1000 + ADMISSION_MARGIN_MS);
    clock.time += 400;
    expect(await p.tryAdmit('slack', 'C1')).toBe(600 + ADMISSION_MARGIN_MS);
    // Without a ceiling, other channels are never held back.
    for (let i = 0; i < 50; i++) expect(await p.tryAdmit('slack', `D${i}`)).toBe(0);
    clock.time += 600 + ADMISSION_MARGIN_MS;
    expect(await p.tryAdmit('slack', 'C1')).toBe(0);
    expect(admitted.filter((a) => a.channel === 'C1').map((a) => a.at - admitted[0]!.at)).toEqual([
      0,
      1000 + ADMISSION_MARGIN_MS,
    ]);
  });

  it('spends the burst at once, then admits one post an interval apart', async () => {
    const { p, clock, admitted } = pacer(1000, undefined, 5);
    await Promise.all(Array.from({ length: 8 }, () => p.admit('slack', 'C1')));
    const start = admitted[0]!.at;
    const step = 1000 + ADMISSION_MARGIN_MS;
    expect(admitted.map((a) => a.at - start)).toEqual([0, 0, 0, 0, 0, step, 2 * step, 3 * step]);
    // Idle for long enough, the burst is whole again, and never more than whole.
    clock.time += 60_000;
    for (let i = 0; i < 5; i++) expect(await p.tryAdmit('slack', 'C1')).toBe(0);
    expect(await p.tryAdmit('slack', 'C1')).toBe(1000 + ADMISSION_MARGIN_MS);
  });

  it("a 429's Retry-After holds every worker's posts to that channel, then one an interval apart", async () => {
    const a = pacer(1000, undefined, 5);
    const prefix = uniqueName('pace-shared');
    prefixes.push(prefix);
    const one = pacer(1000, undefined, 5, prefix);
    const two = pacer(1000, undefined, 5, prefix);
    two.clock.time = one.clock.time;
    expect(await one.p.tryAdmit('slack', 'C1')).toBe(0);
    await one.p.backOff('slack', 'C1', 3000);
    // The other worker (same Redis, same prefix) waits too; other channels do not.
    expect(await two.p.tryAdmit('slack', 'C1')).toBe(3000);
    expect(await two.p.tryAdmit('slack', 'C2')).toBe(0);
    two.clock.time += 3000;
    expect(await two.p.tryAdmit('slack', 'C1')).toBe(0);
    expect(await two.p.tryAdmit('slack', 'C1')).toBe(1000 + ADMISSION_MARGIN_MS);
    // An unrelated prefix keeps its own accounting.
    expect(await a.p.tryAdmit('slack', 'C1')).toBe(0);
  });

  it('stops waiting when the caller gives up', async () => {
    const { p } = pacer(1000);
    await p.admit('slack', 'C1');
    const abort = new AbortController();
    abort.abort();
    await expect(p.admit('slack', 'C1', abort.signal)).rejects.toThrow(/aborted/);
  });
});
