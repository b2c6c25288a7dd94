import { Redis } from 'ioredis';
import { timeText } from '../../src/reply/time.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../commands/execute.js';
import { parseInvocation } from '../../commands/invocation.js';
import type { ChatJob } from '../../src/queue/job.js';
import { TopologyStore } from '../../src/store/topology-store.js';
import { LocalPrometheus, prometheusMissing } from '../support/prometheus.js';
import { liveSeries, liveYaml, NOW, RANGE } from '../support/monitoring-scenario.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

const missing = prometheusMissing();

function job(text: string, options: { content?: string; admin?: boolean } = {}): ChatJob {
  const attachment = options.content ? { name: 'live.yaml', content: options.content } : undefined;
  const inv = parseInvocation(text, attachment);
  return {
    requestId: uniqueName('req'),
    target: { platform: 'test', tenant: 'slack:TLIVE', channel: 'C1', requester: 'U1' },
    command: inv.command,
    input: inv.input,
    ...(inv.attachment ? { attachment: inv.attachment } : {}),
    pending: inv.pending,
    receivedAt: Date.now(),
    admin: options.admin ?? true,
    adminHint: 'members of @infra-admins',
  };
}

describe.skipIf(missing !== undefined)(
  'chat: config prometheus, then live checks, sizing and what-if',
  { timeout: 60_000 },
  () => {
    let prom: LocalPrometheus;
    let redis: Redis;
    let prefix: string;
    let execute: ReturnType<typeof createExecutor>;

    beforeAll(async () => {
      prom = await LocalPrometheus.start(liveSeries(), RANGE);
      redis = new Redis(await testRedisUrl());
      prefix = uniqueName('live');
      execute = createExecutor({
        store: new TopologyStore(redis, prefix, { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 }),
        maxBytes: 1 << 20,
        today: () => '2026-11-20',
        now: () => NOW,
        env: { PROMETHEUS_BEARER_TOKEN: 'fake-token' },
      });
      await execute(job('topology save live', { content: liveYaml() }));
    }, 120_000);
    afterAll(async () => {
      await prom?.stop();
      await deleteKeys(redis, `${prefix}:*`);
      await redis.quit();
    });

    it('only an admin sets the endpoint; a URL with credentials is refused without echoing it', async () => {
      const refused = await execute(job(`config prometheus ${prom.url}`, { admin: false }));
      expect(refused.summary).toBe('🚫 Only members of @infra-admins may change the monitoring endpoint.');
      const secret = await execute(job('config prometheus https://u:fake-secret@prom.example.com'));
      expect(secret.summary).toMatch(/not saved: credentials do not belong in the URL/);
      expect(JSON.stringify(secret)).not.toContain('fake-secret');
      const set = await execute(job(`config prometheus ${prom.url}`));
      // The refusals saved nothing: this is the tenant's first configuration.
      expect(set.summary).toBe(
        `📈 Checks, sizing, what-if and audits now read live figures from ${prom.url} (configuration v1)`,
      );
      const shown = await execute(job('config show'));
      expect(shown.summary).toBe(`⚙️ Configuration v1, set by U1 ${timeText(NOW)}`);
      expect(shown.fields).toEqual([
        { label: 'Rules changed', value: 'none' },
        { label: 'Policies', value: 'none' },
        { label: 'Server configuration', value: 'none' },
        { label: 'Monitoring (Prometheus)', value: prom.url },
      ]);
      expect(JSON.stringify(shown)).not.toContain('fake-token');
    });

    it('check reads the live figures and offers the why', async () => {
      const reply = await execute(job('check live'));
      const items = reply.sections!.flatMap((s) => s.items.map((i) => i.text));
      expect(items.some((t) => /^SIZE003 node worker-1 runs at 8\d % cpu \(p95 over 7d\)/.test(t))).toBe(true);
      expect(items.some((t) => t.startsWith('SIZE004 node worker-3 has no series at'))).toBe(true);
      expect(reply.actions).toContainEqual({ label: 'Why? (live figures)', command: 'sizing live why' });
      expect(JSON.stringify(reply)).not.toContain('fake-token');
    });

    it('sizing shows figures; "why" shows the PromQL, window and step', async () => {
      const reply = await execute(job('sizing live'));
      expect(reply.fields).toContainEqual({ label: 'Live figures', value: `${prom.url}, p95 over 7d` });
      const sip = reply.sections![0]!.items.find((i) => i.text.startsWith('sip-1'))!;
      expect(sip.detail).toMatch(/cpu p50 5\d % \/ p95 5\d % \/ p99 \d+ % \/ max \d+ %/);
      expect(reply.actions).toContainEqual({ label: 'Why?', command: 'sizing live why' });
      const why = await execute(job('sizing live why'));
      const code = why.code![0]!.text;
      expect(code).toContain(
        'p95 over 7d ending 2026-11-20T00:00:00.000Z, step 5m, one range query per resource (3 sent)',
      );
      expect(code).toContain(
        'sip-1 cpu: round(1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle",instance=~"(?i:sip-1[.]int[.]example[.]com)(?::[0-9]+)?"}[5m])), 0.0001)',
      );
    });

    it('what-if moves the lost load onto the survivors', async () => {
      const reply = await execute(job('whatif what if worker-1 fails on live'));
      const worker = reply.sections!.find((s) => s.heading.includes('worker'))!;
      expect(worker.heading).toMatch(/worker: degraded/);
      expect(worker.items.some((i) => /^Load: worker-2 cpu \d+ % → 1\d\d % OVER \(p95 over 7d\)$/.test(i.text))).toBe(
        true,
      );
    });

    it('resilience reads the live figures: the survivors’ load under each loss', async () => {
      const reply = await execute(job('resilience live'));
      const worst = reply.sections!.find((s) => s.heading.startsWith('Worst losses'))!;
      expect(worst.items.find((i) => i.text === 'node worker-1: degraded')!.detail).toBe(
        'worker degraded; load: worker-2 cpu 62 % → 106 % OVER (p95 over 7d); load: worker-2 memory 42 % → 63 % (p95 over 7d)',
      );
      expect(worst.items.find((i) => i.text === 'node sip-1: total')!.detail).toBe(
        'sip total; customers hit 400 (100 %); load: sip-2 cpu 52 % → 109 % OVER (p95 over 7d); load: sip-2 memory 42 % → 84 % (p95 over 7d)',
      );
    });

    it('an endpoint that stops answering is one finding; the check completes', async () => {
      await execute(job('config prometheus http://127.0.0.1:1'));
      const reply = await execute(job('check live'));
      const items = reply.sections!.flatMap((s) => s.items.map((i) => i.text));
      expect(items.filter((t) => t.includes('could not be read'))).toHaveLength(1);
      expect(items.some((t) => t.startsWith('SIZE004 no node carries metrics'))).toBe(true);
      await execute(job(`config prometheus ${prom.url}`));
    });
  },
);
