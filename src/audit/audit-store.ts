import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LuaScript } from '../runtime/lua-script.js';
import { tenantHash } from '../store/topology-store.js';
import { readKept, readRecord, writeRecord, type ReadResult, type UnreadableRecords } from '../store/versioned.js';
import {
  AUDIT_RUN_FORMAT,
  AUDIT_SPEC_FORMAT,
  AUDIT_STATE_FORMAT,
  type AuditRun,
  type AuditSpec,
  type AuditState,
  type BrokenAudit,
} from './audit-spec.js';

export const HISTORY_KEPT = 50;

// Atomic so two schedule commands racing on the cap cannot both pass it.
const PUT = new LuaScript(`
local existed = redis.call('HEXISTS', KEYS[1], ARGV[1])
if existed == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1 + existed`);

// A run is stored once: a retried job (crash, stall, outage) finds it and posts the same result.
// The state is compared-and-set, so two audits of one topology at once do not both claim a change.
const COMMIT = new LuaScript(`
local existing = redis.call('GET', KEYS[1])
if existing then return { 'existing', existing } end
local state = redis.call('GET', KEYS[2])
local seq = 0
if state then seq = tonumber(cjson.decode(state)['seq']) or 0 end
if seq ~= tonumber(ARGV[3]) then return { 'conflict', '' } end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[5])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('LPUSH', KEYS[3], ARGV[4])
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[6]) - 1)
return { 'stored', ARGV[1] }`);

export interface AuditLimits {
  maxAudits: number;
  /** How long a run's result is kept for retried posts. */
  runTtlSeconds: number;
}

/** Audits of every tenant; each call goes through `forTenant`, as with topologies. */
export class AuditStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly limits: AuditLimits,
    /** Hears of runs and states that no longer parse (they are kept). */
    private readonly report?: UnreadableRecords,
  ) {}

  forTenant(tenant: string): TenantAudits {
    return new TenantAudits(this.redis, `${this.prefix}:audit:${tenantHash(tenant)}`, this.limits, this.report);
  }
}

export class TenantAudits {
  constructor(
    private readonly redis: Redis,
    private readonly base: string,
    private readonly limits: AuditLimits,
    private readonly report?: UnreadableRecords,
  ) {}

  private get specsKey(): string {
    return `${this.base}:specs`;
  }

  /** Adds or replaces an audit; `full` when the tenant already has the most it may. */
  async put(spec: AuditSpec): Promise<'added' | 'replaced' | 'full'> {
    const outcome = (await PUT.run(
      this.redis,
      [this.specsKey],
      [spec.id, writeRecord(AUDIT_SPEC_FORMAT, spec), this.limits.maxAudits],
    )) as number;
    const outcomes = ['full', 'added', 'replaced'] as const;
    return outcomes[outcome] ?? 'full';
  }

  async get(id: string): Promise<AuditSpec | undefined> {
    const found = await this.read(id);
    return found?.ok ? found.value : undefined;
  }

  /** The stored audit, migrated; `ok: false` when it is there but unreadable; undefined when absent. */
  async read(id: string): Promise<ReadResult<AuditSpec> | undefined> {
    const raw = await this.redis.hget(this.specsKey, id);
    return raw === null ? undefined : readRecord(AUDIT_SPEC_FORMAT, raw);
  }

  async list(): Promise<AuditSpec[]> {
    return (await this.listAll()).specs;
  }

  /** Every stored audit: those that read, and those that no longer do (kept, to be shown). */
  async listAll(): Promise<{ specs: AuditSpec[]; broken: BrokenAudit[] }> {
    const all = await this.redis.hgetall(this.specsKey);
    const specs: AuditSpec[] = [];
    const broken: BrokenAudit[] = [];
    for (const [id, raw] of Object.entries(all)) {
      const read = readRecord(AUDIT_SPEC_FORMAT, raw);
      if (read.ok) specs.push(read.value);
      else broken.push({ id, problem: read.problem });
    }
    specs.sort((a, b) => a.id.localeCompare(b.id));
    broken.sort((a, b) => a.id.localeCompare(b.id));
    return { specs, broken };
  }

