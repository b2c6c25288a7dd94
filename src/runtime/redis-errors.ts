/**
 * Redis is full (maxmemory with noeviction: "OOM command not allowed …"), away, loading or a
 * replica: it will take writes again, so the work waits for it instead of failing for good.
 */
export function isRedisUnavailable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /^(OOM|LOADING|READONLY|MASTERDOWN|BUSY)\b|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection is closed|Stream isn't writeable|MaxRetriesPerRequest|max retries per request/i.test(
    message,
  );
}

/** Redis's memory use against its `maxmemory`, for the headroom metric; max 0 means unbounded. */
export function parseMemoryInfo(info: string): { used: number; max: number; policy: string } {
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
  return {
    used: Number(field('used_memory')) || 0,
    max: Number(field('maxmemory')) || 0,
    policy: field('maxmemory_policy'),
  };
}
