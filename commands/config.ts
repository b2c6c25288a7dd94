import { parse } from 'yaml';
import { timeText } from '../src/reply/time.js';
import { z } from 'zod';
import type { Rule } from '../src/engine/rule.js';
import type { Reply } from '../src/reply/document.js';
import { RULES } from '../src/rules/index.js';
import { MAX_POLICIES, resolveTenant, type TenantSettings } from '../src/store/tenant-settings.js';
import { parseTeamConfig } from '../src/team-config/parse.js';
import { policySchema, type Policy } from '../src/team-config/schema.js';
import { publicEndpoint } from '../src/monitoring/client.js';
import { endpointProblem } from '../src/monitoring/settings.js';
import { defineCommand, requireAdmin, UserError, type CommandContext } from './command.js';

const LEVELS = ['off', 'error', 'warning', 'info'] as const;
type Level = (typeof LEVELS)[number];

const input = z.discriminatedUnion('action', [
  z.object({ action: z.literal('show') }),
  z.object({ action: z.literal('history') }),
  z.object({
    action: z.literal('set'),
    rule: z.string().max(16),
    /** A level, or an option name (`factor`, `domains`). */
    key: z.string().max(32),
    value: z.string().max(200).optional(),
  }),
  z.object({ action: z.literal('reset'), rule: z.string().max(16) }),
  z.object({ action: z.literal('prometheus'), url: z.string().max(500) }),
  /** `config set policy {id: ACME001, kind: field-required, …}`: one declarative policy, added or replaced. */
  z.object({ action: z.literal('policy'), text: z.string().max(4000) }),
  /** `config import` with a `.voipnow.yaml` attached or pasted: its rules and policies replace the team's. */
  z.object({ action: z.literal('import') }),
]);
type Input = z.infer<typeof input>;

const OFF = /^(off|none|clear|unset|-)$/i;

/** `config prometheus URL|off`: the endpoint checks, sizing, what-if and audits read live figures from. */
async function setPrometheus(url: string, ctx: CommandContext): Promise<Reply> {
  requireAdmin(ctx, 'change the monitoring endpoint');
  const clear = OFF.test(url);
  const problem = clear ? undefined : endpointProblem(url);
  // The refusal never repeats the URL: it may carry a password pasted by mistake.
  if (problem)
    throw new UserError(
      `That endpoint was not saved: ${problem}.`,
      'Example: `config prometheus https://prometheus.int.example.com`',
    );
  const store = ctx.store.settings();
  const settings: TenantSettings = (await store.current())?.settings ?? { rules: {} };
  const { monitoring: _old, ...rest } = settings;
  const next: TenantSettings = clear ? rest : { ...rest, monitoring: { prometheus: url } };
  const saved = await store.save(next, ctx.requester, ctx.now?.() ?? new Date());
  return {
    title: 'Monitoring endpoint',
    verdict: 'info',
    summary: clear
      ? `📈 No monitoring endpoint: figures come from the files' metrics (configuration v${saved.version})`
      : `📈 Checks, sizing, what-if and audits now read live figures from ${publicEndpoint(url)} (configuration v${saved.version})`,
    text: 'Credentials, if the endpoint needs them, come from the worker environment (PROMETHEUS_BEARER_TOKEN or PROMETHEUS_USERNAME/PROMETHEUS_PASSWORD), never from chat.',
  };
}

const USAGE_HINT =
  '`config set rule HA001 off`, `config set SIZE003 warn 0.85`, `config set NET006 factor 4`, `config set policy {…}`, `config import` (attach a .voipnow.yaml), `config reset HA001`';

function levelOf(word: string): Level | undefined {
  const w = word.toLowerCase() === 'warn' ? 'warning' : word.toLowerCase();
  return (LEVELS as readonly string[]).includes(w) ? (w as Level) : undefined;
}

function optionValue(raw: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (raw.endsWith('%') && /^\d+(\.\d+)?%$/.test(raw)) return Number(raw.slice(0, -1)) / 100;
  if (raw.includes(',')) return raw.split(',').map((s) => s.trim());
  return raw;
}

/** The tenant's settings over the operator's, validated as the engine will run them; a refusal lists why. */
function validated(next: TenantSettings, ctx: CommandContext, what = 'Not saved'): TenantSettings {
  const resolved = resolveTenant(next, ctx.store.settings().operator);
  if (!resolved.ok)
    throw new UserError(
      `${what}: ${resolved.issues.map((x) => (x.path ? `${x.path}: ${x.message}` : x.message)).join('; ')}.`,
    );
  return next;
}

