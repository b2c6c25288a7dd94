import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { rulePage, ruleDocUrl } from '../src/docs/rule-page.js';
import { formatSarif } from '../src/format/sarif.js';
import { RULES } from '../src/rules/index.js';
import { runCli } from './support/run-cli.js';

it.each(RULES.map((r) => [r.meta.id, r] as const))(
  'docs/rules/%s.md is up to date with the rule metadata (run `npm run build && npm run docs:rules`)',
  (id, rule) => {
    const committed = readFileSync(new URL(`../docs/rules/${id}.md`, import.meta.url), 'utf8');
    expect(committed).toBe(rulePage(rule));
  },
);

it('SARIF helpUri and `voipnow rules ID` link to the page', async () => {
  const sarif = JSON.parse(
    formatSarif({ topology: null, summary: { error: 0, warning: 0, info: 0, suppressed: 0 }, findings: [] }, 't', '0'),
  );
  const ha001 = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'HA001');
  expect(ha001.helpUri).toBe(ruleDocUrl('HA001'));
  expect(ruleDocUrl('HA001')).toMatch(/\/docs\/rules\/HA001\.md$/);
  expect((await runCli(['rules', 'HA001'])).stdout).toContain(`More: ${ruleDocUrl('HA001')}`);
});
