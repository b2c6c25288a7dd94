import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { findNode, topology, toYaml } from '../support/topology.js';

const ex = (name: string) => `examples/${name}`;

describe('voipnow check: exit codes', () => {
  it('exits 0 when nothing is at or above --fail-on', async () => {
    expect((await runCli(['check', ex('medium.yaml')])).code).toBe(0);
  });
  it('exits 1 on errors by default', async () => {
    expect((await runCli(['check', ex('broken/counts.yaml')])).code).toBe(1);
  });
  it('--fail-on warning turns warnings into a failure, none never fails', async () => {
    expect((await runCli(['check', ex('small.yaml'), '--fail-on', 'warning'])).code).toBe(1);
    expect((await runCli(['check', ex('small.yaml')])).code).toBe(0);
    expect((await runCli(['check', ex('broken/counts.yaml'), '--fail-on', 'none'])).code).toBe(0);
    expect((await runCli(['check', ex('medium.yaml'), '--fail-on', 'info'])).code).toBe(1);
  });
  it('exits 2 on invalid input, with SCH findings in JSON', async () => {
    const run = await runCli(['check', ex('broken/schema.yaml'), '--format', 'json']);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout);
    expect(json.topology).toBe('broken-schema');
    expect(json.findings.map((f: { rule: string }) => f.rule).sort()).toEqual(['SCH002', 'SCH002', 'SCH003']);
    for (const f of json.findings) expect(f.line).toBeGreaterThan(0);
  });
  it('exits 2 on usage errors and says what to do', async () => {
    for (const args of [
      ['check'],
      ['check', 'a', 'b'],
      ['check', ex('small.yaml'), '--format', 'xml'],
      ['check', ex('small.yaml'), '--fail-on', 'fatal'],
      ['check', 'nope.yaml'],
      ['frobnicate'],
      ['check', ex('small.yaml'), '--bogus'],
    ]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/voipnow: .+\nRun `voipnow help`/);
    }
  });
  it('reads standard input with -', async () => {
    const run = await runCli(['check', '-', '--format', 'json'], { stdin: readFileSync(ex('medium.yaml')) });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).topology).toBe('regional-eu');
  });
  it('enforces the size cap on files and on standard input without reading past it', async () => {
    const file = await runCli(['check', ex('large.yaml'), '--max-bytes', '1000', '--format', 'json']);
    expect(file.code).toBe(2);
    expect(JSON.parse(file.stdout).findings[0].rule).toBe('SCH001');
    const stdin = await runCli(['check', '-', '--format', 'json'], {
      stdin: Buffer.alloc(2000, 'a'),
      env: { MAX_TOPOLOGY_BYTES: '1000' },
    });
    expect(stdin.code).toBe(2);
    expect(JSON.parse(stdin.stdout).findings[0].message).toMatch(/over the 1000-byte cap/);
  });
});