/** Applies `set RULE KEY [VALUE]` to the settings; the result is validated by the engine's own resolver. */
function applySet(
  settings: TenantSettings,
  i: Extract<Input, { action: 'set' }>,
  catalogue: readonly Rule[],
  ctx: CommandContext,
): TenantSettings {
  const rule = catalogue.find((r) => r.meta.id === i.rule.toUpperCase());
  if (!rule) throw new UserError(`There is no rule ${i.rule}.`, '`rules` lists them all.');
  const id = rule.meta.id;
  const entry = { ...(settings.rules[id] ?? {}) };
  const level = levelOf(i.key);
  const defaults = (rule.check ? rule.defaultOptions : {}) as Record<string, unknown>;
  if (level && i.value === undefined) entry.severity = level;
  else {
    // "SIZE003 warn 0.85": the option named after the level; "NET006 factor 4": the option named.
    const key = level && level in defaults ? level : i.key;
    if (!(key in defaults))
      throw new UserError(
        `${id} has no option "${i.key}"${Object.keys(defaults).length ? `; its options: ${Object.keys(defaults).join(', ')}` : ''}.`,
        USAGE_HINT,
      );
    if (i.value === undefined) throw new UserError(`Give a value: \`config set ${id} ${i.key} VALUE\`.`, USAGE_HINT);
    entry.options = { ...(entry.options ?? {}), [key]: optionValue(i.value) };
  }
  return validated({ ...settings, rules: { ...settings.rules, [id]: entry } }, ctx);
}

const POLICY_HINT =
  'Example: `config set policy {id: ACME001, kind: field-required, field: zone, title: Nodes declare a zone, remediation: Set zone on every node}`; kinds: field-required, field-pattern, instance-families, max-roles-per-node, min-nodes.';

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.join('.');
  if (path && /received undefined$/.test(issue.message)) return `${path} is missing`;
  return `${path ? `${path}: ` : ''}${issue.message}`;
}

/** `config set policy …`: a YAML mapping (flow on one line, or a pasted block) that is one policy. */
function applyPolicy(settings: TenantSettings, text: string, ctx: CommandContext): TenantSettings {
  let value: unknown;
  try {
    value = parse(text, { strict: true, uniqueKeys: true, maxAliasCount: 0 });
  } catch (error) {
    throw new UserError(`That policy is not YAML: ${(error as Error).message.split('\n')[0]}.`, POLICY_HINT);
  }
  const parsed = policySchema.safeParse(value);
  if (!parsed.success) throw new UserError(`That policy was not saved: ${firstIssue(parsed.error)}.`, POLICY_HINT);
  const others = (settings.policies ?? []).filter((p) => p.id !== parsed.data.id);
  if (others.length >= MAX_POLICIES)
    throw new UserError(
      `This team already has ${MAX_POLICIES} policies, the most it may; \`config reset ID\` removes one.`,
    );
  return validated({ ...settings, policies: [...others, parsed.data] }, ctx);
}

/** `config import`: a `.voipnow.yaml` attached or pasted; its rules and policies replace the team's. */
function applyImport(settings: TenantSettings, ctx: CommandContext): TenantSettings {
  const text = ctx.attachment?.content;
  if (text === undefined)
    throw new UserError(
      'Attach a .voipnow.yaml (or paste it in a code block) to import it.',
      'It may hold `rules:` and `policies:`.',
    );
  const parsed = parseTeamConfig(text, RULES);
  if (!parsed.ok) {
    const where = (i: { line?: number; column?: number }) =>
      i.line !== undefined ? `line ${i.line}:${i.column ?? 1}: ` : '';
    throw new UserError(
      `Not imported: ${parsed.issues
        .slice(0, 3)
        .map((i) => `${where(i)}${i.path ? `${i.path}: ` : ''}${i.message}`)
        .join('; ')}.`,
    );
  }
  const { config } = parsed;
  if (config.plugins?.length)
    throw new UserError(
      "Not imported: code plugins (`plugins:`) run code in the worker, so they come only from the operator's server configuration (VOIPNOW_CONFIG), never from chat.",
      'Declarative `policies:` can be imported; ask your operator to add the plugin.',
    );
  if (config.waivers?.length)
    throw new UserError(
      "Not imported: `waivers:` belong in the topology file they waive (or the operator's configuration).",
      'Remove them and import again.',
    );
  const rules: TenantSettings['rules'] = {};
  for (const [id, value] of Object.entries<unknown>(config.rules ?? {}))
    rules[id] = typeof value === 'string' ? { severity: value as Level } : (value as TenantSettings['rules'][string]);
  const policies: Policy[] = config.policies ?? [];
  if (policies.length > MAX_POLICIES) throw new UserError(`Not imported: at most ${MAX_POLICIES} policies per team.`);
  const { policies: _old, ...rest } = settings;
  return validated({ ...rest, rules, ...(policies.length ? { policies } : {}) }, ctx, 'Not imported');
}

