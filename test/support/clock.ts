import type { Clock } from '../../src/runtime/clock.js';

/**
 * Virtual time for rate limiters: it stands still until someone sleeps, and a sleeper wakes with
 * the clock moved to its wake-up time (never backwards, so concurrent sleepers see time go on).
 * Assertions read times from this clock, so they hold however slowly the machine runs.
 */
export class VirtualClock implements Clock {
  constructor(public time = Date.UTC(2026, 10, 25, 12, 0, 0)) {}

  now(): Promise<number> {
    return Promise.resolve(this.time);
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const wake = this.time + Math.max(0, ms);
    // Let other callers run at the current time first, as they would during a real wait.
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    this.time = Math.max(this.time, wake);
  }
}
