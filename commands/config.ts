import { z } from 'zod';
import { ruleById } from '../src/rules/index.js';
import type { Reply } from '../src/reply/document.js';
import type { TenantSettings } from '../src/store/tenant-settings.js';
import { resolveConfig } from '../src/team-config/resolve.js';
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
]);
type Input = z.infer<typeof input>;

const USAGE_HINT =
  '`config set rule HA001 off`, `config set SIZE003 warn 0.85`, `config set NET006 factor 4`, `config reset HA001`';

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

/** Applies `set RULE KEY [VALUE]` to the settings; the result is validated by the engine's own resolver. */
function applySet(settings: TenantSettings, i: Extract<Input, { action: 'set' }>): TenantSettings {
  const rule = ruleById(i.rule);
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
  const next = { ...settings, rules: { ...settings.rules, [id]: entry } };
  const resolved = resolveConfig({ rules: next.rules });
  if (!resolved.ok)
    throw new UserError(`Not saved: ${resolved.issues.map((x) => `${x.path}: ${x.message}`).join('; ')}.`);
  return next;
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
            text: `v${v.version} by ${v.author} at ${v.savedAt}: ${describe(v.settings)}`,
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
      ? `⚙️ Configuration v${current.version}, set by ${current.author} at ${current.savedAt}`
      : '⚙️ Built-in defaults: every rule on at its catalogue severity.',
    fields: [
      { label: 'Rules changed', value: settings ? describe(settings) : 'none' },
      { label: 'Monitoring (Prometheus)', value: settings?.monitoring?.prometheus ?? 'not set' },
    ],
    text: `Admins change it with ${USAGE_HINT}.`,
  };
}

function describe(settings: TenantSettings): string {
  const entries = Object.entries(settings.rules).sort(([a], [b]) => a.localeCompare(b));
  const parts = entries.map(([id, e]) =>
    [id, e.severity, e.options ? JSON.stringify(e.options) : undefined].filter(Boolean).join(' '),
  );
  return parts.length ? parts.join('; ') : 'none';
}

export default defineCommand({
  name: 'config',
  aliases: ['settings'],
  summary: "Show or change this team's rule configuration (changing needs admin)",
  usage:
    'config show | config history | config set [rule] ID off|error|warn|info [VALUE] | config set ID OPTION VALUE | config reset ID',
  examples: ['config show', 'config set rule HA001 off', 'config set SIZE003 warn 0.85', 'config reset HA001'],
  input,
  parse: (args) => {
    const words = args.trim().split(/\s+/).filter(Boolean);
    const action = (words.shift() ?? 'show').toLowerCase();
    if (action === 'set') {
      if (words[0]?.toLowerCase() === 'rule') words.shift();
      return { action, rule: words[0] ?? '', key: words[1] ?? '', ...(words[2] ? { value: words[2] } : {}) };
    }
    if (action === 'reset') return { action, rule: words[0] ?? '' };
    return { action };
  },
  pending: () => 'Reading the configuration…',
  async run(i, ctx) {
    if (i.action === 'show' || i.action === 'history') return show(ctx, i.action === 'history');
    requireAdmin(ctx, "change this team's configuration");
    if (!i.rule || (i.action === 'set' && !i.key)) throw new UserError('Name a rule and a setting.', USAGE_HINT);
    const store = ctx.store.settings();
    const settings: TenantSettings = (await store.current())?.settings ?? { rules: {} };
    let next: TenantSettings;
    if (i.action === 'reset') {
      const { [i.rule.toUpperCase()]: _removed, ...rules } = settings.rules;
      next = { ...settings, rules };
    } else next = applySet(settings, i);
    const saved = await store.save(next, ctx.requester);
    return {
      title: 'Configuration saved',
      verdict: 'pass',
      summary: `⚙️ Saved configuration v${saved.version}: ${describe(saved.settings)}`,
      text: "It applies to this team's checks, what-if answers and audits from now on.",
    };
  },
});
