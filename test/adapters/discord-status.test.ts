import { readFileSync } from 'node:fs';
import { REST } from '@discordjs/rest';
import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordClient } from '../../adapters/discord/app.js';
import { DiscordPort } from '../../adapters/discord/port.js';
import type { AuditSpec } from '../../src/audit/audit-spec.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { FakeDiscordRest } from '../support/fake-discord.js';
import { waitUntil } from '../support/redis.js';

const medium = readFileSync(new URL('../../examples/medium.yaml', import.meta.url), 'utf8');
const small = readFileSync(new URL('../../examples/small.yaml', import.meta.url), 'utf8');
const ADMIN_ROLE = '800000000000000001';
let fake: FakeDiscordRest;
let runtime: ChatRuntime;
let client: Client;

const snowflake = (offset = 0) => String(((BigInt(Date.now()) - 1420070400000n) << 22n) + BigInt(offset));
let seq = 0;

beforeAll(async () => {
  fake = await FakeDiscordRest.start();
  runtime = await startChatRuntime(
    'discord-status',
    () =>
      new Map([
        ['discord', new DiscordPort(new REST({ api: fake.apiUrl, version: '10' }).setToken('fake-discord-token'))],
      ]),
    { audits: { minIntervalMs: 500 } },
  );
  const tenant = `discord:${fake.guild.id}`;
  await runtime.store.forTenant(tenant).save('prod', medium, '500000000000000001');
  const spec: AuditSpec = {
    id: 'prod-d00d00',
    name: 'prod',
    platform: 'discord',
    channel: fake.guild.channels[0]!.id,
    channelLabel: `<#${fake.guild.channels[0]!.id}>`,
    repeat: { every: 3_600_000 },
    scheduleText: 'every 1h',
    quiet: false,
    createdBy: '500000000000000001',
    createdAt: new Date().toISOString(),
  };
  await runtime.audits!.store.forTenant(tenant).put(spec);
  await runtime.audits!.scheduler.upsert(tenant, spec);
  client = createDiscordClient({
    token: 'fake-discord-token',
    apiUrl: fake.apiUrl,
    producer: runtime.producer,
    store: runtime.store,
    audits: runtime.audits!,
    maxBytes: 1 << 20,
    adminRole: ADMIN_ROLE,
    channels: [],
    logger: runtime.logger,
  });
  const ready = new Promise((r) => client.once('clientReady' as never, r));
  await client.login('fake-discord-token');
  await ready;
}, 30_000);

afterAll(async () => {
  await client?.destroy();
  await runtime?.stop();
  await fake?.close();
});

const user = { id: '500000000000000001', username: 'op', discriminator: '0', global_name: null, avatar: null };
const member = (roles: string[] = []) => ({
  user,
  roles,
  permissions: '0',
  joined_at: new Date().toISOString(),
  deaf: false,
  mute: false,
  flags: 0,
});

function interaction(type: number, data: Record<string, unknown>, roles: string[] = []) {
  const id = snowflake(++seq);
  const token = `stok-${seq}-${id}`;
  return {
    id,
    token,
    payload: {
      id,
      application_id: '300000000000000098',
      type,
      token,
      version: 1,
      guild_id: fake.guild.id,
      channel_id: fake.guild.channels[0]!.id,
      channel: { id: fake.guild.channels[0]!.id, type: 0, guild_id: fake.guild.id, name: 'infra' },
      member: member(roles),
      app_permissions: '0',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
      context: 0,
      data,
    },
  };
}

const status = (roles: string[]) =>
  interaction(2, { id: '600000000000000001', name: 'voipnow', type: 1, options: [{ type: 1, name: 'status' }] }, roles);

type Edit = {
  embeds?: { title?: string; description?: string; fields?: { value: string }[] }[];
  components?: unknown[];
};

