/**
 * A platform's posting limit as the fakes enforce it: `burst` posts at once, then `perSecond`
 * more each second (a token bucket per key, Slack's and Discord's per-channel message limits).
 * The clock is injectable so a test can step time instead of waiting.
 */
export class RateBucket {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** Posts refused with 429, by key. */
  readonly refused = new Map<string, number>();

  constructor(
    readonly burst: number,
    readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one post for `key`: 0 when allowed, else the milliseconds until one would be. */
  take(key: string): number {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    this.refused.set(key, (this.refused.get(key) ?? 0) + 1);
    return Math.ceil(((1 - b.tokens) / this.perSecond) * 1000);
  }

  /**
   * What Discord's X-RateLimit headers say after a post to `key`: posts left now, and the time until
   * the next one is allowed when none is left (else until the bucket is full again).
   */
  state(key: string): { limit: number; remaining: number; resetAfterMs: number } {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    const tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    const remaining = Math.floor(tokens);
    const missing = remaining > 0 ? this.burst - tokens : 1 - tokens;
    return { limit: this.burst, remaining, resetAfterMs: Math.ceil((missing / this.perSecond) * 1000) };
  }

  /** The least time `n` posts to one key can take under this limit, from a full bucket. */
  floorMs(n: number): number {
    return Math.max(0, Math.ceil(((n - this.burst) / this.perSecond) * 1000));
  }
}
