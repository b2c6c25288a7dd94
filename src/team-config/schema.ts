import { z } from 'zod';
import type { Rule } from '../engine/rule.js';
import { roleSchema, waiverSchema } from '../topology/schema.js';

/** How a team sets a rule: off, or the severity it reports at (`warn` is read as `warning`). */
export const levelSchema = z
  .enum(['off', 'error', 'warning', 'warn', 'info'])
  .transform((l) => (l === 'warn' ? 'warning' : l))
  .meta({ id: 'level', description: 'off, or the severity the rule reports at' });
export type Level = z.output<typeof levelSchema>;

/** Ids a waiver in a topology can name, so a team's own rules fit the same pattern. */
export const RULE_ID = /^[A-Z]{2,5}[0-9]{3}$/;
const ruleId = z.string().regex(RULE_ID, { message: 'expected a rule id such as ACME001 (2–5 capitals, 3 digits)' });

function isRegExp(text: string): boolean {
  try {
    new RegExp(text, 'u');
    return true;
  } catch {
    return false;
  }
}

const policyBase = {
  id: ruleId,
  severity: z.enum(['error', 'warning', 'info']).default('warning'),
  title: z.string().min(1).max(200),
  remediation: z.string().min(1).max(1000),
  /** Only nodes running one of these roles are checked (node policies). */
  roles: z.array(roleSchema).min(1).optional().meta({ description: 'Check only nodes running one of these roles' }),
};
/** Node fields a policy may name. */
export const POLICY_FIELDS = ['name', 'private', 'public', 'host', 'zone', 'instanceType', 'ha'] as const;
const field = z.enum(POLICY_FIELDS);

/** The rules teams write most, declared rather than coded (Conftest/kube-linter style). */
export const policySchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...policyBase, kind: z.literal('field-required'), field }).meta({
    description: 'Every node declares the field (e.g. zone)',
  }),
  z
    .strictObject({
      ...policyBase,
      kind: z.literal('field-pattern'),
      field,
      pattern: z.string().min(1).max(500).refine(isRegExp, { message: 'not a valid regular expression' }),
    })
    .meta({ description: 'A field, where set, matches a regular expression' }),
  z
    .strictObject({
      ...policyBase,
      kind: z.literal('instance-families'),
      allow: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
    })
    .meta({ description: 'instanceType only from these families (the part before the dot: m6i, r6i)' }),
  z
    .strictObject({ ...policyBase, kind: z.literal('max-roles-per-node'), max: z.number().int().min(1) })
    .meta({ description: 'At most this many roles on one node' }),
  z
    .strictObject({
      ...policyBase,
      kind: z.literal('min-nodes'),
      role: roleSchema,
      count: z.number().int().min(1),
    })
    .meta({ description: 'A role runs on at least this many nodes' }),
]);
export type Policy = z.output<typeof policySchema>;

const SETTING_ERROR = { error: 'expected off, error, warning, info, or {severity, options}' };

const anyRuleSetting = z
  .union(
    [
      levelSchema,
      z.strictObject({ severity: levelSchema.optional(), options: z.record(z.string(), z.unknown()).optional() }),
    ],
    SETTING_ERROR,
  )
  .meta({ id: 'ruleSetting' });

/** Built-in rules with options get their own entry, so the JSON Schema documents every threshold. */
function ruleSettings(rules: readonly Rule[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const rule of rules) {
    if (!rule.check) continue;
    shape[rule.meta.id] = (
      rule.options
        ? z.union(
            [levelSchema, z.strictObject({ severity: levelSchema.optional(), options: rule.options.optional() })],
            SETTING_ERROR,
          )
        : anyRuleSetting
    ).optional();
  }
  return z.object(shape).catchall(anyRuleSetting);
}

/** `.voipnow.yaml`: a team's settings, shared by every topology below its folder. */
export function teamConfigSchema(rules: readonly Rule[]) {
  return z.strictObject({
    rules: ruleSettings(rules).optional().meta({ description: 'Per rule: off, a severity, or {severity, options}' }),
    waivers: z.array(waiverSchema).optional().meta({ description: 'Waivers shared by every topology' }),
    policies: z.array(policySchema).optional().meta({ description: "The team's own declarative rules" }),
    plugins: z.array(z.string().min(1).max(500)).optional().meta({
      description:
        'Code rules: a local .ts/.js file or an npm package exporting rules made with createRule, or a YAML file of policies',
    }),
  });
}

export type TeamConfig = z.output<ReturnType<typeof teamConfigSchema>>;
export type RuleSetting = Exclude<NonNullable<TeamConfig['rules']>[string], undefined>;

export function configJsonSchema(rules: readonly Rule[]): Record<string, unknown> {
  return {
    $id: 'https://github.com/voipnow-chatops/voipnow-chatops/schema/config.schema.json',
    title: 'voipnow team configuration (.voipnow.yaml)',
    ...z.toJSONSchema(teamConfigSchema(rules), { io: 'input', target: 'draft-2020-12' }),
  };
}
