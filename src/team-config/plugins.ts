import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import { parse } from 'yaml';
import { z } from 'zod';
import type { TopologyRule } from '../engine/rule.js';
import { MAX_ALIAS_COUNT } from '../topology/parse.js';
import { policyRule } from './policies.js';
import { policySchema, RULE_ID } from './schema.js';
import type { ExtraRule } from './resolve.js';

/** What a plugin must export for each rule: the shape `createRule` returns. */
const pluginRuleSchema = z.object({
  meta: z.object({
    id: z.string().regex(RULE_ID, { message: 'meta.id must be 2–5 capitals and 3 digits, such as ACME001' }),
    severity: z.enum(['error', 'warning', 'info']),
    title: z.string().min(1),
    family: z.string().optional(),
    seed: z.string().optional(),
    remediation: z.string().min(1),
    messages: z.record(z.string(), z.string()).refine((m) => Object.keys(m).length > 0, 'meta.messages is empty'),
  }),
  check: z.custom<TopologyRule['check']>((v) => typeof v === 'function', 'check must be a function'),
  defaultOptions: z.record(z.string(), z.unknown()).optional(),
  options: z
    .custom<NonNullable<TopologyRule['options']>>(
      (v) => typeof (v as { safeParse?: unknown } | undefined)?.safeParse === 'function',
      'options must be a zod schema',
    )
    .optional(),
});

const policyFileSchema = z.union([z.array(policySchema), z.strictObject({ policies: z.array(policySchema) })]);

export class PluginError extends Error {
  constructor(
    readonly plugin: string,
    message: string,
  ) {
    super(`plugin ${plugin}: ${message}`);
  }
}

function isPath(spec: string): boolean {
  return spec.startsWith('.') || isAbsolute(spec);
}

function exportedRules(mod: Record<string, unknown>): unknown[] {
  const main = (mod.default ?? mod) as Record<string, unknown> | unknown[];
  if (Array.isArray(main)) return main;
  if (Array.isArray(main.rules)) return main.rules as unknown[];
  if (Array.isArray(mod.rules)) return mod.rules as unknown[];
  return [main];
}

async function loadPolicyFile(spec: string, file: string): Promise<ExtraRule[]> {
  let value: unknown;
  try {
    value = parse(await readFile(file, 'utf8'), { maxAliasCount: MAX_ALIAS_COUNT, strict: true, uniqueKeys: true });
  } catch (error) {
    throw new PluginError(spec, `cannot be read as YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = policyFileSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new PluginError(spec, `${first.path.join('.') || '(top)'}: ${first.message}`);
  }
  const policies = Array.isArray(parsed.data) ? parsed.data : parsed.data.policies;
  return policies.map((p) => ({ rule: policyRule(p), from: spec }));
}

const TYPESCRIPT = /\.[cm]?tsx?$/i;

/**
 * The running engine's own API module: a TypeScript plugin's `import … from 'voipnow-chatops'` is
 * pointed at it, so a plugin in the operator's folder needs no install and uses the same createRule.
 */
function ownApi(): string {
  // Run from sources (tests), the built module is preferred: compiling the engine through jiti takes seconds.
  const candidates = ['../api.js', '../../dist/src/api.js', '../api.ts'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  return candidates.find((file) => existsSync(file)) ?? candidates[0]!;
}

/** TypeScript is compiled in memory by jiti (Node 20 cannot strip types itself). */
async function importTypeScript(file: string): Promise<Record<string, unknown>> {
  const jiti = createJiti(import.meta.url, {
    alias: { 'voipnow-chatops': ownApi() },
    fsCache: false,
    moduleCache: false,
    interopDefault: false,
  });
  return jiti.import<Record<string, unknown>>(file);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((l) => l.trim() !== '') ?? text;
}

async function loadCodePlugin(spec: string, baseDir: string): Promise<ExtraRule[]> {
  let file: string;
  try {
    file = isPath(spec) ? resolve(baseDir, spec) : createRequire(join(baseDir, 'package.json')).resolve(spec);
  } catch {
    throw new PluginError(spec, `not found from ${baseDir} (install it, or give a path starting with ./)`);
  }
  if (!existsSync(file)) throw new PluginError(spec, `not found: ${file}`);
  let mod: Record<string, unknown>;
  try {
    mod = TYPESCRIPT.test(file)
      ? await importTypeScript(file)
      : ((await import(pathToFileURL(file).href)) as Record<string, unknown>);
  } catch (error) {
    throw new PluginError(spec, `failed to load: ${firstLine(error)}`);
  }
  const rules = exportedRules(mod);
  if (rules.length === 0) throw new PluginError(spec, 'exports no rules');
  return rules.map((candidate, i) => {
    const parsed = pluginRuleSchema.safeParse(candidate);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      throw new PluginError(
        spec,
        `rule ${i + 1} is not a rule made with createRule: ${first.path.join('.')} ${first.message}`,
      );
    }
    const rule = candidate as TopologyRule;
    let defaults = rule.defaultOptions;
    if (!defaults) {
      const parsed = rule.options ? rule.options.safeParse({}) : { success: true as const, data: {} };
      if (!parsed.success) throw new PluginError(spec, `rule ${rule.meta.id}: options need a default for every field`);
      defaults = parsed.data;
    }
    return {
      rule: { ...rule, meta: { ...rule.meta, family: 'custom' }, defaultOptions: defaults },
      from: `plugin ${spec}`,
    };
  });
}

/**
 * Loads the `plugins:` of a configuration: YAML files of policies, JavaScript or TypeScript modules of code rules.
 * Each failure is one PluginError naming the plugin; nothing a plugin does escapes as a crash.
 */
export async function loadPlugins(specs: readonly string[], baseDir: string): Promise<ExtraRule[]> {
  const out: ExtraRule[] = [];
  for (const [i, spec] of specs.entries()) {
    const at = (rules: ExtraRule[]) => rules.map((r) => ({ ...r, at: ['plugins', i] }));
    if (/\.ya?ml$/i.test(spec)) out.push(...at(await loadPolicyFile(spec, resolve(baseDir, spec))));
    else out.push(...at(await loadCodePlugin(spec, baseDir)));
  }
  return out;
}
