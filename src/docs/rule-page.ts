import { z } from 'zod';
import type { Rule } from '../engine/rule.js';

export const DOCS_BASE = 'https://github.com/voipnow-chatops/voipnow-chatops/blob/main/docs/rules';

/** Where a built-in rule's page lives; custom rules have none. */
export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}/${id}.md`;
}

function optionLines(rule: Rule): string[] {
  if (!rule.check || !rule.options) return [];
  const schema = z.toJSONSchema(rule.options, { io: 'input' }) as {
    properties?: Record<string, { description?: string }>;
  };
  const defaults = rule.defaultOptions as Record<string, unknown>;
  return Object.keys(defaults).map((key) => {
    const description = schema.properties?.[key]?.description;
    return `| \`${key}\` | \`${JSON.stringify(defaults[key])}\` | ${description ?? ''} |`;
  });
}

/** The page of one rule, generated from its metadata only (`npm run docs:rules`). */
export function rulePage(rule: Rule): string {
  const m = rule.meta;
  const messages = Object.entries(m.messages ?? {});
  const options = optionLines(rule);
  const defaults = (rule.check ? rule.defaultOptions : {}) as Record<string, unknown>;
  const example = options.length
    ? `  ${m.id}: { severity: ${m.severity}, options: { ${Object.entries(defaults)
        .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
        .join(', ')} } }`
    : `  ${m.id}: ${m.family === 'schema' ? m.severity : 'off # or error | warning | info'}`;
  return [
    `# ${m.id}: ${m.title}`,
    '',
    `Severity **${m.severity}** · family **${m.family}**${m.baseline ? ' · needs a baseline (the version this one replaces)' : ''}`,
    '',
    '<!-- Generated from the rule metadata in src/rules/ by `npm run docs:rules`; do not edit by hand. -->',
    '',
    '## From the role guide',
    '',
    `> ${m.seed}`,
    '',
    '## What fires',
    '',
    ...(messages.length
      ? [
          'Each finding carries one of these message ids (with its data); the id, not the text, identifies it.',
          '',
          '| message id | text |',
          '|---|---|',
          ...messages.map(([id, text]) => `| \`${id}\` | ${text.replace(/\|/g, '\\|')} |`),
        ]
      : [
          m.family === 'schema'
            ? 'Reported by the parser while reading the file, at the line and column of the problem.'
            : m.title,
        ]),
    '',
    '## Why',
    '',
    `${m.title}: the passage above is the vendor's reason. ${m.family === 'schema' ? 'A file that does not read as a topology cannot be checked at all.' : ''}`.trim(),
    '',
    '## How to fix',
    '',
    m.remediation,
    '',
    '## Configure or waive',
    '',
    ...(m.family === 'schema'
      ? ['Schema rules cannot be switched off or waived: the topology must parse.']
      : [
          'In `.voipnow.yaml` (or in chat: `config set rule ' + m.id + ' off`):',
          '',
          '```yaml',
          'rules:',
          example,
          '```',
          ...(options.length ? ['', '| option | default | meaning |', '|---|---|---|', ...options] : []),
          '',
          'To accept the risk for one node, waive it in the topology (or for every topology under `waivers:` in',
          '`.voipnow.yaml`):',
          '',
          '```yaml',
          'waivers:',
          `  - { rule: ${m.id}, node: NODE, reason: why it is acceptable, expires: 2027-06-30 }`,
          '```',
        ]),
    '',
  ].join('\n');
}
