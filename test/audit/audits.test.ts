import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordPort, type RecordedMessage } from '../../adapters/record/port.js';
import { AuditScheduler } from '../../src/audit/scheduler.js';
import { PermanentPortError, TransientPortError, type ReplyPort } from '../../src/reply/port.js';
import { chatJob } from '../support/chat-job.js';
import { startChatRuntime, type AuditRuntimeOptions, type ChatRuntime } from '../support/chat-runtime.js';
import { waitUntil } from '../support/redis.js';
import { cleanTopology, type Doc } from '../support/topology.js';

const TENANT = 'test:T1';
const clean = (): Doc => ({ ...cleanTopology(), name: 'prod' });
/** The clean topology with one distributed-db node exposed publicly: one NET003 warning. */
function exposed() {
  const doc = clean();
  doc.nodes = doc.nodes.map((n: { name: string }) => (n.name === 'ddb-1' ? { ...n, public: 'ddb-1.example.com' } : n));
  return doc;
}

const runtimes: ChatRuntime[] = [];

/**
 * Waits until the audit queue holds nothing that could still post: no job running or waiting, and
 * no delayed job beyond each schedule's next run (a retry would be one more). Then a count of posts
 * is final, without sleeping on the clock.
 */
async function settled(rt: ChatRuntime): Promise<void> {
  const queue = rt.audits!.scheduler.queue;
  await waitUntil(
    async () => {
      const c = await queue.getJobCounts('active', 'waiting', 'prioritized', 'delayed');
      const schedules = await queue.getJobSchedulersCount();
      return c.active === 0 && c.waiting === 0 && c.prioritized === 0 && (c.delayed ?? 0) <= schedules;
    },
    15_000,
    'audit queue settled',
  );
}
afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.stop();
});

async function setup(options: AuditRuntimeOptions & { wrap?: (port: RecordPort) => ReplyPort } = {}) {
  let record!: RecordPort;
  const rt = await startChatRuntime(
    'aud',
    (redis, name) => {
      record = new RecordPort(redis, `${name}:rec`);
      return new Map([['test', options.wrap ? options.wrap(record) : record]]);
    },
    { audits: options },
  );
  runtimes.push(rt);
  let n = 0;
  /** Sends a chat line as the loopback platform would and waits for its job to finish. */
  const say = async (text: string, file?: object, tenant = TENANT) => {
    const { jobId } = await rt.producer.enqueue(
      chatJob(
        text,
        `req-${++n}-${Math.random()}`,
        file ? { name: 'prod.yaml', content: stringify(file) } : undefined,
        tenant,
      ),
    );
    await waitUntil(
      async () => ['completed', 'failed'].includes(await rt.queue.getJobState(jobId)),
      10_000,
      `job for "${text}"`,
    );
    const all = await record.messages();
    return all.filter((m) => m.key?.startsWith(`req-`) || m.kind === 'update');
  };
  const audits = async () =>
    (await record.messages()).filter((m) => m.kind === 'parent' && m.key?.startsWith('audit:'));
  const lastText = async () => {
    const all = await record.messages();
    return all
      .filter((m) => m.kind !== 'parent' || !m.key?.startsWith('audit:'))
      .map((m) => m.text)
      .join('\n');
  };
  return { rt, record: () => record, say, audits, lastText };
}

function texts(messages: RecordedMessage[]): string {
  return messages.map((m) => m.text).join('\n');
}

