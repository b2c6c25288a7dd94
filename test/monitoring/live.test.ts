import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/check.js';
import type { SizingReport } from '../../src/sizing/advice.js';
import type { ResilienceReport } from '../../src/whatif/resilience.js';
import { runCli } from '../support/run-cli.js';
import { decodePng } from '../support/png.js';
import { freePort } from '../support/redis.js';
import { PrometheusClient } from '../../src/monitoring/client.js';
import { collectUsage } from '../../src/monitoring/collect.js';
import { resolveSettings } from '../../src/monitoring/settings.js';
import type { LiveUsage } from '../../src/monitoring/usage.js';
import { parseTopology } from '../../src/topology/parse.js';
import type { Topology } from '../../src/topology/schema.js';
import { LocalPrometheus, prometheusMissing } from '../support/prometheus.js';
import { liveSeries, liveYaml, NOW, RANGE } from '../support/monitoring-scenario.js';

const missing = prometheusMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== undefined)('live figures from a real Prometheus', () => {
  let prom: LocalPrometheus;
  let topology: Topology;
  let usage: LiveUsage;
  let client: PrometheusClient;

  beforeAll(async () => {
    prom = await LocalPrometheus.start(liveSeries(), RANGE);
    const parsed = parseTopology(liveYaml());
    if (!parsed.ok) throw new Error('scenario topology does not parse');
    topology = parsed.topology;
    client = new PrometheusClient({ url: prom.url });
    usage = await collectUsage(topology, resolveSettings(undefined, { url: prom.url })!, client, NOW);
  }, 120_000);
  afterAll(async () => prom?.stop());

  it('asks one query per resource for the whole topology', () => {
    expect(usage.failure).toBeUndefined();
    expect(usage.queries).toBe(3);
    expect(client.queries).toBe(3);
    expect(usage.window).toBe('7d');
    expect(usage.step).toBe('5m');
  });

  it('steady series: p50 to max close together', () => {
    const cpu = usage.nodes['sip-1']!.figures.cpu!;
    expect(cpu.p50).toBeCloseTo(0.55, 1);
    expect(cpu.max - cpu.p50).toBeLessThan(0.05);
    expect(cpu.points).toBeGreaterThan(2000);
    expect(usage.nodes['sip-1']!.figures.memory!.p95).toBeCloseTo(0.42, 1);
    expect(usage.nodes['sql-1']!.figures.io!.p95).toBeGreaterThan(0.9);
  });

  it('spiky series: the spikes show in max and p99, not in p50', () => {
    const cpu = usage.nodes['web-1']!.figures.cpu!;
    expect(cpu.p50).toBeCloseTo(0.31, 1);
    expect(cpu.max).toBeGreaterThan(0.4);
  });

  it('growing series: a forecast with its fit; steady ones have none', () => {
    const [trend] = usage.nodes['pbx-2']!.forecasts;
    expect(trend).toMatchObject({ resource: 'cpu', threshold: 0.8 });
    expect(trend!.perDay).toBeCloseTo(0.2 / 7, 2);
    expect(trend!.r2).toBeGreaterThan(0.9);
    expect(trend!.days).toBeGreaterThan(5);
    expect(trend!.days).toBeLessThan(15);
    expect(usage.nodes['sip-1']!.forecasts).toEqual([]);
  });

  it('missing node: reported with the selector that found nothing', () => {
    expect(usage.nodes['worker-3']).toBeUndefined();
    expect(usage.missing).toContainEqual({
      node: 'worker-3',
      selector: '{instance=~"(?i:worker-3[.]int[.]example[.]com)(?::[0-9]+)?"}',
      resources: ['cpu', 'memory', 'io'],
    });
    expect(usage.missing.find((m) => m.node === 'worker-2')?.resources).toEqual(['io']);
  });
});

