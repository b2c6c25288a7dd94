import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.js';
import { formatSarif } from '../../src/format/sarif.js';
import { ConfigError, loadConfigFile } from '../../src/team-config/load.js';
import { runCli } from '../support/run-cli.js';
import { findNode, toYaml, topology } from '../support/topology.js';

// What `createRule` returns, written as a plugin author's compiled JavaScript would hold it.
const RULE_JS = (id: string, body: string) => `export default {
  rules: [{
    meta: { id: '${id}', severity: 'warning', title: 'Nodes are named prod-*', family: 'custom', seed: '-',
            remediation: 'Rename the node.', messages: { badName: 'node {{node}} is not named prod-*' } },
    defaultOptions: {},
    check(ctx) { ${body} },
  }],
};
`;

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function project(plugins: string[], files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'voipnow-plugins-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  writeFileSync(join(root, '.voipnow.yaml'), `plugins:\n${plugins.map((p) => `  - '${p}'\n`).join('')}`);
  return root;
}

const NAMES =
  "return ctx.nodes.filter((n) => !n.name.startsWith('prod-')).map((n) => ({ messageId: 'badName', node: n.name, data: { node: n.name } }));";

// A plugin as a team writes it in TypeScript, with the package's own typed API.
const TS_RULE = `import { createRule, type Report } from 'voipnow-chatops';

type Ids = 'noZone';
export default createRule<Record<string, never>, Ids>({
  meta: {
    id: 'ACME201', severity: 'warning', title: 'Nodes declare a zone', family: 'custom', seed: '-',
    remediation: 'Set zone on the node.', messages: { noZone: 'node {{node}} declares no zone' },
  },
  check(ctx): Report<Ids>[] {
    return ctx.nodes
      .filter((n) => !n.zone)
      .map((n) => ({ messageId: 'noZone', node: n.name, data: { node: n.name } }));
  },
});
`;

describe('plugins', () => {
  it('loads a TypeScript plugin written with createRule from the package', async () => {
    const root = project(['./rules/zone.ts'], { 'rules/zone.ts': TS_RULE });
    writeFileSync(join(root, '.voipnow.yaml'), "plugins: ['./rules/zone.ts']\nrules:\n  ACME201: error\n");
    const config = await loadConfigFile(join(root, '.voipnow.yaml'));
    const result = checkText(toYaml(topology()), { config });
    const zone = result.findings.filter((f) => f.rule === 'ACME201');
    expect(zone.length).toBeGreaterThan(0);
    expect(zone[0]).toMatchObject({ severity: 'error', messageId: 'noZone' });
    expect(zone[0]!.message).toMatch(/^node \S+ declares no zone$/);
  });

  it('runs code rules from a local file and from an npm package, in every output', async () => {
    const root = project(['./rules/names.js', '@acme/voipnow-rules', './policies.yaml'], {
      'rules/names.js': RULE_JS('ACME101', NAMES),
      'node_modules/@acme/voipnow-rules/package.json': JSON.stringify({
        name: '@acme/voipnow-rules',
        type: 'module',
        exports: { '.': { types: './index.d.ts', default: './index.js' } },
      }),
      'node_modules/@acme/voipnow-rules/index.js': RULE_JS('ACME102', 'return [];'),
      'policies.yaml':
        'policies:\n  - { id: ACME103, kind: min-nodes, role: web, count: 5, title: Five web nodes, remediation: Add web nodes. }\n',
    });
    const config = await loadConfigFile(join(root, '.voipnow.yaml'));
    expect(config.catalogue.map((r) => r.meta.id).slice(-3)).toEqual(['ACME101', 'ACME102', 'ACME103']);
    const result = checkText(toYaml(topology()), { config });
    expect(result.findings.filter((f) => f.rule === 'ACME101')).toHaveLength(16);
    expect(result.findings.find((f) => f.rule === 'ACME103')!.message).toBe(
      '2 node(s) run web; at least 5 are required',
    );
    const sarif = JSON.parse(formatSarif(result, 't.yaml', '0', config.catalogue)).runs[0];
    const ids = sarif.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toContain('ACME102');
    const first = sarif.results.find((r: { ruleId: string }) => r.ruleId === 'ACME101');
    expect(ids[first.ruleIndex]).toBe('ACME101');
    const listed = await runCli(['rules', '--config', join(root, '.voipnow.yaml')]);
    expect(listed.stdout).toMatch(/^ACME101 +warning +Nodes are named prod-\*$/m);
  });

  it('a broken plugin is one clear error naming it', async () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ['./missing.js', {}, /plugin \.\/missing\.js: not found/],
      [
        './throws.js',
        { 'throws.js': 'throw new Error("boom at import");' },
        /plugin \.\/throws\.js: failed to load: boom at import/,
      ],
      [
        './shape.js',
        { 'shape.js': 'export default { rules: [{ meta: { id: "x" } }] };' },
        /plugin \.\/shape\.js: rule 1 is not a rule made with createRule/,
      ],
      ['@acme/none', {}, /plugin @acme\/none: not found/],
      ['./rule.ts', {}, /plugin \.\/rule\.ts: not found/],
      ['./syntax.ts', { 'syntax.ts': 'export default { rules: [ ;' }, /plugin \.\/syntax\.ts: failed to load: /],
      [
        './throws.ts',
        { 'throws.ts': 'const zone: string = "x";\nthrow new Error(`no ${zone}`);\nexport default [];' },
        /plugin \.\/throws\.ts: failed to load: no x/,
      ],
      ['./number.ts', { 'number.ts': 'export default 42;' }, /plugin \.\/number\.ts: rule 1 is not a rule made/],
      [
        './meta.ts',
        { 'meta.ts': TS_RULE.replace("id: 'ACME201'", "id: 'acme-1'") },
        /plugin \.\/meta\.ts: rule 1 is not a rule made with createRule: meta\.id meta\.id must be/,
      ],
      ['./clash.js', { 'clash.js': RULE_JS('HA001', 'return [];') }, /HA001 is a built-in rule id/],
    ];
    for (const [spec, files, expected] of cases) {
      const root = project([spec], files);
      const error = await loadConfigFile(join(root, '.voipnow.yaml')).catch((e: unknown) => e);
      expect(error, spec).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems, spec).toHaveLength(1);
      expect((error as ConfigError).problems[0], spec).toMatch(expected);
      expect((error as ConfigError).problems[0], spec).toMatch(/\.voipnow\.yaml:2:\d+: /);
    }
  });

  it('a rule that throws while checking is one finding naming it; the other rules still run', async () => {
    const root = project(['./bad.js'], { 'bad.js': RULE_JS('ACME104', 'throw new TypeError("cannot read zone");') });
    const config = await loadConfigFile(join(root, '.voipnow.yaml'));
    const result = checkText(toYaml(topology((t) => delete findNode(t, 'sql-1').ha)), { config });
    const failed = result.findings.find((f) => f.rule === 'ACME104')!;
    expect(failed.severity).toBe('error');
    expect(failed.message).toBe('rule ACME104 failed and reported nothing: cannot read zone');
    expect(result.findings.map((f) => f.rule)).toContain('HA001');
  });
});
