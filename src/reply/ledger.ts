import type { Redis } from 'ioredis';
import type { MessageRef } from './port.js';

const DONE = 'done:';
const PENDING = 'pending';

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

  async get(key: string): Promise<MessageRef | undefined> {
    const value = await this.redis.get(this.key(key));
    return value?.startsWith(DONE) ? (JSON.parse(value.slice(DONE.length)) as MessageRef) : undefined;
  }

  async once(key: string, send: () => Promise<MessageRef>, find?: () => Promise<MessageRef | undefined>): Promise<MessageRef> {
    const k = this.key(key);
    const seen = await this.redis.get(k);
    if (seen?.startsWith(DONE)) return JSON.parse(seen.slice(DONE.length)) as MessageRef;
    if (seen === PENDING && find) {
      const found = await find();
      if (found) {
        await this.redis.set(k, DONE + JSON.stringify(found), 'EX', this.ttlSeconds);
        return found;
      }
    }
    await this.redis.set(k, PENDING, 'EX', this.ttlSeconds);
    const ref = await send();
    await this.redis.set(k, DONE + JSON.stringify(ref), 'EX', this.ttlSeconds);
    return ref;
  }
}
