import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.js';
import { RULES } from '../../src/rules/index.js';
import { findConfigFile, loadConfigFile } from '../../src/team-config/load.js';
import { parseTeamConfig } from '../../src/team-config/parse.js';
import { resolveConfig, type EngineConfig } from '../../src/team-config/resolve.js';
import { runCli } from '../support/run-cli.js';
import { findNode, toYaml, topology } from '../support/topology.js';

function engine(yaml: string): EngineConfig {
  const parsed = parseTeamConfig(yaml, RULES);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const resolved = resolveConfig(parsed.config, { source: parsed.source });
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  return resolved.engine;
}

const rulesOf = (yaml: string, config?: EngineConfig) =>
  checkText(yaml, { today: '2026-11-25', ...(config ? { config } : {}) }).findings.map(
    (f) => `${f.rule} ${f.severity}`,
  );

describe('team configuration', () => {
  it('switches a rule off (it is not run) and changes a severity', () => {
    const yaml = toYaml(topology((t) => delete findNode(t, 'sql-1').ha));
    expect(rulesOf(yaml)).toContain('HA001 warning');
    const off = engine('rules:\n  HA001: off\n');
    expect(off.active.some((a) => a.rule.meta.id === 'HA001')).toBe(false);
    expect(rulesOf(yaml, off)).not.toContain('HA001 warning');
    expect(rulesOf(yaml, engine('rules:\n  HA001: error\n'))).toContain('HA001 error');
    expect(rulesOf(yaml, engine('rules:\n  HA001: warn\n'))).toContain('HA001 warning');
  });

  it('applies per-rule options: SIZE003 thresholds, NET006 factor, HA010 failure domains', () => {
    const busy = toYaml(topology((t) => (findNode(t, 'web-1').metrics = { cpu: 0.82 })));
    expect(rulesOf(busy)).toContain('SIZE003 info');
    expect(rulesOf(busy, engine('rules:\n  SIZE003: { options: { info: 0.85 } }\n'))).not.toContain('SIZE003 info');
    expect(rulesOf(busy, engine('rules:\n  SIZE003: { options: { info: 0.7, warning: 0.8 } }\n'))).toContain(
      'SIZE003 warning',
    );
    const small = toYaml(topology((t) => (t.network.private = '10.20.0.0/26')));
    expect(rulesOf(small)).not.toContain('NET006 warning');
    expect(rulesOf(small, engine('rules:\n  NET006: { options: { factor: 4 } }\n'))).toContain('NET006 warning');
    const zoned = toYaml(
      topology((t) => {
        for (const n of t.nodes) n.zone = 'eu-1a';
      }),
    );
    expect(rulesOf(zoned)).toContain('HA010 warning');
    expect(rulesOf(zoned, engine('rules:\n  HA010: { options: { domains: [host] } }\n'))).not.toContain(
      'HA010 warning',
    );
  });

  it('shares waivers with every topology', () => {
    const yaml = toYaml(topology((t) => delete findNode(t, 'sql-1').ha));
    const config = engine('waivers:\n  - rule: HA001\n    reason: protected by the hypervisor cluster\n');
    const f = checkText(yaml, { config }).findings.find((x) => x.rule === 'HA001')!;
    expect(f.suppressed?.reason).toBe('protected by the hypervisor cluster');
    expect(checkText(toYaml(topology()), { config }).findings.map((x) => x.rule)).not.toContain('WVR002');
  });

  it('reports mistakes with line:column, like a topology', () => {
    const bad = parseTeamConfig('rules:\n  HA001: offf\n  SIZE003: { options: { info: 2 } }\nextra: 1\n', RULES);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => [i.path, i.line, i.column])).toEqual(
      expect.arrayContaining([
        ['rules.HA001', 2, 10],
        ['rules.SIZE003.options.info', 3, 31],
        ['extra', 4, 1],
      ]),
    );
    const parsed = parseTeamConfig('rules:\n  HA001: off\n  ZZZ001: off\n', RULES);
    if (!parsed.ok) throw new Error('parses');
    const resolved = resolveConfig(parsed.config, { source: parsed.source });
    expect(resolved.ok ? [] : resolved.issues).toEqual([
      { message: 'no rule ZZZ001; `voipnow rules` lists them', path: 'rules.ZZZ001', line: 3, column: 3 },
    ]);
  });

  it('is found from the topology folder upward; --config overrides; config print shows the effect', async () => {
    const root = mkdtempSync(join(tmpdir(), 'voipnow-config-'));
    mkdirSync(join(root, 'env', 'prod'), { recursive: true });
    writeFileSync(join(root, '.voipnow.yaml'), 'rules:\n  HA001: off\n  SIZE003: { options: { info: 0.85 } }\n');
    writeFileSync(join(root, 'env', 'prod', 'topo.yaml'), toYaml(topology((t) => delete findNode(t, 'sql-1').ha)));
    expect(findConfigFile(join(root, 'env', 'prod'))).toBe(join(root, '.voipnow.yaml'));
    const quiet = await runCli(['check', join(root, 'env', 'prod', 'topo.yaml'), '--format', 'json']);
    expect(JSON.parse(quiet.stdout).findings.map((f: { rule: string }) => f.rule)).not.toContain('HA001');
    writeFileSync(join(root, 'other.yaml'), 'rules:\n  HA001: error\n');
    const loud = await runCli(['check', join(root, 'env', 'prod', 'topo.yaml'), '--config', join(root, 'other.yaml')]);
    expect(loud.code).toBe(1);
    expect(loud.stdout).toContain('HA001');
    const print = await runCli(['config', 'print', join(root, '.voipnow.yaml')]);
    expect(print.stdout).toContain('HA001: off');
    expect(print.stdout).toMatch(/SIZE003:\n {4}severity: info\n {4}options:\n {6}info: 0.85\n {6}warning: 0.9/);
    writeFileSync(join(root, 'broken.yaml'), 'rules:\n  HA001: [1\n');
    const broken = await runCli([
      'check',
      join(root, 'env', 'prod', 'topo.yaml'),
      '--config',
      join(root, 'broken.yaml'),
    ]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.yaml:\d+:\d+: /);
    expect((await loadConfigFile(join(root, '.voipnow.yaml'))).levels).toEqual({ HA001: 'off' });
  });
});
