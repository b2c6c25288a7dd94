import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';

/**
 * Where a rate limiter reads the time and how it waits. Production uses Redis's clock, so workers on
 * different hosts agree on it; tests inject a clock they control, so no assertion depends on how
 * fast a busy machine runs.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): Promise<number>;
  /** Resolves once `ms` have passed on this clock; rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Redis's TIME, and real timers for the waits. */
export function redisClock(redis: Redis): Clock {
  return {
    async now() {
      const [seconds, micros] = await redis.time();
      return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    },
    sleep: (ms, signal) => delay(Math.max(0, ms), undefined, signal ? { signal } : {}),
  };
}
