import { resolve } from 'node:path';
import { loadTeamConfig, type LoadedConfig } from './load.js';
import type { Level, Policy, TeamConfig } from './schema.js';

/**
 * The operator's server-side configuration (VOIPNOW_CONFIG): the only place code plugins come from
 * in chat, since running code named in a chat message would hand the worker to any admin of any team.
 * Every tenant's chat configuration is layered on top of it.
 */
export interface OperatorConfig extends LoadedConfig {
  /** Its path, named in `config show` and in the origin of every tenant's configuration. */
  file: string;
}

/** Loads and validates VOIPNOW_CONFIG at start-up; every problem is a located ConfigError line. */
export async function loadOperatorConfig(file: string): Promise<OperatorConfig> {
  const path = resolve(file);
  return { ...(await loadTeamConfig(path)), file: path };
}

/** What a tenant may set in chat: rule settings and declarative policies, never code. */
export interface TenantLayer {
  rules: Readonly<Record<string, { severity?: Level; options?: Record<string, unknown> }>>;
  policies?: readonly Policy[];
}

type Setting = { severity?: Level; options?: Record<string, unknown> };

function asSetting(value: unknown): Setting {
  if (typeof value === 'string') return { severity: value as Level };
  return value ?? {};
}

/**
 * The operator's configuration with a tenant's on top: per rule, the tenant's severity wins and its
 * options are merged over the operator's; the tenant's policies are added to the operator's.
 */
export function layerConfig(operator: TeamConfig | undefined, tenant: TenantLayer): TeamConfig {
  const rules: Record<string, Setting> = {};
  for (const [id, value] of Object.entries<unknown>(operator?.rules ?? {})) rules[id] = asSetting(value);
  for (const [id, value] of Object.entries(tenant.rules)) {
    const base = rules[id] ?? {};
    const options = { ...(base.options ?? {}), ...(value.options ?? {}) };
    const severity = value.severity ?? base.severity;
    rules[id] = { ...(severity ? { severity } : {}), ...(Object.keys(options).length ? { options } : {}) };
  }
  const policies = [...(operator?.policies ?? []), ...(tenant.policies ?? [])];
  return {
    ...(Object.keys(rules).length ? { rules: rules } : {}),
    ...(operator?.waivers ? { waivers: operator.waivers } : {}),
    ...(policies.length ? { policies } : {}),
  };
}
