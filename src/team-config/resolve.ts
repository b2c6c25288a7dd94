import { createHash } from 'node:crypto';
import type { Severity } from '../engine/finding.js';
import type { Rule, TopologyRule } from '../engine/rule.js';
import { RULES } from '../rules/index.js';
import type { Waiver } from '../topology/schema.js';
import { formatPath, SourceMap, type FieldPath } from '../topology/source-map.js';
import type { ConfigIssue } from './parse.js';
import { policyRule } from './policies.js';
import type { Level, TeamConfig } from './schema.js';

export interface ActiveRule {
  rule: TopologyRule;
  options: object;
}

/** What the engine runs for one team: built-in rules and the team's own, each on or off, tuned. */
export interface EngineConfig {
  /** Every rule known (built-in, policies, plugins), for outputs: SARIF metadata, `rules`, audits. */
  catalogue: readonly Rule[];
  /** The topology rules that run, with their options. */
  active: readonly ActiveRule[];
  /** Severity per rule where the team changed it; `off` for rules that do not run or report. */
  levels: Readonly<Record<string, Level>>;
  /** Waivers that apply to every topology checked with this configuration. */
  waivers: readonly Waiver[];
  /** Changes whenever anything above does; part of the check memo's key. */
  digest: string;
  /** Where the configuration came from, for `config print`. */
  origin: string;
}

export interface ExtraRule {
  rule: TopologyRule;
  /** The plugin or policy file it came from, named in errors. */
  from: string;
  /** Where the configuration names it. */
  at?: FieldPath;
}

/** A rule's entry, already validated by the schema: a level, or `{severity?, options?}`. */
function settingOf(value: unknown): { level?: Level; options?: unknown } {
  if (typeof value === 'string') return { level: value as Level };
  const entry = (value ?? {}) as { severity?: Level; options?: unknown };
  return { ...(entry.severity ? { level: entry.severity } : {}), ...(entry.options ? { options: entry.options } : {}) };
}

/**
 * Checks a parsed configuration against the rules it names and builds what the engine runs.
 * Unknown rule ids, colliding ids and invalid options are located issues, never exceptions.
 */
export function resolveConfig(
  config: TeamConfig,
  {
    extra = [],
    source = SourceMap.none(),
    origin = 'built-in defaults',
  }: { extra?: readonly ExtraRule[]; source?: SourceMap; origin?: string } = {},
): { ok: true; engine: EngineConfig } | { ok: false; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const issue = (path: FieldPath, message: string) =>
    issues.push({ message, path: formatPath(path), ...source.locate(path, true) });
  const builtIn = new Set(RULES.map((r) => r.meta.id));
  const custom: TopologyRule[] = [];
  const seen = new Set<string>();
  const add = (rule: TopologyRule, path: FieldPath, from: string) => {
    const id = rule.meta.id;
    if (builtIn.has(id)) issue(path, `${from}: ${id} is a built-in rule id; give the team's rule its own prefix`);
    else if (seen.has(id)) issue(path, `${from}: rule id ${id} is defined twice`);
    else {
      seen.add(id);
      custom.push(rule);
    }
  };
  config.policies?.forEach((p, i) => add(policyRule(p), ['policies', i, 'id'], `policy ${p.id}`));
  for (const e of extra) add(e.rule, e.at ?? ['plugins'], e.from);

  const catalogue: Rule[] = [...RULES, ...custom];
  const byId = new Map(catalogue.map((r) => [r.meta.id, r]));
  const levels: Record<string, Level> = {};
  const options = new Map<string, object>();
  for (const [id, value] of Object.entries<unknown>(config.rules ?? {})) {
    const rule = byId.get(id);
    if (!rule) {
      issue(['rules', id], `no rule ${id}; \`voipnow rules\` lists them`);
      continue;
    }
    const { level, options: raw } = settingOf(value);
    if (level) {
      if (level === 'off' && rule.meta.family === 'schema') issue(['rules', id], `${id} cannot be switched off`);
      else levels[id] = level;
    }
    if (raw !== undefined) {
      if (!rule.check || !rule.options) {
        issue(['rules', id, 'options'], `${id} takes no options`);
        continue;
      }
      const parsed = rule.options.safeParse(raw);
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const path = ['rules', id, 'options', ...i.path.filter((s): s is string | number => typeof s !== 'symbol')];
          issue(path, i.message);
        }
      } else options.set(id, parsed.data);
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const active = catalogue.flatMap((rule): ActiveRule[] =>
    rule.check && levels[rule.meta.id] !== 'off'
      ? [{ rule, options: options.get(rule.meta.id) ?? rule.defaultOptions }]
      : [],
  );
  const waivers = config.waivers ?? [];
  const digest = createHash('sha1')
    .update(
      // Policies and plugins are named too: two policies may share an id and title yet check different things.
      JSON.stringify([
        levels,
        [...options],
        waivers,
        custom.map((r) => r.meta),
        config.policies ?? [],
        extra.map((e) => e.from),
      ]),
    )
    .digest('base64url');
  return { ok: true, engine: { catalogue, active, levels, waivers, digest, origin } };
}

let defaults: EngineConfig | undefined;

/** The built-in rules with their defaults: what runs without a configuration. */
export function defaultEngineConfig(): EngineConfig {
  if (!defaults) {
    const resolved = resolveConfig({});
    if (!resolved.ok) throw new Error('the built-in rules do not resolve');
    defaults = resolved.engine;
  }
  return defaults;
}

/** Severity overrides as the engine applies them. */
export function severityOf(engine: EngineConfig, rule: string): Severity | 'off' | undefined {
  return engine.levels[rule];
}

/** The effective configuration, as `voipnow config print` and chat `config show` print it. */
export function effectiveConfig(engine: EngineConfig): Record<string, unknown> {
  const builtIn = new Set(RULES.map((r) => r.meta.id));
  return {
    origin: engine.origin,
    rules: Object.fromEntries(
      engine.catalogue.map((r) => {
        const level = engine.levels[r.meta.id] ?? r.meta.severity;
        const active = engine.active.find((a) => a.rule === r);
        const hasOptions = active && Object.keys(active.options).length > 0;
        return [r.meta.id, hasOptions ? { severity: level, options: active.options } : level];
      }),
    ),
    custom: engine.catalogue.filter((r) => !builtIn.has(r.meta.id)).map((r) => r.meta.id),
    waivers: engine.waivers,
  };
}
