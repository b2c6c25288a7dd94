import { REST } from '@discordjs/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordPort } from '../../adapters/discord/port.js';
import { parseInvocation } from '../../commands/invocation.js';
import { auditIdFor } from '../../src/audit/audit-spec.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { FakeDiscordRest } from '../support/fake-discord.js';
import { MEDIUM } from '../support/chaos.js';
import { waitUntil } from '../support/redis.js';

let fake: FakeDiscordRest;
let runtime: ChatRuntime;
const GUILD = '300000000000000001';
const FOREIGN = '400000000000000055';
const tenant = `discord:${GUILD}`;

beforeAll(async () => {
  fake = await FakeDiscordRest.start();
  fake.channelGuilds.set(FOREIGN, '400000000000000001');
  runtime = await startChatRuntime(
    'dtenancy',
    () =>
      new Map([
        ['discord', new DiscordPort(new REST({ api: fake.apiUrl, version: '10' }).setToken('fake-discord-token'))],
      ]),
    { audits: { minIntervalMs: 500 } },
  );
  await runtime.store.forTenant(tenant).save('prod', MEDIUM, 'admin');
});
afterAll(async () => {
  await runtime.stop();
  await fake.close();
});

async function ask(text: string, requestId: string, channel = '300000000000000010') {
  const inv = parseInvocation(text);
  await runtime.producer.enqueue({
    requestId,
    target: { platform: 'discord', tenant, channel, requester: 'U1' },
    command: inv.command,
    input: inv.input,
    pending: inv.pending,
    receivedAt: Date.now(),
    admin: true,
  });
  await waitUntil(
    // A short answer is one message; a long one edits its parent when the thread is done.
    () =>
      fake.timeline.some(
        (e) => e.kind !== 'file' && e.channel === channel && e.text !== '' && !e.text.startsWith('⏳'),
      ),
    20_000,
    'an answer',
  );
  return fake.timeline.filter((e) => e.channel === channel).at(-1)!.text;
}

describe('Discord: audits post only to the asking server’s channels', () => {
  it('scheduling into another server’s channel is refused, saying why', async () => {
    const text = await ask(`audit schedule prod every 1s in <#${FOREIGN}>`, 'dt-1');
    expect(text).toMatch(/another server/);
    expect(await runtime.audits!.store.forTenant(tenant).list()).toHaveLength(0);
    expect(fake.messages.filter((m) => m.channel_id === FOREIGN)).toHaveLength(0);
  });

  it('a stored audit that names another server’s channel stops before posting there', async () => {
    const spec = {
      id: auditIdFor('prod', 'discord', FOREIGN),
      name: 'prod',
      platform: 'discord' as const,
      channel: FOREIGN,
      channelLabel: `<#${FOREIGN}>`,
      repeat: { every: 3_600_000 },
      scheduleText: 'every 1h',
      quiet: false,
      createdBy: 'U1',
      createdAt: new Date().toISOString(),
    };
    await runtime.audits!.store.forTenant(tenant).put(spec);
    await runtime.audits!.scheduler.upsert(tenant, spec);
    await waitUntil(
      async () => Boolean((await runtime.audits!.store.forTenant(tenant).get(spec.id))?.stopped),
      20_000,
      'the audit stopping',
    );
    const stopped = await runtime.audits!.store.forTenant(tenant).get(spec.id);
    expect(stopped!.stopped!.reason).toMatch(/another server/);
    expect(fake.messages.filter((m) => m.channel_id === FOREIGN)).toHaveLength(0);
  });
});