  async remove(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.specsKey, id)) === 1;
  }

  async markStopped(spec: AuditSpec, reason: string, now = new Date()): Promise<AuditSpec> {
    const stopped = { ...spec, stopped: { reason, at: now.toISOString() } };
    // Only if it is still there: a cancel that raced this must win.
    if (await this.redis.hexists(this.specsKey, spec.id))
      await this.redis.hset(this.specsKey, spec.id, writeRecord(AUDIT_SPEC_FORMAT, stopped));
    return stopped;
  }

  private topologyKeys(name: string, auditId: string) {
    return {
      // Each audit (topology × channel) compares with its own last run, so every channel it posts
      // to hears of each change. Before, the state was per topology: `legacy` is read once to migrate.
      state: `${this.base}:auditstate:${name}:${auditId}`,
      legacy: `${this.base}:state:${name}`,
      history: `${this.base}:history:${name}`,
    };
  }

  private runKey(runId: string): string {
    return `${this.base}:run:${createHash('sha256').update(runId).digest('base64url').slice(0, 22)}`;
  }

  /**
   * What this audit found last time. An audit that has no state of its own yet starts from the
   * topology's shared state of older versions (seq 0: its own key is written on the first commit).
   */
  async state(name: string, auditId: string): Promise<AuditState | undefined> {
    const keys = this.topologyKeys(name, auditId);
    const [own, legacy] = await this.redis.mget(keys.state, keys.legacy);
    if (own) {
      const read = readRecord(AUDIT_STATE_FORMAT, own);
      if (read.ok) return read.value;
      // Comparing with nothing would report every finding as new and overwrite the state: this run
      // fails instead, and the record waits, as it is, for a release (or an operator) that reads it.
      this.report?.(AUDIT_STATE_FORMAT.kind, keys.state, read.problem);
      throw new Error(`the stored state of audit ${auditId} does not parse: ${read.problem}`);
    }
    const migrated = legacy ? readKept(AUDIT_STATE_FORMAT, legacy, keys.legacy, this.report) : undefined;
    return migrated ? { ...migrated, seq: 0 } : undefined;
  }

  async findRun(runId: string): Promise<AuditRun | undefined> {
    const key = this.runKey(runId);
    const raw = await this.redis.get(key);
    // One that does not read is run again; `commitRun` then keeps the stored one, unread.
    return raw ? readKept(AUDIT_RUN_FORMAT, raw, key, this.report) : undefined;
  }

  /**
   * Stores a run, the state the next audit compares with, and a history entry, in one step; or
   * returns the run an earlier attempt stored. `conflict` means another audit of the same topology
   * moved the state on since `basedOn` was read: compute again.
   */
  async commitRun(
    run: AuditRun,
    state: Omit<AuditState, 'seq'>,
    basedOn: AuditState | undefined,
  ): Promise<{ run: AuditRun; fresh: boolean } | 'conflict'> {
    const keys = this.topologyKeys(run.name, run.auditId);
    const seq = basedOn?.seq ?? 0;
    const runKey = this.runKey(run.runId);
    const [outcome, raw] = (await COMMIT.run(
      this.redis,
      [runKey, keys.state, keys.history],
      [
        writeRecord(AUDIT_RUN_FORMAT, run),
        writeRecord(AUDIT_STATE_FORMAT, { ...state, seq: seq + 1 }),
        seq,
        writeRecord(AUDIT_RUN_FORMAT, {
          ...run,
          newFindings: run.newFindings.slice(0, 10),
          resolvedFindings: run.resolvedFindings.slice(0, 10),
        }),
        this.limits.runTtlSeconds,
        HISTORY_KEPT,
      ],
    )) as [string, string];
    if (outcome === 'conflict') return 'conflict';
    if (outcome === 'stored') return { run, fresh: true };
    // An earlier attempt's run that does not read: this one is posted in its place, as a retry.
    return { run: readKept(AUDIT_RUN_FORMAT, raw, runKey, this.report) ?? run, fresh: false };
  }

  /** The last runs of a topology, newest first. */
  async history(name: string): Promise<AuditRun[]> {
    const key = `${this.base}:history:${name}`;
    const raws = await this.redis.lrange(key, 0, HISTORY_KEPT - 1);
    return raws.flatMap((raw) => readKept(AUDIT_RUN_FORMAT, raw, key, this.report) ?? []);
  }
}
