import type { Redis } from 'ioredis';
import type { Clock } from '../runtime/clock.js';
import { redisClock } from '../runtime/clock.js';
import { LuaScript } from '../runtime/lua-script.js';
import { isRedisUnavailable } from '../runtime/redis-errors.js';

// Reserves `n` posts to one channel, `interval` ms apart, starting at the first moment when the
// channel is free and every second they fall in still has room under the platform's ceiling
// (0: no ceiling). `now` comes from the caller's clock (Redis's own in production).
const RESERVE = new LuaScript(`
local now = tonumber(ARGV[4])
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
  if ceiling <= 0 then break end
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

// Lets one post through at `now` if the channel has a post left in its burst (GCRA: posts come
// back one `interval` apart, at most `burst` saved up), the channel is not in a platform-imposed
// back-off (a 429's Retry-After, KEYS[4]), and the platform has had fewer than `ceiling` posts
// (0: no ceiling) in the last second; else says how long to wait. The interval and the window carry
// a margin (ARGV[3]) for the time between admission here and arrival at the platform.
// Reservations spread the work; this gate is what holds the limits when a job comes back late.
const ADMIT = new LuaScript(`
local now = tonumber(ARGV[4])
local interval = tonumber(ARGV[1]) + tonumber(ARGV[3])
local window = 1000 + tonumber(ARGV[3])
local ceiling = tonumber(ARGV[2])
local burst = math.max(1, tonumber(ARGV[5]))
local blocked = tonumber(redis.call('GET', KEYS[4]) or '0')
if now < blocked then return blocked - now end
local tat = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local tolerance = (burst - 1) * interval
if tat - now > tolerance then return tat - tolerance - now end
if ceiling > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
  if redis.call('ZCARD', KEYS[2]) >= ceiling then
    local oldest = tonumber(redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2])
    return math.max(1, oldest + window - now)
  end
  redis.call('ZADD', KEYS[2], now, tostring(now) .. ':' .. tostring(redis.call('INCR', KEYS[3])))
  redis.call('PEXPIRE', KEYS[2], window + 1000)
  redis.call('PEXPIRE', KEYS[3], window + 1000)
end
redis.call('SET', KEYS[1], tostring(tat + interval), 'PX', tat + interval - now + 1000)
return 0`);

// The platform refused a post with 429 and Retry-After: every worker holds posts to the channel
// until then, and the burst is spent (the platform's count and ours disagreed).
const BACK_OFF = new LuaScript(`
local now = tonumber(ARGV[1])
local untilAt = now + tonumber(ARGV[2])
local blocked = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilAt > blocked then redis.call('SET', KEYS[1], tostring(untilAt), 'PX', untilAt - now + 1000) end
local tat = tonumber(redis.call('GET', KEYS[2]) or '0')
local spent = untilAt + tonumber(ARGV[3]) * (tonumber(ARGV[4]) - 1)
if spent > tat then redis.call('SET', KEYS[2], tostring(spent), 'PX', spent - now + 1000) end
return 0`);

/** Allowance for the time from admission to arrival (event loop, HTTP): limits hold as received. */
export const ADMISSION_MARGIN_MS = 50;

export interface PacingLimits {
  /** Least time between two posts to one channel once its burst is spent (Slack and Discord: about one a second). */
  channelIntervalMs: number;
  /** Posts to one channel that may go at once before the interval applies (Slack: a short burst). @defaultValue 1 */
  burst?: number;
  /** Most posts a second to one platform, across every channel and worker; absent: no ceiling. */
  platformPerSecond?: number;
}

export interface PacerOptions {
  /** Defaults to Redis's clock (shared by every host); tests pass one they control. */
  clock?: Clock;
  /** Told of every admitted post, with its time on the pacer's clock (metrics, tests). */
  onAdmit?: (platform: string, channel: string, at: number) => void;
}

/**
 * The one rate limiter for posts to chat platforms, shared by every worker through Redis: replies
 * (a port calls `admit` before each post) and scheduled audits (`reserve` spreads a thousand audits
 * due in the same minute, then `admit` gates each post). Pacers with the same Redis prefix share
 * their accounting; give replies and audits different prefixes to keep them independent.
 *
 * - `reserve(platform, channel, n)`: ms from now until the first of n posts, slots kept.
 * - `tryAdmit(platform, channel)`: 0 when one post may go now (and counts it), else ms to wait.
 * - `backOff(platform, channel, ms)`: the platform said 429; every worker waits out its Retry-After.
 * - `admit(platform, channel, signal?)`: waits on the clock until `tryAdmit` says 0.
 */
export class PostPacer {
  readonly clock: Clock;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly limits: PacingLimits,
    private readonly options: PacerOptions = {},
  ) {
    this.clock = options.clock ?? redisClock(redis);
  }

  /** How long from now until the first of `count` posts to this channel may go. */
  async reserve(platform: string, channel: string, count: number): Promise<number> {
    const keys = [`${this.prefix}:pacer:${platform}:channel:${channel}`, `${this.prefix}:pacer:${platform}:seconds`];
    const now = await this.clock.now();
    return Number(
      await RESERVE.run(this.redis, keys, [
        count,
        this.limits.channelIntervalMs,
        this.limits.platformPerSecond ?? 0,
        now,
      ]),
    );
  }

  /** The admission decision alone: 0 when one post may go now (it is counted), else how long to wait. */
  async tryAdmit(platform: string, channel: string): Promise<number> {
    const keys = [
      `${this.prefix}:pacer:${platform}:last:${channel}`,
      `${this.prefix}:pacer:${platform}:window`,
      `${this.prefix}:pacer:${platform}:seq`,
      `${this.prefix}:pacer:${platform}:blocked:${channel}`,
    ];
    const now = await this.clock.now();
    const wait = Number(
      await ADMIT.run(this.redis, keys, [
        this.limits.channelIntervalMs,
        this.limits.platformPerSecond ?? 0,
        ADMISSION_MARGIN_MS,
        now,
        this.limits.burst ?? 1,
      ]),
    );
    if (wait <= 0) this.options.onAdmit?.(platform, channel, now);
    return wait;
  }

  /**
   * The platform answered 429 with Retry-After: holds every worker's posts to this channel for that
   * long, and spends the burst, so what follows goes one interval apart.
   */
  async backOff(platform: string, channel: string, retryAfterMs: number): Promise<void> {
    const keys = [
      `${this.prefix}:pacer:${platform}:blocked:${channel}`,
      `${this.prefix}:pacer:${platform}:last:${channel}`,
    ];
    const now = await this.clock.now();
    await BACK_OFF.run(this.redis, keys, [
      now,
      Math.max(0, Math.ceil(retryAfterMs)),
      this.limits.channelIntervalMs + ADMISSION_MARGIN_MS,
      this.limits.burst ?? 1,
    ]);
  }

  /** Waits until one post to this channel is within both limits, and counts it. */
  async admit(platform: string, channel: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new Error('aborted while waiting for a posting slot');
      let wait: number;
      try {
        wait = await this.tryAdmit(platform, channel);
      } catch (error) {
        // Pacing is a courtesy; a post that must go out while Redis is full (an apology) still goes.
        if (isRedisUnavailable(error)) return;
        throw error;
      }
      if (wait <= 0) return;
      await this.clock.sleep(wait, signal);
    }
  }
}