describe('voipnow check: output contract', () => {
  it('JSON has topology, summary and findings with the documented fields', async () => {
    const run = await runCli(['check', ex('broken/high-availability.yaml'), '--format', 'json']);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['topology', 'summary', 'findings']);
    expect(Object.keys(json.summary)).toEqual(['error', 'warning', 'info', 'suppressed']);
    for (const f of json.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'message', 'remediation']));
      expect(['error', 'warning', 'info']).toContain(f.severity);
    }
    const ha001 = json.findings.find((f: { rule: string }) => f.rule === 'HA001');
    expect(ha001).toMatchObject({ node: 'sql-1', role: 'sql-master', line: 7, column: 5 });
  });

  it('baseline enables the lifetime rules', async () => {
    const run = await runCli([
      'check',
      ex('broken/lifetime.yaml'),
      '--baseline',
      ex('broken/lifetime-baseline.yaml'),
      '--format',
      'json',
    ]);
    const rules = JSON.parse(run.stdout).findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['LIFE001', 'LIFE002', 'LIFE003', 'LIFE004']));
    expect(run.code).toBe(1);
  });

  it('an invalid baseline is reported as such', async () => {
    const run = await runCli(['check', ex('small.yaml'), '--baseline', ex('broken/schema.yaml'), '--format', 'json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).findings[0].message).toMatch(
      /^baseline examples\/broken\/schema.yaml line \d+:\d+: /,
    );
  });

  it('SARIF validates against the official 2.1.0 schema, with regions and levels', async () => {
    const schema = JSON.parse(readFileSync(new URL('../../schema/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
    // The package is CommonJS: under NodeNext its class is the default export's `default` (it sets both).
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    for (const file of ['broken/high-availability.yaml', 'broken/schema.yaml', 'broken/waivers.yaml', 'medium.yaml']) {
      const run = await runCli(['check', ex(file), '--format', 'sarif']);
      const sarif = JSON.parse(run.stdout);
      expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      for (const r of sarif.runs[0].results) {
        expect(['error', 'warning', 'note']).toContain(r.level);
        expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
      }
    }
    const waived = JSON.parse((await runCli(['check', ex('broken/waivers.yaml'), '--format', 'sarif'])).stdout);
    expect(waived.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'HA001').suppressions[0].kind).toBe(
      'inSource',
    );
  });

  it('JUnit has one test case per rule × node, failures for findings at the threshold', async () => {
    const run = await runCli(['check', ex('broken/high-availability.yaml'), '--format', 'junit']);
    expect(run.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="voipnow"/);
    expect(run.stdout).toMatch(
      /<testcase classname="voipnow.HA001" name="HA001 sql-1" file="examples\/broken\/high-availability.yaml"><system-out>warning HA001/,
    );
    const strict = await runCli([
      'check',
      ex('broken/high-availability.yaml'),
      '--format',
      'junit',
      '--fail-on',
      'warning',
    ]);
    expect(strict.stdout).toMatch(
      /<testcase classname="voipnow.HA001" name="HA001 sql-1"[^>]*><failure type="warning"/,
    );
    const cases = strict.stdout.match(/<testcase /g)!.length;
    const [, tests, failures] = /<testsuite name="broken-ha" tests="(\d+)" failures="(\d+)"/.exec(strict.stdout)!;
    expect(Number(tests)).toBe(cases);
    expect(Number(failures)).toBeGreaterThan(5);
  });

  it('Markdown leads with the verdict and has a table per severity', async () => {
    const run = await runCli(['check', ex('broken/counts.yaml'), '--format', 'markdown']);
    expect(run.stdout.split('\n')[0]).toMatch(/^### ❌ VoipNow topology `broken-counts`: \d+ errors/);
    expect(run.stdout).toContain('| Rule | Node | Where | Finding | What to do |');
    expect(run.stdout).toContain('| `CNT002` | sql-7 |');
  });

  it('text groups by severity, ends with a summary line and colours only on a TTY without NO_COLOR', async () => {
    const plain = await runCli(['check', ex('broken/high-availability.yaml')]);
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout.indexOf('Warnings (')).toBeLessThan(plain.stdout.indexOf('Info ('));
    expect(plain.stdout.trimEnd().split('\n').pop()).toMatch(/broken-ha: 0 errors, \d+ warnings, \d+ info$/);
    expect((await runCli(['check', ex('broken/high-availability.yaml')], { tty: true })).stdout).toContain('\u001b[');
    expect(
      (await runCli(['check', ex('broken/high-availability.yaml')], { tty: true, env: { NO_COLOR: '1' } })).stdout,
    ).not.toContain('\u001b[');
  });
});

describe('waivers', () => {
  it('suppress with a reason, stop when expired and are reported when unused', async () => {
    const run = await runCli(['check', ex('broken/waivers.yaml'), '--format', 'json']);
    const json = JSON.parse(run.stdout);
    const ha001 = json.findings.find((f: { rule: string }) => f.rule === 'HA001');
    expect(ha001.suppressed.reason).toMatch(/hypervisor/);
    expect(json.summary.suppressed).toBe(1);
    expect(json.findings.find((f: { rule: string }) => f.rule === 'HA009').suppressed).toBeUndefined();
    expect(json.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['WVR001', 'WVR002']));
  });

  it('a suppressed error no longer fails the check', async () => {
    const t = topology((d) => {
      findNode(d, 'sip-1').public = undefined;
      delete findNode(d, 'sip-1').public;
      d.waivers = [{ rule: 'NET002', node: 'sip-1', reason: 'reached through an SBC' }];
    });
    const run = await runCli(['check', '-'], { stdin: toYaml(t) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('waived: reached through an SBC');
  });
});

describe('voipnow rules and schema', () => {
  it('lists the catalogue and explains a rule with its seed passage', async () => {
    const list = await runCli(['rules']);
    expect(list.stdout).toMatch(/^SCH001 /);
    expect(list.stdout).toContain('HA010');
    const one = await runCli(['rules', 'ha001']);
    expect(one.stdout).toContain('From the role guide:');
    expect(one.stdout).toContain('virtualization layer HA');
    expect((await runCli(['rules', 'XX999'])).code).toBe(2);
  });
  it('prints the JSON Schema', async () => {
    const run = await runCli(['schema']);
    expect(JSON.parse(run.stdout).title).toBe('VoipNow topology');
  });
});
