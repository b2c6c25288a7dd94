import type { Redis } from 'ioredis';

/** How long a press holds its button at most, should its run never be answered (a lost job). */
const PRESS_HOLD_SECONDS = 600;

/** Where presses are recorded: the shared Redis, under the deployment's prefix. */
export interface PressLocks {
  redis: Redis;
  prefix: string;
}

/**
 * Claims one button of one message for a run: the key when this press is the first while no run
 * of it is going, undefined for a second click (ignored). The worker deletes the key once the run
 * is answered, so the button works again afterwards. Without Redis to ask, every press runs.
 */
export async function claimPress(
  locks: PressLocks | undefined,
  message: string,
  action: string,
): Promise<{ key?: string; duplicate: boolean }> {
  if (!locks) return { duplicate: false };
  const key = `${locks.prefix}:press:${message}:${action}`;
  try {
    const set = await locks.redis.set(key, '1', 'EX', PRESS_HOLD_SECONDS, 'NX');
    return set === 'OK' ? { key, duplicate: false } : { duplicate: true };
  } catch {
    return { duplicate: false };
  }
}