describe.skipIf(missing !== undefined)(
  'the CLI with --prometheus against a real Prometheus',
  { timeout: 60_000 },
  () => {
    let prom: LocalPrometheus;
    let file: string;
    const at = NOW.toISOString();
    const cli = (...args: string[]) => runCli([...args, '--prometheus', prom.url, '--at', at]);

    beforeAll(async () => {
      prom = await LocalPrometheus.start(liveSeries(), RANGE);
      file = join(prom.dir, 'live.yaml');
      writeFileSync(file, liveYaml());
    }, 120_000);
    afterAll(async () => prom?.stop());

    it('check: live SIZE003/SIZE004 findings, the rest of the check as usual', async () => {
      const run = await cli('check', file, '--format', 'json');
      const findings = (JSON.parse(run.stdout) as CheckResult).findings;
      const size = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => `${f.node}: ${f.message}`);
      expect(size('SIZE003').join('\n')).toMatch(
        /worker-1: node worker-1 runs at 8\d % cpu \(p95 over 7d\); add worker nodes/,
      );
      expect(size('SIZE003').join('\n')).toMatch(/sql-1: node sql-1 runs at 9\d % io \(p95 over 7d\)/);
      expect(size('SIZE003').join('\n')).toMatch(
        /pbx-2: pbx-2 cpu p95 reaches 80 % in about \d+ days at the current growth/,
      );
      expect(size('SIZE004')).toContain(
        `worker-3: node worker-3 has no series at ${prom.url}: {instance=~"(?i:worker-3[.]int[.]example[.]com)(?::[0-9]+)?"} found nothing`,
      );
      expect(run.code).toBe(0);
    });

    it('check --explain: the PromQL, window and step behind each live figure', async () => {
      const run = await cli('check', file, '--explain');
      expect(run.stderr).toContain(
        'window 7d ending 2026-11-20T00:00:00.000Z, step 5m, one range query per resource (3 sent)',
      );
      expect(run.stderr).toContain('worker-1 cpu = ');
      expect(run.stderr).toContain(
        'round(1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle",instance=~"(?i:worker-1[.]int[.]example[.]com)(?::[0-9]+)?"}[5m])), 0.0001)',
      );
    });

    it('sizing: figures per node, three queries for the whole topology', async () => {
      const report = JSON.parse((await cli('sizing', file, '--format', 'json')).stdout) as SizingReport;
      expect(report.monitoring).toMatchObject({
        endpoint: prom.url,
        window: '7d',
        step: '5m',
        queries: 3,
        percentile: 'p95',
      });
      const sip = report.nodes.find((n) => n.node === 'sip-1')!;
      expect(sip.figures!.cpu!.p50).toBeCloseTo(0.55, 1);
      const worker = report.nodes.find((n) => n.node === 'worker-1')!;
      expect(worker.advice.join(' ')).toMatch(/busy \(cpu 8\d % p95 over 7d\): add worker nodes/);
      expect(report.nodes.find((n) => n.node === 'pbx-2')!.forecasts![0]).toMatch(/reaches 80 % in about/);
      const text = (await cli('sizing', file, '--window', '3d')).stdout;
      expect(text).toContain(`Live figures: ${prom.url}, p95 over 3d (step 3m, 3 queries)`);
      expect(text).toMatch(/cpu: p50 \d+ % · p95 \d+ % · p99 \d+ % · max \d+ %/);
    });

    it('sizing --chart: the utilisation chart as PNG, or SVG by extension', async () => {
      const png = join(prom.dir, 'chart.png');
      const run = await cli('sizing', file, '--chart', png);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/^voipnow: wrote .*chart\.png \(png, 2000×\d+ px, 8 of 16 nodes\)$/m);
      expect(decodePng(readFileSync(png)).width).toBe(2000);
      if (process.env.CHART_PNG) writeFileSync(process.env.CHART_PNG, readFileSync(png));
      const svgFile = join(prom.dir, 'chart.svg');
      expect((await cli('sizing', file, '--chart', svgFile)).code).toBe(0);
      const svg = readFileSync(svgFile, 'utf8');
      // A week at a 5-minute step: 240 buckets of 42 minutes, one series per node in each panel.
      expect(svg).toContain('busiest point per 42m');
      expect(svg.match(/class="series" data-node="sql-1"/g)).toHaveLength(3);
      expect(svg.match(/class="threshold"/g)).toHaveLength(6);
      const none = await runCli(['sizing', file, '--chart', svgFile]);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('--chart needs live figures');
    });

    it('whatif: the lost load moves onto the survivors, before → after', async () => {
      const worker = JSON.parse((await cli('whatif', file, 'what if worker-1 fails', '--format', 'json')).stdout);
      const impact = worker.impacts.find((i: { role: string }) => i.role === 'worker');
      expect(impact.level).toBe('degraded');
      const w2 = impact.capacity.survivors.find(
        (s: { node: string; resource: string }) => s.node === 'worker-2' && s.resource === 'cpu',
      );
      expect(w2.before).toBeCloseTo(0.62, 1);
      expect(w2.after).toBeGreaterThan(1);
      const sip = (await cli('whatif', file, 'what if sip-1 fails')).stdout;
      expect(sip).toMatch(/TOTAL +sip/);
      expect(sip).toMatch(/load: sip-2 cpu 5\d % → 1\d\d % OVER \(p95 over 7d\)/);
      const pbx = JSON.parse((await cli('whatif', file, 'what if pbx-1 fails', '--format', 'json')).stdout);
      const p = pbx.impacts[0];
      const over = p.capacity.survivors.some((s: { after: number }) => s.after > 1);
      expect(p.level).toBe(over ? 'total' : 'partial');
      expect(p.capacity.survivors.map((s: { node: string }) => s.node)).toEqual(['pbx-2', 'pbx-2']);
    });

    it('resilience: one node of each role lost in turn, with every survivor’s load before → after', async () => {
      const report = JSON.parse((await cli('resilience', file, '--format', 'json')).stdout) as ResilienceReport;
      expect(report.live).toBe(true);
      const hit = (node: string, role: string) =>
        report.scenarios
          .find((s) => s.domain === 'node' && s.names[0] === node)!
          .rolesHit.find((r) => r.role === role)!;
      const load = (node: string, role: string) =>
        hit(node, role).capacity!.survivors.map((s) => ({
          survivor: `${s.node} ${s.resource}`,
          before: Math.round(s.before * 100),
          after: Math.round(s.after * 100),
          basis: s.basis,
        }));
      const basis = 'p95 over 7d';
      // worker-1 (87 %) is lost: its load spreads over worker-2 and worker-3 (no series, so not listed).
      expect(hit('worker-1', 'worker')).toMatchObject({ level: 'degraded', capacity: { overloaded: ['worker-2'] } });
      expect(load('worker-1', 'worker')).toEqual([
        { survivor: 'worker-2 cpu', before: 62, after: 106, basis },
        { survivor: 'worker-2 memory', before: 42, after: 63, basis },
      ]);
      expect(hit('sip-1', 'sip')).toMatchObject({ level: 'total', capacity: { overloaded: ['sip-2'] } });
      expect(load('sip-1', 'sip')).toEqual([
        { survivor: 'sip-2 cpu', before: 52, after: 109, basis },
        { survivor: 'sip-2 memory', before: 42, after: 84, basis },
      ]);
      expect(hit('pbx-1', 'pbx')).toMatchObject({ level: 'total', capacity: { overloaded: ['pbx-2'] } });
      expect(load('pbx-1', 'pbx')).toEqual([
        { survivor: 'pbx-2 cpu', before: 59, after: 101, basis },
        { survivor: 'pbx-2 memory', before: 42, after: 84, basis },
      ]);
      // web-2 carries web-1's load below 100 %: the balancers keep the portal up.
      expect(hit('web-1', 'web')).toMatchObject({ level: 'none', capacity: { overloaded: [] } });
      expect(load('web-1', 'web')).toEqual([
        { survivor: 'web-2 cpu', before: 27, after: 58, basis },
        { survivor: 'web-2 memory', before: 42, after: 84, basis },
      ]);
      // The same figures in the text a person reads, under each loss.
      const text = (await cli('resilience', file)).stdout;
      expect(text).toContain(
        [
          '  DEGRADED node worker-1: worker degraded',
          '           load: worker-2 cpu 62 % → 106 % OVER (p95 over 7d)',
          '           load: worker-2 memory 42 % → 63 % (p95 over 7d)',
        ].join('\n'),
      );
      expect(text).toContain(
        [
          '  TOTAL    node sip-1: sip total; customers hit 400 (100 %)',
          '           load: sip-2 cpu 52 % → 109 % OVER (p95 over 7d)',
          '           load: sip-2 memory 42 % → 84 % (p95 over 7d)',
        ].join('\n'),
      );
    });

    it('an unreachable endpoint is one finding; the check completes from the file', async () => {
      const closed = `http://127.0.0.1:${await freePort()}`;
      const run = await runCli(['check', file, '--format', 'json', '--prometheus', closed, '--at', at]);
      const findings = (JSON.parse(run.stdout) as CheckResult).findings;
      const failed = findings.filter((f) => f.messageId === 'endpointFailed');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.message).toBe(
        `monitoring endpoint ${closed} could not be read: ${closed} is unreachable (ECONNREFUSED); figures come from the file's metrics`,
      );
      // The rest of the check ran: the file's (absent) metrics are reported as such.
      expect(findings.map((f) => f.messageId).sort()).toEqual(['endpointFailed', 'noneMonitored']);
      expect(run.code).toBe(0);
    });

    it('credentials from the environment never reach the output, on success or failure', async () => {
      const env = { PROMETHEUS_BEARER_TOKEN: 'fake-token-live' };
      const closed = `http://127.0.0.1:${await freePort()}`;
      for (const url of [prom.url, closed])
        for (const command of [
          ['check', file, '--explain'],
          ['sizing', file, '--format', 'json', '--explain'],
          ['whatif', file, 'what if worker-1 fails', '--explain'],
          ['resilience', file, '--format', 'markdown', '--explain'],
        ]) {
          const run = await runCli([...command, '--prometheus', url, '--at', at], { env });
          expect(run.stdout + run.stderr).not.toContain('fake-token-live');
          expect(run.stdout.length).toBeGreaterThan(0);
        }
    });

    it('refuses an endpoint URL with credentials before sending anything', async () => {
      const run = await runCli(['check', file, '--prometheus', 'http://user:fake-secret@127.0.0.1:9']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--prometheus: credentials do not belong in the URL/);
      expect(run.stderr).not.toContain('fake-secret');
    });
  },
);

