import type { Redis } from 'ioredis';
import { z } from 'zod';
import { LuaScript } from '../runtime/lua-script.js';
import { layerConfig, type OperatorConfig } from '../team-config/operator.js';
import { resolveConfig, defaultEngineConfig, type EngineConfig } from '../team-config/resolve.js';
import { policySchema, RULE_ID } from '../team-config/schema.js';
import { readKept, readRecord, type RecordFormat, type UnreadableRecords } from './versioned.js';

/** Policies one team may keep in chat; each is checked on every check of every topology. */
export const MAX_POLICIES = 50;

const level = z.enum(['off', 'error', 'warning', 'info']);

/** A tenant's chat configuration: what `config set` changes. Parsed on every read: Redis is input too. */
export const tenantSettingsSchema = z.strictObject({
  rules: z
    .record(
      z.string().regex(RULE_ID),
      z.strictObject({ severity: level.optional(), options: z.record(z.string(), z.unknown()).optional() }),
    )
    .default({}),
  /** The team's declarative rules (`config set policy …`, `config import`); code plugins never come from chat. */
  policies: z.array(policySchema).max(MAX_POLICIES).optional(),
  /** Where the tenant's live metrics come from; `config prometheus URL` sets it (monitoring issue). */
  monitoring: z.strictObject({ prometheus: z.string().max(500).optional() }).optional(),
});
export type TenantSettings = z.output<typeof tenantSettingsSchema>;

export const settingsVersionSchema = z.object({
  version: z.number().int().positive(),
  author: z.string(),
  savedAt: z.string(),
  settings: tenantSettingsSchema,
});
/** One saved state of a tenant's configuration, versioned with author and time like a topology. */
export type SettingsVersion = z.output<typeof settingsVersionSchema>;

export const SETTINGS_KEPT = 50;

/** Settings versions written before schema versions existed (v0) had today's shape. */
export const SETTINGS_VERSION_FORMAT: RecordFormat<SettingsVersion> = {
  kind: 'team-settings',
  version: 1,
  migrations: { 0: (record) => record },
  schema: settingsVersionSchema,
};

// The version number is the highest stored one plus one, read and written in one step; an entry
// that does not decode is skipped (and kept), so it cannot block every later save.
const SAVE = new LuaScript(`
local version = 1
for _, stored in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local ok, decoded = pcall(cjson.decode, stored)
  if ok and type(decoded) == 'table' then version = math.max(version, (tonumber(decoded['version']) or 0) + 1) end
end
local entry = cjson.encode({ schemaVersion = tonumber(ARGV[5]), version = version, author = ARGV[1], savedAt = ARGV[2], settings = cjson.decode(ARGV[3]) })
redis.call('LPUSH', KEYS[1], entry)
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[4]) - 1)
return entry`);

/** A tenant's settings over the operator's configuration, as the engine runs them; issues when they do not resolve. */
export function resolveTenant(settings: TenantSettings, operator: OperatorConfig | undefined, origin = 'chat') {
  return resolveConfig(layerConfig(operator?.config, settings), { extra: operator?.extra ?? [], origin });
}

/** Engine configuration for settings that already passed `resolveTenant` when they were saved. */
export function engineFor(
  settings: TenantSettings | undefined,
  origin: string,
  operator?: OperatorConfig,
): EngineConfig {
  const fallback = operator?.engine ?? defaultEngineConfig();
  if (!settings || (Object.keys(settings.rules).length === 0 && !settings.policies?.length)) return fallback;
  const resolved = resolveTenant(settings, operator, operator ? `${origin} over ${operator.file}` : origin);
  // A rule removed in a later release (or from the operator's plugins) may leave an entry that no
  // longer resolves: fall back, never fail a check.
  return resolved.ok ? resolved.engine : fallback;
}

export class TenantSettingsStore {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    /** The operator's server-side configuration every tenant's is layered on. */
    readonly operator?: OperatorConfig,
    /** Hears of settings versions that no longer parse (they are kept). */
    private readonly report?: UnreadableRecords,
  ) {}

  async history(): Promise<SettingsVersion[]> {
    const raws = await this.redis.lrange(this.key, 0, SETTINGS_KEPT - 1);
    return raws.flatMap((raw) => readKept(SETTINGS_VERSION_FORMAT, raw, this.key, this.report) ?? []);
  }

  /** The newest version; one that does not read counts as none (the operator's configuration applies). */
  async current(): Promise<SettingsVersion | undefined> {
    const raw = await this.redis.lindex(this.key, 0);
    return raw ? readKept(SETTINGS_VERSION_FORMAT, raw, this.key, this.report) : undefined;
  }

  async save(settings: TenantSettings, author: string, now = new Date()): Promise<SettingsVersion> {
    // cjson turns an empty object into an empty array; an explicit marker keeps `rules` a mapping.
    const body = JSON.stringify({
      ...settings,
      rules: Object.keys(settings.rules).length ? settings.rules : undefined,
      policies: settings.policies?.length ? settings.policies : undefined,
    });
    const raw = (await SAVE.run(
      this.redis,
      [this.key],
      [author, now.toISOString(), body, SETTINGS_KEPT, SETTINGS_VERSION_FORMAT.version],
    )) as string;
    const read = readRecord(SETTINGS_VERSION_FORMAT, raw);
    if (!read.ok) throw new Error(`the settings just saved do not read back: ${read.problem}`);
    return read.value;
  }

  async engine(): Promise<EngineConfig> {
    const current = await this.current();
    if (!current) return this.operator?.engine ?? defaultEngineConfig();
    return engineFor(current.settings, `chat configuration v${current.version}`, this.operator);
  }
}
