import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordPort, type RecordedMessage } from '../../adapters/record/port.js';
import { chatJob } from '../support/chat-job.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { changingSeries, liveYaml, NOW, NOW2, TWO_WEEKS } from '../support/monitoring-scenario.js';
import { LocalPrometheus, prometheusMissing } from '../support/prometheus.js';
import { waitUntil } from '../support/redis.js';

const missing = prometheusMissing();
const TENANT = 'test:TLIVE';

/**
 * A scheduled audit of a stored topology whose tenant set `config prometheus URL`: the live
 * findings arrive as new when the endpoint is set, and leave as resolved when the series change
 * (the audit's clock moves from the first generated week to the second).
 */
describe.skipIf(missing !== undefined)('scheduled audits with live figures', { timeout: 120_000 }, () => {
  let prom: LocalPrometheus;
  let rt: ChatRuntime;
  let record: RecordPort;
  let now = NOW;

  beforeAll(async () => {
    prom = await LocalPrometheus.start(changingSeries(), TWO_WEEKS);
    rt = await startChatRuntime(
      'aud-live',
      (redis, name) => {
        record = new RecordPort(redis, `${name}:rec`);
        return new Map([['test', record]]);
      },
      // One run at a time: a run never commits figures of a clock the next run has moved past.
      { audits: { concurrency: 1, worker: { now: () => now, env: { PROMETHEUS_BEARER_TOKEN: 'fake-token' } } } },
    );
  }, 120_000);
  afterAll(async () => {
    await rt?.stop();
    await prom?.stop();
  });

  let n = 0;
  async function say(text: string, content?: string): Promise<void> {
    const { jobId } = await rt.producer.enqueue(
      chatJob(text, `req-${++n}-${Math.random()}`, content ? { name: 'live.yaml', content } : undefined, TENANT),
    );
    await waitUntil(
      async () => ['completed', 'failed'].includes(await rt.queue.getJobState(jobId)),
      30_000,
      `job for "${text}"`,
    );
  }
  const posts = async () => (await record.messages()).filter((m) => m.kind === 'parent' && m.key?.startsWith('audit:'));
  /** The audit's headline and everything posted in its thread. */
  async function posted(index: number): Promise<{ headline: string; thread: string }> {
    await waitUntil(async () => (await posts()).length > index, 60_000, `audit post ${index + 1}`);
    const parent = (await posts())[index]!;
    const inThread = async () =>
      (await record.messages()).filter((m: RecordedMessage) => m.thread === parent.id && m.kind === 'message');
    await waitUntil(async () => (await inThread()).length > 0, 30_000, 'details in the thread');
    return { headline: parent.text, thread: (await inThread()).map((m) => m.text).join('\n') };
  }

  it('reports monitoring findings as new, then as resolved when the series change', async () => {
    await say('topology save live', liveYaml());
    // Quiet: only runs that change something post, so each post below is one step of the story.
    await say('audit schedule live every 1s quiet');
    const first = await posted(0);
    expect(first.headline).toBe('🔎 Audit of live v1: ✅ 0 errors, 0 warnings, 1 info · first audit: 1 finding(s)');
    expect(first.thread).toContain('SIZE004 no node carries metrics (17 nodes)');

    await say(`config prometheus ${prom.url}`);
    const fresh = await posted(1);
    const selector = (node: string) => `{instance=~"(?i:${node}[.]int[.]example[.]com)(?::[0-9]+)?"}`;
    expect(fresh.headline).toBe('🔎 Audit of live v1: ⚠️ 0 errors, 1 warning, 4 info · 5 new, 1 resolved, 0 unchanged');
    expect(fresh.thread).toContain(
      [
        'New: warnings (1)',
        '  • SIZE003 node sql-1 runs at 94 % io (p95 over 7d); add a SQL slave (0 of 4 in this shard) to offload reads',
        '',
        'New: info (4)',
        '  • SIZE003 pbx-2 cpu p95 reaches 80 % in about 7 days at the current growth (now 60 %, +2.9 points a day, R² 1); add PBX nodes',
        '  • SIZE003 node worker-1 runs at 87 % cpu (p95 over 7d); add worker nodes',
        `  • SIZE004 node worker-2 has no io series at ${prom.url}: ${selector('worker-2')} found nothing for it`,
        `  • SIZE004 node worker-3 has no series at ${prom.url}: ${selector('worker-3')} found nothing`,
        '',
        'Resolved: info (1)',
        '  • SIZE004 no node carries metrics (17 nodes); monitoring data is what tells you when to add nodes or scale up',
      ].join('\n'),
    );

    // A week later every node runs quietly and every exporter reports: the live findings resolve.
    now = NOW2;
    const resolved = await posted(2);
    expect(resolved.headline).toBe(
      '🔎 Audit of live v1: ✅ 0 errors, 0 warnings, 0 info · 0 new, 5 resolved, 0 unchanged',
    );
    expect(resolved.thread).not.toContain('New:');
    expect(resolved.thread).toContain(
      [
        'Resolved: warnings (1)',
        '  • SIZE003 node sql-1 runs at 94 % io (p95 over 7d); add a SQL slave (0 of 4 in this shard) to offload reads',
        '',
        'Resolved: info (4)',
        '  • SIZE003 pbx-2 cpu p95 reaches 80 % in about 7 days at the current growth (now 60 %, +2.9 points a day, R² 1); add PBX nodes',
        '  • SIZE003 node worker-1 runs at 87 % cpu (p95 over 7d); add worker nodes',
        `  • SIZE004 node worker-2 has no io series at ${prom.url}: ${selector('worker-2')} found nothing for it`,
        `  • SIZE004 node worker-3 has no series at ${prom.url}: ${selector('worker-3')} found nothing`,
      ].join('\n'),
    );
    const all = JSON.stringify(await record.messages());
    expect(all).not.toContain('fake-token');
  });
});