async function show(ctx: CommandContext, history: boolean): Promise<Reply> {
  const store = ctx.store.settings();
  if (history) {
    const versions = await store.history();
    return {
      title: 'Configuration history',
      verdict: 'info',
      summary: versions.length ? `⚙️ ${versions.length} version(s) of this team's configuration` : '⚙️ No changes yet.',
      sections: [
        {
          heading: 'Versions, newest first',
          items: versions.map((v) => ({
            text: `v${v.version} by ${v.author} ${timeText(v.savedAt)}: ${describe(v.settings)}`,
          })),
        },
      ],
    };
  }
  const current = await store.current();
  const settings = current?.settings;
  return {
    title: 'Configuration',
    verdict: 'info',
    summary: current
      ? `⚙️ Configuration v${current.version}, set by ${current.author} ${timeText(current.savedAt)}`
      : '⚙️ Built-in defaults: every rule on at its catalogue severity.',
    fields: [
      { label: 'Rules changed', value: settings ? describe(settings) : 'none' },
      { label: 'Policies', value: settings?.policies?.length ? policyList(settings.policies) : 'none' },
      { label: 'Server configuration', value: serverLine(ctx) },
      { label: 'Monitoring (Prometheus)', value: settings?.monitoring?.prometheus ?? 'not set' },
    ],
    text: `Admins change it with ${USAGE_HINT}.`,
  };
}

function policyList(policies: readonly Policy[]): string {
  return policies.map((p) => `${p.id} (${p.kind}, ${p.severity}) ${p.title}`).join('; ');
}

/** The operator's rules every team gets: named so a team knows where a rule it did not write comes from. */
function serverLine(ctx: CommandContext): string {
  const operator = ctx.store.settings().operator;
  if (!operator) return 'none';
  const ids = [...(operator.config.policies ?? []).map((p) => p.id), ...operator.extra.map((e) => e.rule.meta.id)];
  return ids.length ? `custom rules ${ids.join(', ')}` : 'rule settings only';
}

function describe(settings: TenantSettings): string {
  const entries = Object.entries(settings.rules).sort(([a], [b]) => a.localeCompare(b));
  const parts = entries.map(([id, e]) =>
    [id, e.severity, e.options ? JSON.stringify(e.options) : undefined].filter(Boolean).join(' '),
  );
  const policies = settings.policies?.length ? [`policies ${settings.policies.map((p) => p.id).join(', ')}`] : [];
  return [...parts, ...policies].join('; ') || 'none';
}

export default defineCommand({
  name: 'config',
  aliases: ['settings'],
  summary: "Show or change this team's rule configuration (changing needs admin)",
  usage:
    'config show | config history | config prometheus URL|off | config set [rule] ID off|error|warn|info [VALUE] | config set ID OPTION VALUE | config set policy {…} | config import (with a .voipnow.yaml) | config reset ID',
  examples: [
    'config show',
    'config set rule HA001 off',
    'config set SIZE003 warn 0.85',
    'config set policy {id: ACME001, kind: field-required, field: zone, title: Nodes declare a zone, remediation: Set zone}',
    'config reset HA001',
  ],
  input,
  parse: (args) => {
    const words = args.trim().split(/\s+/).filter(Boolean);
    const action = (words.shift() ?? 'show').toLowerCase();
    const policy = /^\s*set\s+policy\b\s*([\s\S]*)$/i.exec(args);
    if (policy) return { action: 'policy', text: policy[1]!.trim() };
    if (action === 'import') return { action };
    if (action === 'set') {
      if (words[0]?.toLowerCase() === 'rule') words.shift();
      return { action, rule: words[0] ?? '', key: words[1] ?? '', ...(words[2] ? { value: words[2] } : {}) };
    }
    if (action === 'reset') return { action, rule: words[0] ?? '' };
    if (action === 'prometheus') return { action, url: (words[0] ?? '').replace(/^<|>$/g, '') };
    return { action };
  },
  pending: () => 'Reading the configuration…',
  async run(i, ctx) {
    if (i.action === 'show' || i.action === 'history') return show(ctx, i.action === 'history');
    if (i.action === 'prometheus') return setPrometheus(i.url, ctx);
    requireAdmin(ctx, "change this team's configuration");
    const store = ctx.store.settings();
    const settings: TenantSettings = (await store.current())?.settings ?? { rules: {} };
    let next: TenantSettings;
    if (i.action === 'policy') next = applyPolicy(settings, i.text || (ctx.attachment?.content ?? ''), ctx);
    else if (i.action === 'import') next = applyImport(settings, ctx);
    else {
      if (!i.rule || (i.action === 'set' && !i.key)) throw new UserError('Name a rule and a setting.', USAGE_HINT);
      if (i.action === 'reset') {
        const id = i.rule.toUpperCase();
        const { [id]: _removed, ...rules } = settings.rules;
        const policies = (settings.policies ?? []).filter((p) => p.id !== id);
        const { policies: _old, ...rest } = settings;
        next = { ...rest, rules, ...(policies.length ? { policies } : {}) };
      } else next = applySet(settings, i, (await store.engine()).catalogue, ctx);
    }
    const saved = await store.save(next, ctx.requester);
    return {
      title: 'Configuration saved',
      verdict: 'pass',
      summary: `⚙️ Saved configuration v${saved.version}: ${describe(saved.settings)}`,
      text: "It applies to this team's checks, what-if answers and audits from now on.",
    };
  },
});
