import type { Redis } from 'ioredis';

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
      const ok = await this.redis.set(key, '1', 'PX', this.intervalMs, 'NX');
      if (ok === 'OK') return;
      const ttl = await this.redis.pttl(key);
      await new Promise((r) => setTimeout(r, Math.max(5, ttl)));
    }
  }
}
