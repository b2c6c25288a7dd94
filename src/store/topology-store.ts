import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { LuaScript } from '../runtime/lua-script.js';
import type { LatestCache } from './latest-cache.js';
import type { OperatorConfig } from '../team-config/operator.js';
import { TenantSettingsStore } from './tenant-settings.js';
import { readRecord, writeRecord, type RecordFormat, type UnreadableRecords } from './versioned.js';

/** A stored topology version: the text as the user gave it, who saved it and when. */
export interface StoredVersion {
  name: string;
  version: number;
  author: string;
  savedAt: string;
  text: string;
}

export interface TopologySummary {
  name: string;
  latest: number;
  updatedAt: string;
}

export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'not-found' | 'too-many' | 'too-large' | 'bad-name' | 'unreadable',
  ) {
    super(message);
  }
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const recordSchema = z.object({ author: z.string(), savedAt: z.string(), text: z.string() });

/** One version as stored; versions written before schema versions existed (v0) had today's shape. */
export const TOPOLOGY_VERSION_FORMAT: RecordFormat<z.output<typeof recordSchema>> = {
  kind: 'topology-version',
  version: 1,
  migrations: { 0: (record) => record },
  schema: recordSchema,
};

/** A line of `history`: a version that does not read is listed with why, not hidden. */
export type VersionSummary = Omit<StoredVersion, 'text'> & { unreadable?: string };

export interface StoreLimits {
  maxTopologies: number;
  maxVersions: number;
  maxBytes: number;
}

// Atomic so that two saves racing on the count cap or the version number cannot both win.
const SAVE = new LuaScript(`
local exists = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not exists and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return -1 end
local v = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[3], v, ARGV[2])
redis.call('ZADD', KEYS[4], v, v)
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
local n = redis.call('ZCARD', KEYS[4])
local keep = tonumber(ARGV[5])
if n > keep then
  local old = redis.call('ZRANGE', KEYS[4], 0, n - keep - 1)
  for _, o in ipairs(old) do redis.call('HDEL', KEYS[3], o) end
  redis.call('ZREMRANGEBYRANK', KEYS[4], 0, n - keep - 1)
end
return v`);

// The newest versions (ARGV[1] of them), newest first, in one round trip: checks and audits read the
// latest version and the one before it (the baseline) on every run.
const NEWEST = new LuaScript(`
local vs = redis.call('ZRANGE', KEYS[1], -tonumber(ARGV[1]), -1)
local out = {}
for i = #vs, 1, -1 do
  out[#out + 1] = vs[i]
  out[#out + 1] = redis.call('HGET', KEYS[2], vs[i])
end
return out`);

const hashes = new Map<string, string>();

/** A tenant's keys are named by this hash of its id, never by the id itself. */
export function tenantHash(tenant: string): string {
  // Every job names its tenant; a few tenants are busy, so their hashes are kept.
  let hash = hashes.get(tenant);
  if (hash === undefined) {
    hash = createHash('sha256').update(tenant).digest('hex').slice(0, 32);
    if (hashes.size >= 1000) hashes.delete(hashes.keys().next().value!);
    hashes.set(tenant, hash);
  }
  return hash;
}

/**
 * Named, versioned topologies in Redis. Every key of a tenant is derived from a hash of its id,
 * and every call goes through `forTenant`, so no call can name another tenant's key.
 */
export class TopologyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly limits: StoreLimits,
    /** Newest versions kept in this process, invalidated by Redis (`LatestCache`); optional. */
    private readonly cache?: LatestCache<StoredVersion>,
    /** The operator's configuration (VOIPNOW_CONFIG) every tenant's is layered on. */
    private readonly operator?: OperatorConfig,
    /** Hears of versions and settings that no longer parse (they are kept). */
    private readonly report?: UnreadableRecords,
  ) {}

  /** Where the store's keys live: a `LatestCache` tracks changes under it. */
  static keyPrefix(prefix: string): string {
    return `${prefix}:store:`;
  }

  forTenant(tenant: string): TenantTopologies {
    return new TenantTopologies(
      this.redis,
      `${TopologyStore.keyPrefix(this.prefix)}${tenantHash(tenant)}`,
      this.limits,
      this.cache,
      this.operator,
      this.report,
    );
  }
}

export class TenantTopologies {
  constructor(
    private readonly redis: Redis,
    private readonly base: string,
    private readonly limits: StoreLimits,
    private readonly cache?: LatestCache<StoredVersion>,
    private readonly operator?: OperatorConfig,
    private readonly report?: UnreadableRecords,
  ) {}

  /** The tenant's chat configuration (`config show`, `config set`), over the operator's. */
  settings(): TenantSettingsStore {
    return new TenantSettingsStore(this.redis, `${this.base}:settings`, this.operator, this.report);
  }

  private keys(name: string) {
    if (!NAME.test(name)) {
      throw new StoreError(
        `"${name.slice(0, 80)}" is not a topology name: use letters, digits, '-', '_' or '.', at most 64`,
        'bad-name',
      );
    }
    const t = `${this.base}:t:${name}`;
    return {
      topology: t,
      names: `${this.base}:names`,
      seq: `${t}:seq`,
      versions: `${t}:versions`,
      order: `${t}:order`,
    };
  }