describe('audit commands', () => {
  it('schedules, lists and cancels; the schedule is a BullMQ job scheduler', async () => {
    const { rt, say, lastText } = await setup();
    await say('topology save prod', clean());
    await say('audit schedule prod 0 9 * * 1-5 tz Europe/Bucharest quiet');
    const out = await lastText();
    expect(out).toMatch(/Scheduled audit prod-[0-9a-f]{6}: prod, `0 9 \* \* 1-5` \(Europe\/Bucharest\) in #C1, quiet/);
    const id = /audit (prod-[0-9a-f]{6})/.exec(out)![1]!;
    const scheduler = await rt.audits!.scheduler.queue.getJobScheduler(AuditScheduler.schedulerId(TENANT, id));
    expect(scheduler).toMatchObject({ pattern: '0 9 * * 1-5', tz: 'Europe/Bucharest' });
    expect(new Date(scheduler!.next!).getUTCHours()).toBe(7); // 9:00 in Bucharest in winter

    await say('audit list');
    expect(await lastText()).toContain(`${id}: prod, \`0 9 * * 1-5\` (Europe/Bucharest) in #C1, quiet`);
    // Another tenant sees none of it and cannot cancel it.
    await say('audit list', undefined, 'test:OTHER');
    expect(await lastText()).toContain('0 scheduled audit(s)');
    await say(`audit cancel ${id}`, undefined, 'test:OTHER');
    expect(await lastText()).toContain(`No audit with the id "${id}" here`);
    expect(await rt.audits!.scheduler.queue.getJobScheduler(AuditScheduler.schedulerId(TENANT, id))).toBeDefined();

    await say(`audit cancel ${id}`);
    expect(await lastText()).toContain(`Cancelled audit ${id}`);
    expect(await rt.audits!.scheduler.queue.getJobScheduler(AuditScheduler.schedulerId(TENANT, id))).toBeUndefined();
    expect(await rt.audits!.scheduler.queue.getJobSchedulersCount()).toBe(0);
  });

  it.each([
    ['audit schedule prod 61 9 * * *', /not a valid cron pattern.*Examples: `0 9 \* \* 1-5`/s],
    ['audit schedule prod 0 9 * *', /needs 5 fields.*Example: `audit schedule prod 0 9 \* \* 1-5/s],
    ['audit schedule prod 0 9 * * * tz Mars/Olympus', /"Mars\/Olympus" is not a time zone.*tz Europe\/Bucharest/s],
    ['audit schedule prod every 5 fortnights', /not an interval I understand.*every 30m/s],
    ['audit schedule prod', /schedule is missing/],
    ['audit schedule ghost 0 9 * * *', /No topology named "ghost" here; save it first/],
  ])('"%s" gets a clear error with an example', async (line, expected) => {
    const { say, lastText, rt } = await setup();
    await say('topology save prod', clean());
    await say(line);
    expect(await lastText()).toMatch(expected);
    expect(await rt.audits!.scheduler.queue.getJobSchedulersCount()).toBe(0);
  });

  it('refuses schedules that fire too often, and scheduling without the admin permission', async () => {
    const { rt, say, lastText } = await setup({ minIntervalMs: 120_000 });
    await say('topology save prod', clean());
    await say('audit schedule prod * * * * *');
    expect(await lastText()).toContain('would run more often than once every 2 minute(s)');
    const job = chatJob('audit schedule prod 0 9 * * *', 'not-admin', undefined, TENANT);
    await rt.producer.enqueue({ ...job, admin: false, adminHint: 'members of @infra' });
    await waitUntil(
      async () => (await lastTextOf(rt)).includes('Only members of @infra may schedule audits'),
      10_000,
      'refusal',
    );
    expect(await rt.audits!.scheduler.queue.getJobSchedulersCount()).toBe(0);
  });
});

async function lastTextOf(rt: ChatRuntime): Promise<string> {
  return texts(await (rt.ports.get('test') as RecordPort).messages());
}

describe('audit runs', () => {
  it('posts the verdict, then what is new and resolved across versions; quiet audits post only changes', async () => {
    const { rt, say, audits, record } = await setup();
    await say('topology save prod', clean());
    await say('audit schedule prod every 1s quiet');
    // Quiet: a clean first audit and further ticks with nothing changed post nothing.
    const id = (await rt.audits!.store.forTenant(TENANT).list())[0]!.id;
    await waitUntil(
      async () => (await rt.audits!.store.forTenant(TENANT).history('prod')).length >= 3,
      10_000,
      'three runs',
    );
    expect(await audits()).toHaveLength(0);
    expect((await rt.audits!.store.forTenant(TENANT).history('prod')).at(-1)).toMatchObject({
      first: true,
      post: false,
      verdict: 'pass',
    });

    await say('topology save prod', exposed());
    await waitUntil(async () => (await audits()).length >= 1, 10_000, 'audit of v2');
    const second = (await audits())[0]!;
    expect(second.text).toMatch(/Audit of prod v2: ⚠️ 0 errors, 1 warning, 0 info · 1 new, 0 resolved, 0 unchanged/);
    const inThread = async () =>
      (await record().messages()).filter((m) => m.thread === second.id && m.kind === 'message');
    await waitUntil(async () => (await inThread()).length > 0, 5000, 'details in the thread');
    const thread = await inThread();
    expect(texts(thread)).toMatch(/New: warnings \(1\)[\s\S]*NET003/);
    expect(texts(thread)).toContain(`Baseline: prod v1`);
    expect(texts(thread)).toContain(`${id} (every 1s)`);

    await say('topology save prod', clean());
    await waitUntil(async () => (await audits()).length >= 2, 10_000, 'audit of v3');
    expect((await audits())[1]!.text).toMatch(
      /Audit of prod v3: ✅ 0 errors, 0 warnings, 0 info · 0 new, 1 resolved, 0 unchanged/,
    );

    const history = await rt.audits!.store.forTenant(TENANT).history('prod');
    expect(history.some((r) => !r.post)).toBe(true);
    await say('audit history prod');
    const out = texts(await record().messages());
    expect(out).toMatch(/prod: \d+ audit\(s\) kept/);
    expect(out).toContain('quiet, not posted');
  });

  it('audit run NAME answers in the thread now, and keeps at most 50 results', async () => {
    const { rt, say, lastText } = await setup();
    await say('topology save prod', clean());
    await say('topology save prod', exposed());
    await say('audit run prod');
    expect(await lastText()).toMatch(/Audit of prod v2: ⚠️ 0 errors, 1 warning, 0 info · first audit: 1 finding/);
    await say('audit prod');
    expect(await lastText()).toMatch(/no change since the last audit \(1 unchanged\)/);
    for (let i = 0; i < 55; i++)
      await rt
        .audits!.store.forTenant(TENANT)
        .commitRun(
          { ...(await rt.audits!.store.forTenant(TENANT).history('prod'))[0]!, runId: `r${i}` },
          { version: 2, findings: [] },
          await rt.audits!.store.forTenant(TENANT).state('prod', 'on request'),
        );
    expect(await rt.audits!.store.forTenant(TENANT).history('prod')).toHaveLength(50);
  });

  it('a deleted topology stops its schedule with one message, not an error loop', async () => {
    const { rt, say, audits, record } = await setup();
    await say('topology save prod', clean());
    await say('audit schedule prod every 1s');
    await waitUntil(async () => (await audits()).length >= 1, 10_000, 'first audit');
    await say('topology delete prod');
    await waitUntil(
      async () => (await record().messages()).some((m) => m.text.includes('has stopped')),
      10_000,
      'stop notice',
    );
    await settled(rt);
    const notices = (await record().messages()).filter((m) => m.text.includes('has stopped'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toMatch(/The audit prod-[0-9a-f]{6} of prod has stopped: the topology "prod" was deleted/);
    expect(await rt.audits!.scheduler.queue.getJobSchedulersCount()).toBe(0);
    await say('audit list');
    expect(texts(await record().messages())).toMatch(/stopped .*: the topology "prod" was deleted/);
  });

  it('a stored audit that no longer parses keeps its schedule, is listed as broken, and is never deleted', async () => {
    const { rt, say, record } = await setup();
    await say('topology save prod', clean());
    await say('audit schedule prod every 1s');
    const [spec] = await rt.audits!.store.forTenant(TENANT).list();
    // As a later release's schema change might leave it: the record is there but unreadable.
    const key = (await rt.redis.keys(`${rt.name}*specs*`))[0]!;
    await rt.redis.hset(key, spec!.id, JSON.stringify({ ...spec, repeat: 'hourly' }));
    const failed = async () => (await rt.audits!.scheduler.queue.getJobCounts('failed')).failed ?? 0;
    await waitUntil(async () => (await failed()) >= 2, 15_000, 'two runs refused');
    expect(await rt.audits!.scheduler.queue.getJobSchedulersCount()).toBe(1);
    expect(await rt.redis.hexists(key, spec!.id)).toBe(1);
    await say('audit list');
    expect(texts(await record().messages())).toMatch(new RegExp(`${spec!.id}: ⚠️ broken`));
    await say(`audit cancel ${spec!.id}`);
    expect(await rt.redis.hexists(key, spec!.id)).toBe(0);
    expect(await rt.audits!.scheduler.queue.getJobSchedulersCount()).toBe(0);
  });

  it('a channel the bot has left stops the schedule after one refusal', async () => {
    let refusals = 0;
    const { rt, say } = await setup({
      wrap: (port) =>
        Object.assign(Object.create(port) as RecordPort, {
          startThread: async (target: { channel: string }, text: string, key: string) => {
            if (key.startsWith('audit:')) {
              refusals++;
              throw new PermanentPortError('Slack refused: not_in_channel', true);
            }
            return port.startThread(target as never, text, key);
          },
        }),
    });
    await say('topology save prod', clean());
    await say('audit schedule prod every 1s');
    await waitUntil(
      async () => (await rt.audits!.store.forTenant(TENANT).list())[0]?.stopped !== undefined,
      10_000,
      'stopped',
    );
    await settled(rt);
    expect(refusals).toBe(1);
    expect(await rt.audits!.scheduler.queue.getJobSchedulersCount()).toBe(0);
    expect((await rt.audits!.store.forTenant(TENANT).list())[0]!.stopped!.reason).toContain('not_in_channel');
  });

  it('a platform outage while posting is retried until it lands, and the result is posted once', async () => {
    let failures = 0;
    const { say, audits, rt } = await setup({
      backoffMs: 50,
      wrap: (port) =>
        Object.assign(Object.create(port) as RecordPort, {
          startThread: async (target: never, text: string, key: string) => {
            if (key.startsWith('audit:') && failures < 4) {
              failures++;
              throw new TransientPortError('Slack answered 503');
            }
            return port.startThread(target, text, key);
          },
        }),
    });
    await say('topology save prod', clean());
    await say('audit schedule prod every 60s');
    await waitUntil(async () => (await audits()).length >= 1, 15_000, 'posted after the outage');
    await settled(rt);
    expect(failures).toBe(4);
    expect(await audits()).toHaveLength(1);
    expect(await rt.audits!.store.forTenant(TENANT).history('prod')).toHaveLength(1);
  });

  it('a run the outage outlasts expires instead of posting late', async () => {
    const { say, audits, rt } = await setup({
      backoffMs: 200,
      runExpiryMs: 600,
      wrap: (port) =>
        Object.assign(Object.create(port) as RecordPort, {
          startThread: async (target: never, text: string, key: string) => {
            if (key.startsWith('audit:')) throw new TransientPortError('Slack answered 503');
            return port.startThread(target, text, key);
          },
        }),
    });
    await say('topology save prod', clean());
    await say('audit schedule prod every 60s');
    const jobs = rt.audits!.scheduler.queue;
    await waitUntil(
      async () =>
        (await jobs.getCompleted()).some((j) => (j.returnvalue as { outcome?: string })?.outcome === 'expired'),
      15_000,
      'expired',
    );
    expect(await audits()).toHaveLength(0);
  });
});
