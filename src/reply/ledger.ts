import type { Redis } from 'ioredis';
import { LuaScript } from '../runtime/lua-script.js';
import type { MessageRef } from './port.js';

const DONE = 'done:';
const CLAIM = new LuaScript(`
local out = {}
for i, k in ipairs(KEYS) do
  local v = redis.call('GET', k)
  if not v then redis.call('SET', k, ARGV[1], 'EX', ARGV[2]); out[i] = '' else out[i] = v end
end
return out`);
const RECORD = new LuaScript(`
for i, k in ipairs(KEYS) do redis.call('SET', k, ARGV[i + 1], 'EX', ARGV[1]) end
return #KEYS`);
const PENDING = 'pending';

// Fenced claim, one round trip per post: the caller must still hold its job's lock (BullMQ stores
// the worker's token there), else nothing is written and it must not post. Messages posted since
// the last call are recorded on the way, and a key another attempt finished is handed back.
// Also returns how long the lock has left, so that the worker knows until when it may post
// without asking again. KEYS: lock, claimed key, keys to record; ARGV: token, ttl, refs to record.
const GUARD = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
for i = 3, #KEYS do redis.call('SET', KEYS[i], ARGV[i], 'EX', ARGV[2]) end
local left = redis.call('PTTL', KEYS[1])
local v = redis.call('GET', KEYS[2])
if v and string.sub(v, 1, 5) == '${DONE}' then return {v, left} end
redis.call('SET', KEYS[2], '${PENDING}', 'EX', ARGV[2])
return {'', left}`);
// The lock's time left while it is still the caller's, else nothing. KEYS: lock; ARGV: token.
const HOLDS = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
return redis.call('PTTL', KEYS[1])`);

/**
 * Where a job's lock lives and the token that proves this worker still holds it. A worker paused
 * past its lock (GC, SIGSTOP, a starved host) has lost the job to another worker and must post
 * nothing more for it.
 */
export interface Fence {
  lockKey: string;
  token: string;
  /** Monotonic time (performance.now) until which the lock is surely still this worker's. */
  heldUntil?: number;
}

/**
 * Half the time the lock had left when asked: a lock past that point may be near expiry, and once
 * it expires the stalled-job check hands the job to another worker.
 */
function leaseEnd(asked: number, leftMs: number): number {
  return leftMs > 0 ? asked + leftMs / 2 : asked;
}

/** This worker no longer holds the job: another one answers it. */
export class FenceLostError extends Error {
  constructor(key: string) {
    super(`lost the job's lock before posting ${key}; another worker answers it`);
  }
}

/**
 * Remembers which replies were posted, by key, so that a retried job (after a crash, a stall or a
 * transient failure) posts each message exactly once. A key left "pending" means a worker died
 * between posting and recording; `find` asks the platform whether the message got through.
 */
export class ReplyLedger {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds = 7 * 86_400,
  ) {}

  private key(key: string): string {
    return `${this.prefix}:reply:${key}`;
  }

  /**
   * Claims several keys in one round trip. For each: the message already posted, `pending` when an
   * earlier attempt claimed it and may or may not have posted it, or `fresh` (claimed now).
   */
  async claim(keys: readonly string[]): Promise<(MessageRef | 'pending' | 'fresh')[]> {
    if (keys.length === 0) return [];
    const values = (await CLAIM.run(
      this.redis,
      keys.map((k) => this.key(k)),
      [PENDING, this.ttlSeconds],
    )) as (string | false | null)[];
    return values.map((v) => {
      if (!v) return 'fresh';
      return v.startsWith(DONE) ? (JSON.parse(v.slice(DONE.length)) as MessageRef) : 'pending';
    });
  }

  /** Records posted messages, in one round trip. */
  async record(posted: ReadonlyMap<string, MessageRef>): Promise<void> {
    if (posted.size === 0) return;
    const keys = [...posted.keys()].map((k) => this.key(k));
    await RECORD.run(this.redis, keys, [
      this.ttlSeconds,
      ...[...posted.values()].map((ref) => DONE + JSON.stringify(ref)),
    ]);
  }

  /**
   * Claims one key for posting if the fence still holds, recording `posted` on the way. Returns the
   * message another attempt already posted under the key, if any; throws FenceLostError when the
   * job's lock is no longer this worker's.
   */
  async guard(fence: Fence, key: string, posted: ReadonlyMap<string, MessageRef>): Promise<MessageRef | undefined> {
    const asked = performance.now();
    const answer = (await GUARD.run(
      this.redis,
      [fence.lockKey, this.key(key), ...[...posted.keys()].map((k) => this.key(k))],
      [fence.token, this.ttlSeconds, ...[...posted.values()].map((ref) => DONE + JSON.stringify(ref))],
    )) as [string, number] | null;
    if (answer === null) throw new FenceLostError(key);
    const [seen, left] = answer;
    fence.heldUntil = leaseEnd(asked, left);
    return seen.startsWith(DONE) ? (JSON.parse(seen.slice(DONE.length)) as MessageRef) : undefined;
  }

  /**
   * Throws FenceLostError unless the job is still this worker's. Answers from memory while the
   * lock's time left at the last look has not half run out (BullMQ renews it every half lock
   * period, so no other worker can have taken it yet); else asks Redis.
   */
  async holds(fence: Fence, key: string): Promise<void> {
    if (fence.heldUntil !== undefined && performance.now() < fence.heldUntil) return;
    const asked = performance.now();
    const left = (await HOLDS.run(this.redis, [fence.lockKey], [fence.token])) as number | null;
    if (left === null) throw new FenceLostError(key);
    fence.heldUntil = leaseEnd(asked, left);
  }

  async get(key: string): Promise<MessageRef | undefined> {
    const value = await this.redis.get(this.key(key));
    return value?.startsWith(DONE) ? (JSON.parse(value.slice(DONE.length)) as MessageRef) : undefined;
  }

  async once(
    key: string,
    send: () => Promise<MessageRef>,
    find?: () => Promise<MessageRef | undefined>,
  ): Promise<MessageRef> {
    const k = this.key(key);
    // One round trip claims the key and tells what an earlier attempt left (Redis ≥ 7: NX with GET).
    const seen = (await this.redis.call('SET', k, PENDING, 'EX', this.ttlSeconds, 'NX', 'GET')) as string | null;
    if (seen?.startsWith(DONE)) return JSON.parse(seen.slice(DONE.length)) as MessageRef;
    if (seen === PENDING && find) {
      const found = await find();
      if (found) {
        await this.redis.set(k, DONE + JSON.stringify(found), 'EX', this.ttlSeconds);
        return found;
      }
    }
    const ref = await send();
    await this.redis.set(k, DONE + JSON.stringify(ref), 'EX', this.ttlSeconds);
    return ref;
  }
}