  async save(name: string, text: string, author: string, now = new Date()): Promise<StoredVersion> {
    const keys = this.keys(name);
    const size = Buffer.byteLength(text);
    if (size > this.limits.maxBytes) {
      throw new StoreError(`the topology is ${size} bytes, over the ${this.limits.maxBytes}-byte cap`, 'too-large');
    }
    const record = { author, savedAt: now.toISOString(), text };
    const version = (await SAVE.run(
      this.redis,
      [keys.names, keys.seq, keys.versions, keys.order],
      [
        name,
        writeRecord(TOPOLOGY_VERSION_FORMAT, record),
        this.limits.maxTopologies,
        now.getTime(),
        this.limits.maxVersions,
      ],
    )) as number;
    this.cache?.invalidate(keys.order);
    if (version === -1) {
      throw new StoreError(
        `this workspace already stores ${this.limits.maxTopologies} topologies, the most it may; delete one with \`topology delete NAME\``,
        'too-many',
      );
    }
    return { name, version, ...record };
  }

  async list(): Promise<TopologySummary[]> {
    const scored = await this.redis.zrange(`${this.base}:names`, 0, -1, 'WITHSCORES');
    const names = scored.filter((_, i) => i % 2 === 0);
    if (names.length === 0) return [];
    const latest = await this.redis.mget(...names.map((name) => this.keys(name).seq));
    return names
      .map((name, i) => ({
        name,
        latest: Number(latest[i]),
        updatedAt: new Date(Number(scored[i * 2 + 1])).toISOString(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Version numbers, oldest first; not found when there is no topology of that name. */
  async versions(name: string): Promise<number[]> {
    const order = (await this.redis.zrange(this.keys(name).order, 0, -1)).map(Number);
    if (order.length === 0) throw this.notFound(name);
    return order;
  }

  private notFound(name: string): StoreError {
    return new StoreError(`no topology named "${name}" here; \`topology list\` shows the saved ones`, 'not-found');
  }

  /** A version, or the newest when none is named. */
  async get(name: string, version?: number): Promise<StoredVersion> {
    if (version === undefined) {
      const latest = await this.latest(name);
      if (!latest) throw this.notFound(name);
      return latest;
    }
    const raw = await this.redis.hget(this.keys(name).versions, String(version));
    if (!raw) throw new StoreError(`"${name}" has no version v${version}; \`history ${name}\` lists them`, 'not-found');
    return this.decode(name, version, raw);
  }

  /** A stored version; one that does not read is reported and refused in one line, never dropped. */
  private decode(name: string, version: number, raw: string): StoredVersion {
    const read = readRecord(TOPOLOGY_VERSION_FORMAT, raw);
    if (read.ok) return { name, version, ...read.value };
    this.report?.(TOPOLOGY_VERSION_FORMAT.kind, `${this.keys(name).versions}#${version}`, read.problem);
    throw new StoreError(
      `${name} v${version} is stored but this release cannot read it (${read.problem.slice(0, 200)}); it is kept as it is`,
      'unreadable',
    );
  }

  private async newest(name: string, count: number): Promise<StoredVersion[]> {
    const keys = this.keys(name);
    const flat = (await NEWEST.run(this.redis, [keys.order, keys.versions], [count])) as string[];
    const out: StoredVersion[] = [];
    for (let i = 0; i < flat.length; i += 2) out.push(this.decode(name, Number(flat[i]), flat[i + 1]!));
    return out;
  }

  /** The newest version, or undefined when there is no topology of that name. */
  async latest(name: string): Promise<StoredVersion | undefined> {
    const read = async () => (await this.newest(name, 1))[0] ?? null;
    return (await (this.cache ? this.cache.through(this.keys(name).topology, read) : read())) ?? undefined;
  }

  /** The latest version and the one before it (the baseline of lifetime rules), if any. */
  async latestPair(name: string): Promise<{ latest: StoredVersion; previous?: StoredVersion }> {
    const [latest, previous] = await this.newest(name, 2);
    if (!latest) throw this.notFound(name);
    return { latest, ...(previous ? { previous } : {}) };
  }

  async history(name: string): Promise<VersionSummary[]> {
    const order = await this.versions(name);
    const keys = this.keys(name);
    const raws = await this.redis.hmget(keys.versions, ...order.map(String));
    return order.map((version, i) => {
      try {
        const { author, savedAt } = this.decode(name, version, raws[i] ?? '');
        return { name, version, author, savedAt };
      } catch (error) {
        if (!(error instanceof StoreError)) throw error;
        return { name, version, author: '?', savedAt: '?', unreadable: error.message };
      }
    });
  }

  async delete(name: string): Promise<boolean> {
    const keys = this.keys(name);
    const [[, removed]] = (await this.redis
      .multi()
      .zrem(keys.names, name)
      .del(keys.seq, keys.versions, keys.order)
      .exec()) as [[Error | null, number]];
    this.cache?.invalidate(keys.order);
    return removed === 1;
  }

  async exists(name: string): Promise<boolean> {
    return (await this.redis.zscore(this.keys(name).names, name)) !== null;
  }
}