describe('Discord /voipnow status', () => {
  it('answers privately with the overview and the buttons; cancel buttons only for admins', async () => {
    const asAdmin = status([ADMIN_ROLE]);
    fake.dispatch('INTERACTION_CREATE', asAdmin.payload);
    await waitUntil(() => fake.originalEdits.some((e) => e.token === asAdmin.token), 20_000, 'status for an admin');
    const deferral = fake.interactionCallbacks.find((c) => c.id === asAdmin.id)!;
    expect(deferral.type).toBe(5);
    expect((deferral.data as { flags?: number }).flags! & 64).toBe(64);
    const edit = fake.originalEdits.find((e) => e.token === asAdmin.token) as Edit;
    expect(edit.embeds![0]!.title).toBe('VoipNow topologies');
    expect(edit.embeds![0]!.description).toMatch(
      /\*\*prod\*\* v1 · ✅ 0 errors, 0 warnings, 1 info · saved by <@500000000000000001> <t:\d+:F>/,
    );
    expect(edit.embeds![0]!.fields![0]!.value).toMatch(/every 1h` in <#\d+> · next <t:\d+:F> · id prod-d00d00/);
    const ids = JSON.stringify(edit.components);
    expect(ids).toContain('voipnow_run:s0:check prod');
    expect(ids).toContain('voipnow_whatif:prod');
    expect(ids).toContain('voipnow_run:s2:audit run prod');
    expect(ids).toContain('audit cancel prod-d00d00');

    const asMember = status([]);
    fake.dispatch('INTERACTION_CREATE', asMember.payload);
    await waitUntil(() => fake.originalEdits.some((e) => e.token === asMember.token), 20_000, 'status for a member');
    const plain = JSON.stringify((fake.originalEdits.find((e) => e.token === asMember.token) as Edit).components);
    expect(plain).toContain('check prod');
    expect(plain).not.toContain('audit cancel');
  });

  it('the what-if button opens a prompt; its answer comes back in the deferred reply', async () => {
    const press = interaction(3, { custom_id: 'voipnow_whatif:prod', component_type: 2 });
    fake.dispatch('INTERACTION_CREATE', {
      ...press.payload,
      message: {
        id: snowflake(900),
        channel_id: fake.guild.channels[0]!.id,
        author: fake.bot,
        content: '',
        embeds: [],
        attachments: [],
        components: [],
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        pinned: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        type: 0,
        flags: 64,
      },
    });
    await waitUntil(() => fake.interactionCallbacks.some((c) => c.id === press.id), 20_000, 'the modal');
    const modal = fake.interactionCallbacks.find((c) => c.id === press.id)!;
    expect(modal.type).toBe(9);
    expect(JSON.stringify(modal.data)).toContain('"custom_id":"question"');

    const submit = interaction(5, {
      custom_id: 'voipnow_whatif:prod',
      components: [{ type: 1, components: [{ type: 4, custom_id: 'question', value: 'the PBX fails' }] }],
    });
    fake.dispatch('INTERACTION_CREATE', submit.payload);
    await waitUntil(() => fake.originalEdits.some((e) => e.token === submit.token), 20_000, 'the what-if answer');
    // A short answer is the deferred reply itself, edited once (no thread, no second message).
    const answer = fake.originalEdits.filter((e) => e.token === submit.token).at(-1)!;
    expect(JSON.stringify(answer.embeds)).toMatch(/If 1 pbx node fails/);
  });
});

describe('Discord message commands', () => {
  function onMessage(name: string, message: Record<string, unknown>, roles: string[] = []) {
    const messageId = message.id as string;
    return interaction(
      2,
      {
        id: '600000000000000002',
        name,
        type: 3,
        target_id: messageId,
        resolved: {
          messages: {
            [messageId]: {
              channel_id: fake.guild.channels[0]!.id,
              author: { ...user, id: '500000000000000002' },
              content: '',
              embeds: [],
              attachments: [],
              components: [],
              timestamp: new Date().toISOString(),
              edited_timestamp: null,
              tts: false,
              pinned: false,
              mention_everyone: false,
              mentions: [],
              mention_roles: [],
              type: 0,
              flags: 0,
              ...message,
            },
          },
        },
      },
      roles,
    );
  }

  it('"Check this topology" on a message with a YAML attachment is answered in a thread from that message', async () => {
    const file = fake.addFile(
      'counts.yaml',
      readFileSync(new URL('../../examples/broken/counts.yaml', import.meta.url)),
    );
    const messageId = snowflake(7000);
    const { token, payload } = onMessage('Check this topology', {
      id: messageId,
      attachments: [
        { id: snowflake(7001), filename: file.filename, size: file.size, url: file.url, proxy_url: file.url },
      ],
    });
    fake.dispatch('INTERACTION_CREATE', payload);
    await waitUntil(
      () => fake.messages.some((m) => m.channel_id === messageId && (m.embeds ?? []).length > 0),
      20_000,
      'answer in the message thread',
    );
    expect(fake.threads.get(messageId)).toBe(fake.guild.channels[0]!.id);
    expect(fake.messages.find((m) => m.channel_id === messageId && m.embeds?.length)!.embeds![0]!.title).toBe(
      'Check of broken-counts',
    );
    await waitUntil(() => fake.originalEdits.some((e) => e.token === token), 20_000, 'private acknowledgement');
  });

  it('"Save this topology" on a pasted code block saves it (admins), answered in the thread', async () => {
    const messageId = snowflake(7100);
    const { payload } = onMessage(
      'Save this topology',
      { id: messageId, content: `ours:\n\`\`\`yaml\n${small}\`\`\`` },
      [ADMIN_ROLE],
    );
    fake.dispatch('INTERACTION_CREATE', payload);
    await waitUntil(
      async () => (await runtime.store.forTenant(`discord:${fake.guild.id}`).latest('small-lab')) !== undefined,
      20_000,
      'saved',
    );
    await waitUntil(() => fake.messages.some((m) => m.channel_id === messageId), 20_000, 'answer in the thread');
  });

  it('a message with no topology gets a private explanation', async () => {
    const { token, payload } = onMessage('Check this topology', { id: snowflake(7200), content: 'hello' });
    fake.dispatch('INTERACTION_CREATE', payload);
    await waitUntil(() => fake.originalEdits.some((e) => e.token === token), 20_000, 'the explanation');
    expect(fake.originalEdits.find((e) => e.token === token)!.content).toMatch(/YAML or JSON file or a pasted/);
  });
});
