import type { Redis } from 'ioredis';
import { isRedisUnavailable } from '../runtime/redis-errors.js';

/**
 * Spaces posts to one channel by at least `intervalMs`, across every worker process (the slot is
 * a Redis key), so a burst of replies stays within a platform's per-channel limit instead of
 * collecting 429s.
 */
export class ChannelLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly intervalMs: number,
  ) {}

  async acquire(channel: string, signal?: AbortSignal): Promise<void> {
    const key = `${this.prefix}:slot:${channel}`;
    for (;;) {
      if (signal?.aborted) throw new Error('aborted while waiting for a posting slot');
      let ok: string | null;
      try {
        ok = await this.redis.set(key, '1', 'PX', this.intervalMs, 'NX');
      } catch (error) {
        // Pacing is a courtesy; a post that must go out while Redis is full (an apology) still goes.
        if (isRedisUnavailable(error)) return;
        throw error;
      }
      if (ok === 'OK') return;
      const ttl = await this.redis.pttl(key);
      await new Promise((r) => setTimeout(r, Math.max(5, ttl)));
    }
  }
}
