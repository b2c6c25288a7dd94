import { z } from 'zod';
import { ruleDocUrl } from '../src/docs/rule-page.js';
import { RULES, ruleById } from '../src/rules/index.js';
import { defineCommand, UserError } from './command.js';

export default defineCommand({
  name: 'rules',
  aliases: ['rule', 'explain'],
  summary: 'List the rule catalogue or explain one rule with its seed passage',
  usage: 'rules [ID]',
  examples: ['rules', 'rules HA001'],
  input: z.object({ id: z.string().max(16).optional() }),
  parse: (args) => {
    const id = args.trim().split(/\s+/)[0];
    return id ? { id } : {};
  },
  pending: (i) => (i.id ? `Looking up ${i.id}…` : 'Listing the rules…'),
  run(i) {
    if (i.id) {
      const rule = ruleById(i.id);
      if (!rule) throw new UserError(`There is no rule ${i.id}.`, '`rules` lists them all.');
      const m = rule.meta;
      return {
        title: `${m.id}: ${m.title}`,
        verdict: 'info',
        summary: `📘 ${m.id} (${m.severity}): ${m.title}`,
        fields: [
          { label: 'Severity', value: m.severity },
          { label: 'Family', value: m.family + (m.baseline ? ' (needs a baseline)' : '') },
          { label: 'Docs', value: ruleDocUrl(m.id) },
        ],
        sections: [
          { heading: 'From the role guide', items: [{ text: m.seed }] },
          { heading: 'What to do', items: [{ text: m.remediation }] },
        ],
      };
    }
    const families = [...new Set(RULES.map((r) => r.meta.family))];
    return {
      title: 'Rule catalogue',
      verdict: 'info',
      summary: `📘 ${RULES.length} rules`,
      sections: families.map((family) => ({
        heading: family,
        items: RULES.filter((r) => r.meta.family === family).map((r) => ({
          text: `${r.meta.id} (${r.meta.severity}) ${r.meta.title}`,
        })),
      })),
    };
  },
});
