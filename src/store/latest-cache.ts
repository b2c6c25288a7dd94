import type { Redis } from 'ioredis';

const INVALIDATE = '__redis__:invalidate';

/**
 * The newest version of each topology, kept in this process and dropped the moment Redis says one
 * of its keys changed (server-assisted client-side caching: `CLIENT TRACKING … BCAST PREFIX`).
 * Checks of uploads and audits look the same names up again and again; a hit saves a round trip.
 *
 * Until tracking is confirmed, and whenever either connection drops, nothing is served from the
 * cache: a lost invalidation could otherwise leave a stale version in use. Writes made through this
 * process also drop their entry at once, since their invalidation arrives on another socket.
 */
export class LatestCache<V> {
  private readonly entries = new Map<string, { value: V | null; weight: number }>();
  private weight = 0;
  private enabled = false;
  /** Bumped by every invalidation: a read that raced one is not stored. */
  private generation = 0;
  private readonly subscriber: Redis;
  private readonly tracker: Redis;
  private setting: Promise<void> = Promise.resolve();

  constructor(
    source: Redis,
    /** Key prefix whose changes invalidate entries. */
    private readonly prefix: string,
    /** Roughly the bytes a value holds (a topology's text can be up to MAX_TOPOLOGY_BYTES). */
    private readonly weigh: (value: V) => number = () => 1,
    private readonly maxWeight = 64 * 1024 * 1024,
    private readonly maxEntries = 10_000,
  ) {
    // Subscribing again by itself after a reconnect would skip the tracking set-up: done by hand.
    this.subscriber = source.duplicate({ autoResubscribe: false });
    this.tracker = source.duplicate();
    for (const connection of [this.subscriber, this.tracker]) {
      connection.on('error', () => undefined);
      connection.on('close', () => this.disable());
      // Both connections may come back; set-ups run one after the other.
      connection.on('ready', () => {
        this.setting = this.setting.then(() => this.setUp());
      });
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer | Buffer[] | null) => {
      if (String(channel) !== INVALIDATE) return;
      this.generation++;
      // A null message means Redis flushed everything it tracked.
      if (!message) return this.clear();
      for (const key of Array.isArray(message) ? message : [message]) this.invalidate(String(key));
    });
  }

  private disable(): void {
    this.enabled = false;
    this.generation++;
    this.clear();
  }

  private clear(): void {
    this.entries.clear();
    this.weight = 0;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }

  private async setUp(): Promise<void> {
    if (this.subscriber.status !== 'ready' || this.tracker.status !== 'ready') return;
    try {
      this.disable();
      // The id is read before subscribing: a subscribed connection may only (un)subscribe.
      await this.subscriber.unsubscribe();
      const id = await this.subscriber.client('ID');
      await this.tracker.call('CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(id), 'BCAST', 'PREFIX', this.prefix);
      await this.subscriber.subscribe(INVALIDATE);
      if (this.subscriber.status === 'ready' && this.tracker.status === 'ready') this.enabled = true;
    } catch {
      this.disable();
    }
  }

  /** The cached value (null: known not to exist), or undefined when it must be read. */
  get(key: string): V | null | undefined {
    return this.enabled ? this.entries.get(key)?.value : undefined;
  }

  /** Reads through the cache; `read` runs when there is no usable entry. */
  async through(key: string, read: () => Promise<V | null>): Promise<V | null> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const before = this.generation;
    const value = await read();
    const weight = value === null ? 1 : this.weigh(value);
    if (this.enabled && before === this.generation && weight <= this.maxWeight / 8) {
      this.drop(key);
      this.entries.set(key, { value, weight });
      this.weight += weight;
      // Oldest first, until within both bounds.
      for (const oldest of this.entries.keys()) {
        if (this.entries.size <= this.maxEntries && this.weight <= this.maxWeight) break;
        this.drop(oldest);
      }
    }
    return value;
  }

  /** Drops the entry a changed key belongs to: entries are named by their keys less the last part. */
  invalidate(changedKey: string): void {
    this.generation++;
    this.drop(changedKey.slice(0, changedKey.lastIndexOf(':')));
  }

  close(): Promise<void> {
    this.disable();
    this.subscriber.disconnect();
    this.tracker.disconnect();
    return Promise.resolve();
  }
}
