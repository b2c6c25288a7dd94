import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.js';
import { createRule, renderMessage } from '../../src/engine/rule.js';
import { RULES, ruleById } from '../../src/rules/index.js';
import size003 from '../../src/rules/size003.js';
import ha010 from '../../src/rules/ha010.js';
import net006 from '../../src/rules/net006.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);
const files = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')),
  ...readdirSync(new URL('broken/', EXAMPLES)).map((f) => `broken/${f}`),
];

describe('message ids', () => {
  it('every topology rule has messages, and every placeholder is a plain name', () => {
    for (const rule of RULES) {
      if (!rule.check) continue;
      const templates = Object.values<string>(rule.meta.messages);
      expect(templates.length, rule.meta.id).toBeGreaterThan(0);
      for (const t of templates) expect(t.replace(/\{\{[A-Za-z0-9_]+\}\}/g, ''), rule.meta.id).not.toMatch(/[{}]{2}/);
    }
  });

  it.each(files)('%s: each finding names one of its rule’s messages and fills every placeholder', (file) => {
    const base =
      file === 'broken/lifetime.yaml' ? readFileSync(new URL('broken/lifetime-baseline.yaml', EXAMPLES)) : undefined;
    const result = checkText(readFileSync(new URL(file, EXAMPLES)), {
      today: '2026-11-25',
      ...(base ? { baselineText: base } : {}),
    });
    for (const f of result.findings) {
      const rule = ruleById(f.rule)!;
      if (rule.check) {
        expect(Object.keys(rule.meta.messages), f.rule).toContain(f.messageId);
        expect(f.message).toBe(renderMessage(rule.meta.messages[f.messageId]!, f.data));
      }
      expect(f.message, f.rule).not.toMatch(/\{\{/);
    }
  });

  it('renders placeholders and leaves unknown ones visible', () => {
    expect(renderMessage('node {{node}} at {{ percent }} % of {{x}}', { node: 'a', percent: 85 })).toBe(
      'node a at 85 % of {{x}}',
    );
  });

  it('types message ids and options: an unknown id does not compile; options have typed defaults', () => {
    const meta = {
      id: 'T001',
      severity: 'info',
      title: 't',
      family: 'custom',
      seed: '-',
      remediation: '-',
      messages: { known: 'node {{node}}' },
    } as const;
    const rule = createRule({ meta, check: (ctx) => ctx.nodes.map((n) => ({ messageId: 'known', node: n.name })) });
    createRule({
      meta,
      // @ts-expect-error -- 'unknown' is not a key of meta.messages
      check: () => [{ messageId: 'unknown' }],
    });
    expect(Object.keys(rule.meta.messages)).toEqual(['known']);
    expect(size003.defaultOptions).toEqual({ info: 0.8, warning: 0.9 });
    expect(net006.defaultOptions).toEqual({ factor: 2 });
    expect(ha010.defaultOptions).toEqual({ domains: ['host', 'zone'] });
    const warning: number = size003.defaultOptions.warning;
    expect(warning).toBe(0.9);
  });
});
