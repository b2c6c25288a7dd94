import type { Redis } from 'ioredis';
import { LuaScript } from '../runtime/lua-script.js';

// Reserves `n` posts to one channel, `interval` ms apart, starting at the first moment when the
// channel is free and every second they fall in still has room under the platform's ceiling.
// Redis's clock is the only clock, so workers on different hosts agree.
const RESERVE = new LuaScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local n = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local ceiling = tonumber(ARGV[3])
local t = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local nowSec = math.floor(now / 1000)
local lowest = tonumber(redis.call('HGET', KEYS[2], 'lowest') or tostring(nowSec))
if nowSec - lowest > 600 then redis.call('DEL', KEYS[2]) else
  for s = lowest, nowSec - 1 do redis.call('HDEL', KEYS[2], tostring(s)) end
end
redis.call('HSET', KEYS[2], 'lowest', tostring(nowSec))
for guard = 1, 100000 do
  local moved = false
  for i = 0, n - 1 do
    local sec = math.floor((t + i * interval) / 1000)
    if tonumber(redis.call('HGET', KEYS[2], tostring(sec)) or '0') >= ceiling then
      t = (sec + 1) * 1000 - i * interval
      moved = true
      break
    end
  end
  if not moved then break end
end
for i = 0, n - 1 do redis.call('HINCRBY', KEYS[2], tostring(math.floor((t + i * interval) / 1000)), 1) end
local free = t + n * interval
redis.call('SET', KEYS[1], tostring(free), 'PX', free - now + 60000)
redis.call('PEXPIRE', KEYS[2], free - now + 60000)
return t - now`);

// Lets one post through now if the channel's last post is `interval` ms old and the platform has
// had fewer than `ceiling` posts in the last second; else says how long to wait. Both carry a
// margin (ARGV[3]) for the time between admission here and arrival at the platform. Reservations
// spread the work; this gate is what holds the limits when a job comes back late.
const ADMIT = new LuaScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local interval = tonumber(ARGV[1]) + tonumber(ARGV[3])
local window = 1000 + tonumber(ARGV[3])
local ceiling = tonumber(ARGV[2])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if now - last < interval then return interval - (now - last) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
if redis.call('ZCARD', KEYS[2]) >= ceiling then
  local oldest = tonumber(redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2])
  return math.max(1, oldest + window - now)
end
redis.call('SET', KEYS[1], tostring(now), 'PX', interval + 1000)
redis.call('ZADD', KEYS[2], now, tostring(now) .. ':' .. tostring(redis.call('INCR', KEYS[3])))
redis.call('PEXPIRE', KEYS[2], window + 1000)
redis.call('PEXPIRE', KEYS[3], window + 1000)
return 0`);

/** Allowance for the time from admission to arrival (event loop, HTTP): limits hold as received. */
const ADMISSION_MARGIN_MS = 100;

export interface PacingLimits {
  /** Least time between two posts to one channel (Slack and Discord: about one a second). */
  channelIntervalMs: number;
  /** Most posts a second to one platform, across every channel and worker. */
  platformPerSecond: number;
}

/**
 * Spreads scheduled posts so that a thousand audits due in the same minute stay within the
 * platforms' limits. A job reserves all its posts at once and waits (or is delayed) until the
 * first; then each post passes `admit`, which enforces both limits on the actual posting times.
 */
export class PostPacer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly limits: PacingLimits,
  ) {}

  /** How long from now until the first of `count` posts to this channel may go. */
  async reserve(platform: string, channel: string, count: number): Promise<number> {
    const keys = [`${this.prefix}:pacer:${platform}:channel:${channel}`, `${this.prefix}:pacer:${platform}:seconds`];
    return Number(
      await RESERVE.run(this.redis, keys, [count, this.limits.channelIntervalMs, this.limits.platformPerSecond]),
    );
  }

  /** Waits until one post to this channel is within both limits, and counts it. */
  async admit(platform: string, channel: string, signal?: AbortSignal): Promise<void> {
    const keys = [
      `${this.prefix}:pacer:${platform}:last:${channel}`,
      `${this.prefix}:pacer:${platform}:window`,
      `${this.prefix}:pacer:${platform}:seq`,
    ];
    for (;;) {
      if (signal?.aborted) throw new Error('aborted while waiting for a posting slot');
      const wait = Number(
        await ADMIT.run(this.redis, keys, [
          this.limits.channelIntervalMs,
          this.limits.platformPerSecond,
          ADMISSION_MARGIN_MS,
        ]),
      );
      if (wait <= 0) return;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
