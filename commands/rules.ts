import { z } from 'zod';
import { ruleDocUrl } from '../src/docs/rule-page.js';
import { RULES } from '../src/rules/index.js';
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
  async run(i, ctx) {
    // The team's catalogue: built-in rules, the operator's plugins and policies, the team's own policies.
    const catalogue = (await ctx.store.settings().engine()).catalogue;
    if (i.id) {
      const rule = catalogue.find((r) => r.meta.id === i.id!.toUpperCase());
      if (!rule) throw new UserError(`There is no rule ${i.id}.`, '`rules` lists them all.');
      const m = rule.meta;
      return {
        title: `${m.id}: ${m.title}`,
        verdict: 'info',
        summary: `📘 ${m.id} (${m.severity}): ${m.title}`,
        fields: [
          { label: 'Severity', value: m.severity },
          { label: 'Family', value: m.family + (m.baseline ? ' (needs a baseline)' : '') },
          {
            label: 'Docs',
            value: RULES.includes(rule)
              ? ruleDocUrl(m.id)
              : "a custom rule: see this team's or the operator's configuration",
          },
        ],
        sections: [
          { heading: RULES.includes(rule) ? 'From the role guide' : 'Where it comes from', items: [{ text: m.seed }] },
          { heading: 'What to do', items: [{ text: m.remediation }] },
        ],
      };
    }
    const families = [...new Set(catalogue.map((r) => r.meta.family))];
    const custom = catalogue.length - RULES.length;
    return {
      title: 'Rule catalogue',
      verdict: 'info',
      summary: `📘 ${catalogue.length} rules${custom ? ` (${custom} custom)` : ''}`,
      sections: families.map((family) => ({
        heading: family,
        items: catalogue
          .filter((r) => r.meta.family === family)
          .map((r) => ({
            text: `${r.meta.id} (${r.meta.severity}) ${r.meta.title}`,
          })),
      })),
    };
  },
});
