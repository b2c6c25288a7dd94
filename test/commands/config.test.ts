import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../commands/execute.js';
import { parseInvocation } from '../../commands/invocation.js';
import { TenantAudits } from '../../src/audit/audit-store.js';
import { performAudit } from '../../src/audit/perform.js';
import type { ChatJob } from '../../src/queue/job.js';
import { TopologyStore } from '../../src/store/topology-store.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';
import { findNode, toYaml, topology } from '../support/topology.js';

let redis: Redis;
let prefix: string;
let store: TopologyStore;
let execute: (job: ChatJob) => ReturnType<ReturnType<typeof createExecutor>>;

beforeAll(async () => {
  redis = new Redis(await testRedisUrl());
  prefix = uniqueName('cfg');
  store = new TopologyStore(redis, prefix, { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 });
  execute = createExecutor({ store, maxBytes: 1 << 20, today: () => '2026-11-25' });
});
afterAll(async () => {
  await deleteKeys(redis, `${prefix}:*`);
  await redis.quit();
});

const NO_HA = toYaml(topology((t) => delete findNode(t, 'sql-1').ha));
const BUSY = toYaml(topology((t) => (findNode(t, 'web-1').metrics = { cpu: 0.87 })));

function job(
  text: string,
  options: { tenant?: string; admin?: boolean; file?: string; content?: string } = {},
): ChatJob {
  const attachment = options.file ? { name: options.file, content: options.content ?? '' } : undefined;
  const inv = parseInvocation(text, attachment);
  return {
    requestId: uniqueName('req'),
    target: { platform: 'test', tenant: options.tenant ?? 'slack:T1', channel: 'C1', requester: 'U-alice' },
    command: inv.command,
    input: inv.input,
    ...(inv.attachment ? { attachment: inv.attachment } : {}),
    pending: inv.pending,
    receivedAt: Date.now(),
    admin: options.admin ?? true,
    adminHint: 'members of @infra-admins',
  };
}

const texts = (reply: Awaited<ReturnType<typeof execute>>) =>
  (reply.sections ?? []).flatMap((s) => s.items.map((i) => i.text)).join('\n');

describe('chat configuration per tenant', () => {
  it('is admin-only to change, versioned with author and time, and applies to that tenant only', async () => {
    const refused = await execute(job('config set rule HA001 off', { admin: false }));
    expect(refused.summary).toMatch(/Only members of @infra-admins may change this team's configuration/);

    expect((await execute(job('config show'))).summary).toMatch(/Built-in defaults/);
    const saved = await execute(job('config set rule HA001 off'));
    expect(saved.summary).toBe('⚙️ Saved configuration v1: HA001 off');
    const v2 = await execute(job('config set SIZE003 warn 0.85'));
    expect(v2.summary).toBe('⚙️ Saved configuration v2: HA001 off; SIZE003 {"warning":0.85}');
    const shown = await execute(job('config show'));
    expect(shown.summary).toMatch(/^⚙️ Configuration v2, set by U-alice \u2063\d+\u2063$/);
    expect(shown.fields?.find((f) => f.label === 'Monitoring (Prometheus)')?.value).toBe('not set');

    const mine = await execute(job('check this', { file: 'a.yaml', content: NO_HA }));
    expect(texts(mine)).not.toMatch(/HA001/);
    const theirs = await execute(job('check this', { file: 'a.yaml', content: NO_HA, tenant: 'slack:T2' }));
    expect(texts(theirs)).toMatch(/HA001/);

    const busy = await execute(job('check this', { file: 'b.yaml', content: BUSY }));
    expect(
      busy.sections
        ?.find((s) => s.heading.startsWith('Warnings'))
        ?.items.map((i) => i.text)
        .join(),
    ).toMatch(/SIZE003/);
    expect((await execute(job('config history'))).sections![0]!.items).toHaveLength(2);
  });

  it('refuses what the engine would refuse, in one line', async () => {
    const tenant = 'slack:T3';
    expect((await execute(job('config set SIZE003 warn 7', { tenant }))).summary).toMatch(
      /Not saved: rules.SIZE003.options.warning: Too big/,
    );
    expect((await execute(job('config set NET006 colour 4', { tenant }))).summary).toMatch(
      /NET006 has no option "colour"; its options: factor/,
    );
    expect((await execute(job('config set ZZZ001 off', { tenant }))).summary).toMatch(/There is no rule ZZZ001/);
  });

  it('applies to audits of that tenant', async () => {
    const tenant = 'slack:T4';
    const topologies = store.forTenant(tenant);
    await topologies.save('prod', NO_HA, 'U1');
    const audits = new TenantAudits(redis, `${prefix}:audit:t4`, { maxAudits: 5, runTtlSeconds: 60 });
    const run = async (id: string) => {
      const out = await performAudit({
        topologies,
        audits,
        name: 'prod',
        auditId: 'a',
        runId: id,
        quiet: false,
        maxBytes: 1 << 20,
        today: '2026-11-25',
      });
      if (out === 'missing') throw new Error('missing');
      return out.run;
    };
    expect((await run('r1')).newFindings.map((f) => f.rule)).toContain('HA001');
    await execute(job('config set rule HA001 off', { tenant }));
    const second = await run('r2');
    expect(second.resolvedFindings.map((f) => f.rule)).toEqual(['HA001']);
  });
});
