import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { RULES } from '../rules/index.js';
import { formatConfigIssue, MAX_CONFIG_BYTES, parseTeamConfig } from './parse.js';
import { loadPlugins, PluginError } from './plugins.js';
import { resolveConfig, type EngineConfig, type ExtraRule } from './resolve.js';
import type { TeamConfig } from './schema.js';

export const CONFIG_NAMES = ['.voipnow.yaml', '.voipnow.yml'] as const;

/** The nearest `.voipnow.yaml` from `dir` upward, as ESLint and Prettier look for theirs. */
export function findConfigFile(dir: string): string | undefined {
  let current = resolve(dir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const file = join(current, name);
      if (existsSync(file)) return file;
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Every problem with a configuration, each a line the user can act on (`file:line:col: …`). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** A configuration file as written, the rules of its plugins, and what the engine runs from them. */
export interface LoadedConfig {
  config: TeamConfig;
  extra: ExtraRule[];
  engine: EngineConfig;
}

/** Reads, validates and resolves a configuration file with its plugins; throws ConfigError only. */
export async function loadConfigFile(file: string): Promise<EngineConfig> {
  return (await loadTeamConfig(file)).engine;
}

/** As loadConfigFile, keeping the parts another configuration is layered on (the operator's). */
export async function loadTeamConfig(file: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) throw new ConfigError([`${file}: over ${MAX_CONFIG_BYTES} bytes`]);
  const parsed = parseTeamConfig(text, RULES);
  if (!parsed.ok) throw new ConfigError(parsed.issues.map((i) => formatConfigIssue(file, i)));
  let extra;
  try {
    extra = await loadPlugins(parsed.config.plugins ?? [], dirname(resolve(file)));
  } catch (error) {
    if (error instanceof PluginError) {
      const index = (parsed.config.plugins ?? []).indexOf(error.plugin);
      const at = parsed.source.locate(['plugins', Math.max(index, 0)]);
      throw new ConfigError([formatConfigIssue(file, { message: error.message, ...at })]);
    }
    throw error;
  }
  const resolved = resolveConfig(parsed.config, { extra, source: parsed.source, origin: file });
  if (!resolved.ok) throw new ConfigError(resolved.issues.map((i) => formatConfigIssue(file, i)));
  return { config: parsed.config, extra, engine: resolved.engine };
}