/**
 * `RECORD_FIXTURES=1 npx vitest run test/monitoring/live.test.ts` re-records the fast tier's
 * responses (test/monitoring/fixtures) from this Prometheus, at a 1-hour step to keep them small.
 */
describe.runIf(missing === undefined && process.env.RECORD_FIXTURES === '1')('recording fixtures', () => {
  it('records the three range queries of the scenario', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const prom = await LocalPrometheus.start(liveSeries(), RANGE);
    try {
      const parsed = parseTopology(liveYaml());
      if (!parsed.ok) throw new Error('scenario topology does not parse');
      const settings = resolveSettings({ step: '1h' }, { url: prom.url })!;
      const usage = await collectUsage(parsed.topology, settings, new PrometheusClient({ url: prom.url }), NOW);
      mkdirSync('test/monitoring/fixtures', { recursive: true });
      for (const e of usage.explain) {
        const body = new URLSearchParams({
          query: e.promql,
          start: String(RANGE.end - settings.windowSeconds),
          end: String(RANGE.end),
          step: String(settings.stepSeconds),
        });
        const res = await fetch(`${prom.url}/api/v1/query_range`, { method: 'POST', body });
        writeFileSync(`test/monitoring/fixtures/query-range-${e.resource}.json`, await res.text());
      }
    } finally {
      await prom.stop();
    }
  }, 120_000);
});
