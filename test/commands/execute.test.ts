import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../commands/execute.js';
import { parseInvocation } from '../../commands/invocation.js';
import type { ChatJob } from '../../src/queue/job.js';
import { TopologyStore, tenantHash } from '../../src/store/topology-store.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

const read = (f: string) => readFileSync(new URL(`../../examples/${f}`, import.meta.url), 'utf8');
let redis: Redis;
let prefix: string;
let execute: (job: ChatJob) => ReturnType<ReturnType<typeof createExecutor>>;

beforeAll(async () => {
  redis = new Redis(await testRedisUrl());
  prefix = uniqueName('exec');
  execute = createExecutor({
    store: new TopologyStore(redis, prefix, { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 }),
    maxBytes: 1 << 20,
    today: () => '2026-11-25',
  });
});
afterAll(async () => {
  await deleteKeys(redis, `${prefix}:*`);
  await redis.quit();
});

function job(
  text: string,
  options: { file?: string; content?: string; tenant?: string; admin?: boolean } = {},
): ChatJob {
  const attachment = options.file ? { name: options.file, content: options.content ?? read(options.file) } : undefined;
  const inv = parseInvocation(text, attachment);
  return {
    requestId: uniqueName('req'),
    target: { platform: 'test', tenant: options.tenant ?? 'slack:T1', channel: 'C1', requester: 'U1' },
    command: inv.command,
    input: inv.input,
    ...(inv.attachment ? { attachment: inv.attachment } : {}),
    pending: inv.pending,
    receivedAt: Date.now(),
    admin: options.admin ?? true,
    adminHint: 'members of @infra-admins',
  };
}

describe('commands run in the worker', () => {
  it('check of an attached file', async () => {
    const reply = await execute(job('check this', { file: 'broken/counts.yaml' }));
    expect(reply.verdict).toBe('fail');
    expect(reply.summary).toMatch(/^❌ broken-counts: \d+ errors/);
    expect(reply.sections?.[0]?.heading).toMatch(/^Errors/);
  });

  it('saving and checking a stored topology use the previous version as baseline (lifetime rules apply)', async () => {
    await execute(job('topology save lifetime', { file: 'broken/lifetime-baseline.yaml' }));
    const saved = await execute(job('topology save lifetime', { file: 'broken/lifetime.yaml' }));
    expect(saved.title).toBe('Saved lifetime v2');
    const items = saved.sections!.flatMap((s) => s.items.map((i) => i.text));
    expect(items.some((t) => t.startsWith('LIFE001'))).toBe(true);
    const checked = await execute(job('is lifetime ok?'));
    expect(checked.fields).toEqual([{ label: 'Baseline', value: 'lifetime v1' }]);
    expect(checked.sections!.flatMap((s) => s.items.map((i) => i.text)).some((t) => t.startsWith('LIFE002'))).toBe(
      true,
    );
  });

  it('"check NAME as file" attaches the findings report; the button offers it', async () => {
    const plain = await execute(job('check lifetime'));
    expect(plain.actions?.map((a) => a.command)).toContain('check lifetime as file');
    const withFile = await execute(job('check lifetime as file'));
    expect(withFile.files?.[0]).toMatchObject({ filename: 'broken-lifetime-findings.md', type: 'text/markdown' });
    expect(withFile.files?.[0]?.content).toContain('| `LIFE001` |');
  });

  it('diff shows nodes and findings new and resolved', async () => {
    const reply = await execute(job('diff lifetime'));
    expect(reply.title).toBe('lifetime: v1 → v2');
    const text = JSON.stringify(reply);
    expect(text).toContain('+ ddb-4 (distributed-db)');
    expect(text).toContain('− sip-2 (sip)');
    expect(text).toMatch(/New: Errors/);
  });

  it('whatif on a stored topology, and a clear answer for a question it cannot read', async () => {
    await execute(job('topology save', { file: 'medium.yaml' }));
    const reply = await execute(job('what happens if PBX fails on regional-eu?'));
    expect(reply.summary).toMatch(/PARTIAL/);
    const bad = await execute(job('whatif the moon falls on regional-eu'));
    expect(bad.verdict).toBe('error');
    expect(bad.text).toMatch(/Try: "what happens if PBX fails"/);
    const mid = await execute(job('if the sql master goes down on regional-eu, what breaks?'));
    expect(mid.summary).toMatch(/TOTAL/);
    expect(JSON.stringify(mid.fields)).toContain('the only sql-master node: sql-1');
    const typo = await execute(job('whatif sip-9 dies on regional-eu'));
    expect(typo.text).toMatch(/Did you mean: "node sip-1"/);
  });

  it('resilience of a stored topology: a verdict per failure domain, worst losses first', async () => {
    await execute(job('topology save', { file: 'medium.yaml' }));
    const reply = await execute(job('resilience for regional-eu'));
    expect(reply.verdict).toBe('fail');
    expect(reply.summary).toMatch(/regional-eu: 4 of 4 failure domains are not survived|3 of 4/);
    const domains = reply.sections![0]!.items.map((i) => i.text);
    expect(domains).toContain('survives any single host: no — host hv-11 takes sql-1: total');
    expect(reply.sections![1]!.items[0]!.text).toMatch(/: total$/);
  });

  it('saving and deleting need the admin permission; the refusal says who may', async () => {
    const refused = await execute(job('topology delete regional-eu', { admin: false }));
    expect(refused).toMatchObject({
      verdict: 'error',
      summary: '🚫 Only members of @infra-admins may delete topologies.',
    });
    expect((await execute(job('topology save', { file: 'medium.yaml', admin: false }))).verdict).toBe('error');
    expect((await execute(job('check regional-eu', { admin: false }))).verdict).not.toBe('error');
  });

  it('a stored version that no longer parses is shown as unreadable in history and refused in one line', async () => {
    const tenant = 'slack:T9';
    await execute(job('topology save', { file: 'medium.yaml', tenant }));
    await execute(job('topology save', { file: 'medium.yaml', tenant }));
    const key = `${TopologyStore.keyPrefix(prefix)}${tenantHash(tenant)}:t:regional-eu:versions`;
    await redis.hset(key, '2', '{"author": 3}');
    const history = await execute(job('topology history regional-eu', { tenant }));
    expect(history.sections![0]!.items.map((i) => i.text)).toEqual(['v2: ⚠️ unreadable, kept', 'v1 by U1']);
    const show = await execute(job('topology show regional-eu', { tenant }));
    expect(show.verdict).toBe('error');
    expect(show.summary).toMatch(/regional-eu v2 is stored but this release cannot read it \(author: .*\); it is kept/);
    expect(await redis.hlen(key)).toBe(2);
  });

  it('another tenant sees none of it', async () => {
    const other = await execute(job('check regional-eu', { tenant: 'slack:T2' }));
    expect(other.summary).toMatch(/no topology named "regional-eu"/);
    expect((await execute(job('topology list', { tenant: 'slack:T2' }))).summary).toBe('📚 0 stored topologies');
  });

  it('an invalid topology is refused with its SCH findings and not saved', async () => {
    const reply = await execute(job('topology save junk', { file: 'broken/schema.yaml' }));
    expect(reply.title).toBe('Not saved: the topology is not valid');
    expect((await execute(job('topology list'))).sections![0]!.items.map((i) => i.text)).not.toContain('junk (v1)');
  });

  it('a job whose input does not fit its command gets help, not an exception', async () => {
    const reply = await execute({ ...job('check prod'), input: { name: 42 } });
    expect(reply.verdict).toBe('error');
    expect(reply.sections!.length).toBeGreaterThan(3);
  });
});
