import type { Redis } from 'ioredis';

const INVALIDATE = '__redis__:invalidate';

/**
 * Tells which tenants' stored data changed, whoever changed it (a worker saving a topology, an
 * audit stopping itself), from Redis's own invalidation messages (`CLIENT TRACKING … BCAST PREFIX`):
 * no writer has to announce anything. Keys are `PREFIX<tenant hash>:…`, so the hash is what is
 * reported. After a reconnect changes may have been missed, so `onChange` gets `undefined`: all.
 */
export class ChangeFeed {
  private readonly subscriber: Redis;
  private readonly tracker: Redis;
  private setting: Promise<void> = Promise.resolve();
  private closed = false;
  private markReady!: () => void;
  /** Resolves once changes are being tracked (tests wait for it before writing). */
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(
    source: Redis,
    private readonly prefixes: readonly string[],
    private readonly onChange: (tenantHash: string | undefined) => void,
  ) {
    this.subscriber = source.duplicate({ autoResubscribe: false });
    this.tracker = source.duplicate();
    for (const connection of [this.subscriber, this.tracker]) {
      connection.on('error', () => undefined);
      connection.on('ready', () => {
        this.setting = this.setting.then(() => this.setUp());
      });
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer | Buffer[] | null) => {
      if (String(channel) !== INVALIDATE) return;
      if (!message) return this.onChange(undefined);
      const hashes = new Set<string>();
      for (const key of Array.isArray(message) ? message : [message]) {
        const hash = this.hashOf(String(key));
        if (hash) hashes.add(hash);
      }
      for (const hash of hashes) this.onChange(hash);
    });
  }

  private hashOf(key: string): string | undefined {
    const prefix = this.prefixes.find((p) => key.startsWith(p));
    return prefix ? key.slice(prefix.length).split(':')[0] : undefined;
  }

  private async setUp(): Promise<void> {
    if (this.closed || this.subscriber.status !== 'ready' || this.tracker.status !== 'ready') return;
    try {
      await this.subscriber.unsubscribe();
      const id = await this.subscriber.client('ID');
      const prefixArgs = this.prefixes.flatMap((p) => ['PREFIX', p]);
      await this.tracker.call('CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(id), 'BCAST', ...prefixArgs);
      await this.subscriber.subscribe(INVALIDATE);
      this.markReady();
      this.onChange(undefined);
    } catch {
      // The next 'ready' tries again.
    }
  }

  close(): void {
    this.closed = true;
    this.subscriber.disconnect();
    this.tracker.disconnect();
  }
}
