import { readFileSync } from 'node:fs';
import { REST } from '@discordjs/rest';
import { PermissionFlagsBits, type Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordClient } from '../../adapters/discord/app.js';
import { DiscordPort } from '../../adapters/discord/port.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { CHANNEL, FakeDiscordRest } from '../support/fake-discord.js';
import { observeIntake, queueSettled } from '../support/intake.js';
import { uniqueName, waitUntil } from '../support/redis.js';

const medium = readFileSync(new URL('../../examples/medium.yaml', import.meta.url), 'utf8');
const ADMIN_ROLE = '800000000000000001';
let fake: FakeDiscordRest;
let runtime: ChatRuntime;
let client: Client;

/** A snowflake of now, so interaction tokens count as fresh. */
const snowflake = (offset = 0) => String(((BigInt(Date.now()) - 1420070400000n) << 22n) + BigInt(offset));
let seq = 0;

beforeAll(async () => {
  fake = await FakeDiscordRest.start();
  runtime = await startChatRuntime(
    'discord',
    () =>
      new Map([
        ['discord', new DiscordPort(new REST({ api: fake.apiUrl, version: '10' }).setToken('fake-discord-token'))],
      ]),
    { audits: { minIntervalMs: 500 } },
  );
  const { store, producer, logger } = runtime;
  await store.forTenant(`discord:${fake.guild.id}`).save('prod', medium, 'admin');
  client = createDiscordClient({
    token: 'fake-discord-token',
    apiUrl: fake.apiUrl,
    producer,
    store,
    maxBytes: 1 << 20,
    adminRole: ADMIN_ROLE,
    channels: [],
    logger,
    presses: { redis: runtime.redis, prefix: runtime.name },
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

function member(roles: string[] = [], permissions = '0') {
  return {
    user: { id: '500000000000000001', username: 'op', discriminator: '0', global_name: null, avatar: null },
    roles,
    permissions,
    joined_at: new Date().toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
  };
}

/** What a bot may do in an ordinary channel: post, start threads and post in them, attach files. */
const BOT_PERMISSIONS = String(
  PermissionFlagsBits.ViewChannel |
    PermissionFlagsBits.SendMessages |
    PermissionFlagsBits.CreatePublicThreads |
    PermissionFlagsBits.SendMessagesInThreads |
    PermissionFlagsBits.EmbedLinks |
    PermissionFlagsBits.AttachFiles,
);

function slash(
  sub: string,
  options: { type: number; name: string; value: string | number | boolean }[],
  extra: {
    attachment?: { url: string; filename: string; size: number };
    roles?: string[];
    channel?: string;
    /** Where the command was used: a DM, a thread, another channel. */
    where?: { id: string; type: number; dm?: boolean };
    appPermissions?: string;
  } = {},
) {
  const id = snowflake(++seq);
  const token = `itok-${seq}-${id}`;
  const attachmentId = snowflake(1000 + seq);
  const where = extra.where ?? { id: fake.guild.channels[0]!.id, type: 0 };
  const payload = {
    id,
    application_id: '300000000000000098',
    type: 2,
    token,
    version: 1,
    ...(where.dm
      ? { user: member().user, context: 1 }
      : { guild_id: fake.guild.id, member: member(extra.roles ?? []), context: 0 }),
    channel_id: where.id,
    channel: where.dm
      ? { id: where.id, type: 1, recipients: [member().user] }
      : { id: where.id, type: where.type, guild_id: fake.guild.id, name: 'infra' },
    app_permissions: extra.appPermissions ?? BOT_PERMISSIONS,
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    data: {
      id: '600000000000000001',
      name: 'voipnow',
      type: 1,
      options: [
        {
          type: 1,
          name: sub,
          options: [...options, ...(extra.attachment ? [{ type: 11, name: 'file', value: attachmentId }] : [])],
        },
      ],
      ...(extra.attachment
        ? {
            resolved: {
              attachments: {
                [attachmentId]: {
                  id: attachmentId,
                  filename: extra.attachment.filename,
                  size: extra.attachment.size,
                  url: extra.attachment.url,
                  proxy_url: extra.attachment.url,
                  content_type: 'text/yaml',
                },
              },
            },
          }
        : {}),
      ...(extra.channel
        ? {
            resolved: {
              channels: { [extra.channel]: { id: extra.channel, type: 0, name: 'audits', permissions: '0' } },
            },
          }
        : {}),
    },
  };
  return { id, token, payload };
}

describe('Discord adapter against a fake Discord (REST and gateway)', () => {
  it('a slash command with an attachment is deferred, then the deferred reply is edited and the answer continues in a thread', async () => {
    const file = fake.addFile('prod.yaml', readFileSync(new URL('../../examples/broken/counts.yaml', import.meta.url)));
    const { id, token, payload } = slash('check', [], { attachment: file });
    fake.dispatch('INTERACTION_CREATE', payload);
    await waitUntil(() => fake.interactionCallbacks.some((c) => c.id === id && c.type === 5), 10_000, 'deferral');
    await waitUntil(() => fake.originalEdits.filter((e) => e.token === token).length >= 2, 20_000, 'edited verdict');
    const edits = fake.originalEdits.filter((e) => e.token === token);
    expect(edits[0]!.content).toMatch(/^Checking the topology…\n-# asked by <@\d+>$/);
    expect(edits.at(-1)!.content).toMatch(/^❌ broken-counts: \d+ errors/);
    const parentId = fake.timeline.find((e) => e.kind === 'parent' && e.text.startsWith('Checking the topology…'))!.id;
    expect(fake.threads.has(parentId)).toBe(true);
    const inThread = fake.messages.filter((m) => m.channel_id === parentId);
    expect(inThread.length).toBeGreaterThan(0);
    expect(inThread[0]!.embeds![0]!.title).toBe('Check of broken-counts');
  });

  it('a mention with a question is answered in a thread started from the message', async () => {
    const messageId = snowflake(5000);
    fake.dispatch('MESSAGE_CREATE', {
      id: messageId,
      channel_id: fake.guild.channels[0]!.id,
      guild_id: fake.guild.id,
      author: member().user,
      member: member(),
      content: `<@${fake.bot.id}> what happens if PBX fails on prod?`,
      mentions: [fake.bot],
      mention_roles: [],
      mention_everyone: false,
      attachments: [],
      embeds: [],
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    });
    // A short answer is one reply to the message, in the channel: no thread. The message had 👀 until then.
    const channel = fake.guild.channels[0]!.id;
    const answered = () =>
      fake.messages.find(
        (m) => m.channel_id === channel && (m.embeds ?? []).length > 0 && BigInt(m.id) > BigInt(messageId),
      );
    await waitUntil(() => Boolean(answered()), 20_000, 'answer to the message');
    await waitUntil(() => fake.reactions.some((r) => r.message === messageId && r.op === 'remove'), 20_000, 'unseen');
    expect(fake.threads.has(messageId)).toBe(false);
    const answer = answered()!;
    expect(answer.embeds![0]!.title).toMatch(/^If 1 pbx node fails \(regional-eu\)/);
    expect(answer.content).toMatch(/-# asked by <@\d+>/);
    expect(fake.reactions.filter((r) => r.message === messageId).map((r) => [r.op, r.emoji])).toEqual([
      ['add', '👀'],
      ['remove', '👀'],
    ]);
  });

  /** A press of a button on one of the bot's messages in the first channel. */
  function press(customId: string, message: { id: string; label?: string }) {
    const id = snowflake(++seq);
    const token = `btok-${seq}-${id}`;
    const channel = fake.guild.channels[0]!.id;
    return {
      id,
      token,
      payload: {
        id,
        application_id: '300000000000000098',
        type: 3,
        token,
        version: 1,
        guild_id: fake.guild.id,
        channel_id: channel,
        channel: { id: channel, type: 0, guild_id: fake.guild.id, name: 'infra' },
        member: member(),
        app_permissions: BOT_PERMISSIONS,
        locale: 'en-US',
        guild_locale: 'en-US',
        entitlements: [],
        authorizing_integration_owners: {},
        context: 0,
        data: { custom_id: customId, component_type: 2 },
        message: {
          id: message.id,
          channel_id: channel,
          author: fake.bot,
          content: 'an earlier answer',
          embeds: [],
          attachments: [],
          components: message.label
            ? [{ type: 1, components: [{ type: 2, style: 2, custom_id: customId, label: message.label }] }]
            : [],
          timestamp: new Date().toISOString(),
          edited_timestamp: null,
          tts: false,
          pinned: false,
          mention_everyone: false,
          mentions: [],
          mention_roles: [],
          type: 0,
          flags: 0,
        },
      },
    };
  }

  it('a second click on a running button is ignored: one run, one answer; the message says in place who ran it', async () => {
    const intake = observeIntake(runtime.producer);
    const messageId = snowflake(7000);
    const channel = fake.guild.channels[0]!.id;
    const before = fake.messages.length;
    const first = press('voipnow_run:s0:sizing prod', { id: messageId, label: 'Sizing' });
    const second = press('voipnow_run:s0:sizing prod', { id: messageId, label: 'Sizing' });
    // Both clicks arrive before the first one's run can be answered.
    fake.dispatch('INTERACTION_CREATE', first.payload);
    fake.dispatch('INTERACTION_CREATE', second.payload);
    // The sizing answer: its embed (the JSON file follows as a second message).
    const answers = () =>
      fake.messages
        .slice(before)
        .filter((m) => m.channel_id === channel && m.embeds?.[0]?.title === 'Sizing of regional-eu');
    await waitUntil(() => answers().length > 0, 20_000, 'the answer');
    await waitUntil(
      () => [first.id, second.id].every((id) => fake.interactionCallbacks.some((c) => c.id === id)),
      20_000,
      'both clicks acknowledged',
    );
    await queueSettled(runtime.queue);
    expect(answers()).toHaveLength(1);
    expect(intake).toHaveLength(1);
    // The first click updates the pressed message in place (a mention that pings no one); the second changes nothing.
    const callbacks = fake.interactionCallbacks.filter((c) => c.id === first.id || c.id === second.id);
    expect(callbacks.map((c) => c.type).sort()).toEqual([6, 7]);
    expect(callbacks.find((c) => c.type === 7)!.data).toMatchObject({
      content: '⏳ <@500000000000000001> ran **Sizing**…',
      allowed_mentions: { parse: [] },
    });
    // The answer says who pressed.
    expect(answers()[0]!.content).toMatch(/-# asked by <@500000000000000001>/);
    // Once answered, the button works again.
    const third = press('voipnow_run:s0:sizing prod', { id: messageId, label: 'Sizing' });
    fake.dispatch('INTERACTION_CREATE', third.payload);
    await waitUntil(() => answers().length === 2, 20_000, 'a second run');
  });

  it('"Share in channel" on a private answer posts it publicly once, saying who asked', async () => {
    const intake = observeIntake(runtime.producer);
    const share = press('voipnow_share:help', { id: snowflake(7100) });
    fake.dispatch('INTERACTION_CREATE', share.payload);
    await waitUntil(() => fake.originalEdits.some((e) => e.token === share.token), 20_000, 'the shared answer');
    await queueSettled(runtime.queue);
    // A public deferral (no ephemeral flag), its reply the help, saying who asked.
    const deferral = fake.interactionCallbacks.filter((c) => c.id === share.id);
    expect(deferral).toHaveLength(1);
    expect(deferral[0]!.type).toBe(5);
    expect(((deferral[0]!.data as { flags?: number } | undefined)?.flags ?? 0) & 64).toBe(0);
    expect(intake).toHaveLength(1);
    expect(intake[0]!.input.target).toMatchObject({ requester: '500000000000000001' });
    expect(intake[0]!.input.target.private).toBeUndefined();
    const shown = [
      ...fake.originalEdits.filter((e) => e.token === share.token),
      ...fake.followUps.filter((f) => f.token === share.token),
    ];
    expect(JSON.stringify(shown)).toContain('asked by <@500000000000000001>');
    expect(fake.followUps.filter((f) => f.token === share.token && (f.flags ?? 0) & 64)).toHaveLength(0);
  });

  it('deleting needs the role or Manage Server; the refusal says which role', async () => {
    const { id, token, payload } = slash('delete', [{ type: 3, name: 'name', value: 'prod' }]);
    fake.dispatch('INTERACTION_CREATE', payload);
    // Private (an ephemeral deferral), so in place: pending, the embeds, then the verdict.
    await waitUntil(() => fake.originalEdits.filter((e) => e.token === token).length >= 1, 20_000);
    expect(fake.interactionCallbacks.find((c) => c.id === id)).toMatchObject({ data: { flags: 64 } });
    expect(fake.originalEdits.filter((e) => e.token === token).at(-1)!.content).toBe(
      `🚫 Only members with the <@&${ADMIN_ROLE}> role or Manage Server may delete topologies.`,
    );
  });

  it('after a gateway drop the client resumes and the event sent meanwhile is not lost', async () => {
    const resumes = fake.resumes;
    fake.dropGateway();
    const { token, payload } = slash('rules', [{ type: 3, name: 'id', value: 'HA001' }]);
    await waitUntil(() => fake.socketCount === 0, 5000, 'disconnect');
    fake.dispatch('INTERACTION_CREATE', payload);
    await waitUntil(() => fake.resumes > resumes, 20_000, 'resume');
    await waitUntil(
      () => fake.originalEdits.filter((e) => e.token === token).length >= 1,
      20_000,
      'answer after resume',
    );
    expect(fake.originalEdits.filter((e) => e.token === token).at(-1)!.content).toMatch(/HA001/);
  });
});

describe('registration', () => {
  it('npm run discord:register registers /voipnow with every subcommand and the ATTACHMENT option in the guild', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [new URL('../../dist/src/bin/discord-register.js', import.meta.url).pathname],
      {
        env: {
          PATH: process.env.PATH ?? '',
          DISCORD_TOKEN: 'fake-discord-token',
          DISCORD_APPLICATION_ID: '300000000000000098',
          DISCORD_GUILD_ID: fake.guild.id,
          DISCORD_API_URL: fake.apiUrl,
        },
      },
    );
    expect(stdout).toContain(
      `Registered /voipnow, “Check this topology”, “Save this topology” in guild ${fake.guild.id}`,
    );
    const registered = fake.registered.at(-1)!;
    expect(registered.guild).toBe(fake.guild.id);
    const command = registered.commands[0] as {
      name: string;
      options: { name: string; options?: { name: string; type: number; autocomplete?: boolean }[] }[];
    };
    expect(command.name).toBe('voipnow');
    expect(command.options.map((o) => o.name)).toEqual([
      'check',
      'whatif',
      'resilience',
      'sizing',
      'save',
      'list',
      'show',
      'history',
      'diff',
      'delete',
      'audit',
      'rules',
      'help',
      'status',
    ]);
    expect(registered.commands.slice(1)).toEqual([
      expect.objectContaining({ name: 'Check this topology', type: 3 }),
      expect.objectContaining({ name: 'Save this topology', type: 3 }),
    ]);
    expect(command.options.find((o) => o.name === 'check')!.options).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'file', type: 11 }),
        expect.objectContaining({ name: 'name', autocomplete: true, max_length: 64 }),
      ]),
    );
    const whatif = command.options.find((o) => o.name === 'whatif')!.options!;
    expect(whatif.find((o) => o.name === 'question')).toMatchObject({ max_length: 500 });
  });
});

describe('Discord audits', () => {
  it('/voipnow audit schedule with a channel option posts the audit there on each tick, and cancel stops it', async () => {
    const channel = '300000000000000077';
    const { token, payload } = slash(
      'audit',
      [
        { type: 3, name: 'action', value: 'schedule' },
        { type: 3, name: 'name', value: 'prod' },
        { type: 3, name: 'schedule', value: 'every 1s' },
        { type: 7, name: 'channel', value: channel },
        { type: 5, name: 'quiet', value: false },
      ],
      { roles: [ADMIN_ROLE], channel },
    );
    fake.dispatch('INTERACTION_CREATE', payload);
    await waitUntil(
      () => (fake.originalEdits.filter((e) => e.token === token).at(-1)?.content ?? '').includes('Scheduled audit'),
      20_000,
      'confirmation',
    );
    const confirmation = fake.originalEdits.filter((e) => e.token === token).at(-1)!.content!;
    expect(confirmation).toMatch(new RegExp(`Scheduled audit (prod-[0-9a-f]{6}): prod, \`every 1s\` in <#${channel}>`));
    const audits = () =>
      fake.timeline.filter(
        (e) => e.kind === 'parent' && e.channel === channel && e.text.startsWith('🔎 Audit of prod v1'),
      );
    await waitUntil(() => audits().length >= 2, 20_000, 'two audits');
    // A short audit is one message; a long one a parent with its thread.
    const first = fake.messages.find((m) => m.id === audits()[0]!.id)!;
    expect(fake.threads.has(first.id) || (first.embeds ?? []).length > 0).toBe(true);

    const id = /audit (prod-[0-9a-f]{6})/.exec(confirmation)![1]!;
    const cancel = slash(
      'audit',
      [
        { type: 3, name: 'action', value: 'cancel' },
        { type: 3, name: 'id', value: id },
      ],
      { roles: [ADMIN_ROLE] },
    );
    fake.dispatch('INTERACTION_CREATE', cancel.payload);
    await waitUntil(
      () =>
        (fake.originalEdits.filter((e) => e.token === cancel.token).at(-1)?.content ?? '').includes(
          `Cancelled audit ${id}`,
        ),
      20_000,
      'cancelled',
    );
    const count = audits().length;
    // The schedule is gone and the run in flight (if any) has finished: the count is final.
    expect(await runtime.audits!.scheduler.queue.getJobSchedulersCount()).toBe(0);
    await queueSettled(runtime.audits!.scheduler.queue);
    expect(audits().length).toBeLessThanOrEqual(count + 1);
  }, 40_000);
});

describe('Discord edge cases', () => {
  it('an answer that outlives the 15-minute interaction token is posted as normal messages', async () => {
    const port = new DiscordPort(new REST({ api: fake.apiUrl, version: '10' }).setToken('fake-discord-token'));
    const channel = fake.guild.channels[0]!.id;
    const target = {
      platform: 'discord' as const,
      tenant: `discord:${fake.guild.id}`,
      channel,
      requester: 'U1',
      interaction: { applicationId: '300000000000000098', token: 'itok-expired', expiresAt: Date.now() - 1000 },
    };
    const parent = await port.startThread(target, 'Checking prod…', uniqueName('late'));
    expect(fake.originalEdits.some((e) => e.token === 'itok-expired')).toBe(false);
    expect(fake.messages.find((m) => m.id === parent.id)).toMatchObject({
      channel_id: channel,
      content: 'Checking prod…\n-# asked by <@U1>',
    });
    expect(fake.threads.get(parent.id)).toBe(channel);
    await port.update(parent, '✅ prod: fine');
    expect(fake.timeline.at(-1)).toMatchObject({
      kind: 'update',
      id: parent.id,
      text: '✅ prod: fine\n-# asked by <@U1>',
    });
  });

  it('an attachment over the size cap is refused before its body is read, in one private line', async () => {
    const file = fake.addFile('big.yaml', 'x');
    const { id, token, payload } = slash('check', [], { attachment: { ...file, size: 5 << 20 } });
    fake.dispatch('INTERACTION_CREATE', payload);
    await waitUntil(() => fake.originalEdits.filter((e) => e.token === token).length >= 1, 20_000);
    // The deferral itself is ephemeral: only the requester sees the refusal.
    expect(fake.interactionCallbacks.find((c) => c.id === id)).toMatchObject({ type: 5, data: { flags: 64 } });
    const edits = fake.originalEdits.filter((e) => e.token === token);
    expect(JSON.stringify(edits)).toContain('big.yaml is 5 MiB; the limit is 1 MiB.');
    expect(JSON.stringify(edits)).not.toContain('e.g.');
    expect(edits.at(-1)!.content).toBe('🚫 big.yaml is 5 MiB; the limit is 1 MiB.');
  });
});

describe('Discord: an answer in every kind of channel', () => {
  const originals = (token: string) => fake.originalEdits.filter((e) => e.token === token);
  /** Still the pending line ("Checking…"), above who asked. */
  const pending = (content: string | undefined) => (content ?? '…').split('\n')[0]!.endsWith('…');
  /**
   * The deferred reply holds the embeds and the verdict: a short answer in one edit, a long one as
   * pending, embeds, then the verdict.
   */
  const verdictIn = (token: string) =>
    waitUntil(
      () => originals(token).some((e) => e.embeds?.length) && !pending(originals(token).at(-1)?.content),
      20_000,
      'the answer in place',
    );

  it('a DM: no thread is attempted, the answer fills the deferred reply, and the user may save in their own DM', async () => {
    const dm = snowflake(7000);
    fake.setChannel(dm, CHANNEL.dm);
    const refusals = fake.refusals.length;
    const file = fake.addFile('mine.yaml', medium);
    const { token, payload } = slash('save', [{ type: 3, name: 'name', value: 'mine' }], {
      where: { id: dm, type: CHANNEL.dm, dm: true },
      attachment: file,
    });
    fake.dispatch('INTERACTION_CREATE', payload);
    await verdictIn(token);
    expect(originals(token).at(-1)!.content).toMatch(/Saved mine v1/);
    expect(fake.refusals.slice(refusals)).toEqual([]);
    expect(fake.threads.has(fake.messages.find((m) => m.channel_id === dm)?.id ?? '')).toBe(false);
    expect(await runtime.store.forTenant('discord-dm:500000000000000001').list()).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'mine' })]),
    );
  });

  it('a thread or forum post: the answer goes in place, with no thread attempted twice', async () => {
    const thread = snowflake(7100);
    fake.setChannel(thread, CHANNEL.publicThread, fake.guild.channels[0]!.id);
    const refusals = fake.refusals.length;
    const { token, payload } = slash('rules', [{ type: 3, name: 'id', value: 'HA001' }], {
      where: { id: thread, type: CHANNEL.publicThread },
    });
    fake.dispatch('INTERACTION_CREATE', payload);
    await verdictIn(token);
    // Known as a thread (discord.js caches the interaction's channel), none is attempted; else Discord's 50024 is taken once, never retried.
    expect(fake.refusals.slice(refusals).filter((r) => r.code === 50024).length).toBeLessThanOrEqual(1);
    expect(fake.refusals.slice(refusals).filter((r) => r.code !== 50024)).toEqual([]);
    expect(JSON.stringify(originals(token).find((e) => e.embeds?.length)!.embeds)).toContain('HA001');
  });

  it('no Create Public Threads permission: the answer goes in place and the requester is told privately which permission', async () => {
    const channel = snowflake(7200);
    // Every rule: an answer long enough to want a thread.
    const { token, payload } = slash('rules', [], {
      where: { id: channel, type: CHANNEL.text },
      appPermissions: String(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages),
    });
    fake.dispatch('INTERACTION_CREATE', payload);
    await verdictIn(token);
    const note = fake.followUps.find((f) => f.token === token && f.flags === 64);
    expect(note?.content).toMatch(/\*\*Create Public Threads\*\* permission/);
  });

  it('a permission the interaction did not show: Discord answers 50013 to the thread, and the answer still comes, in place', async () => {
    const channel = snowflake(7300);
    fake.deny(channel, 'CREATE_PUBLIC_THREADS');
    const { token, payload } = slash('rules', [], {
      where: { id: channel, type: CHANNEL.text },
    });
    fake.dispatch('INTERACTION_CREATE', payload);
    await verdictIn(token);
    expect(fake.followUps.find((f) => f.token === token && f.flags === 64)?.content).toMatch(/Create Public Threads/);
  });

  it('a mention in a voice channel’s chat is answered as a reply in place', async () => {
    const voice = snowflake(7400);
    fake.setChannel(voice, CHANNEL.voice);
    fake.dispatch('CHANNEL_CREATE', {
      id: voice,
      type: CHANNEL.voice,
      guild_id: fake.guild.id,
      name: 'standup',
      position: 1,
      permission_overwrites: [],
      bitrate: 64000,
      user_limit: 0,
    });
    const messageId = snowflake(7401);
    fake.dispatch('MESSAGE_CREATE', {
      id: messageId,
      channel_id: voice,
      guild_id: fake.guild.id,
      author: member().user,
      member: member(),
      content: `<@${fake.bot.id}> rules HA004`,
      mentions: [fake.bot],
      mention_roles: [],
      mention_everyone: false,
      attachments: [],
      embeds: [],
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    });
    await waitUntil(
      () => fake.messages.some((m) => m.channel_id === voice && JSON.stringify(m.embeds ?? []).includes('HA004')),
      20_000,
      'the answer in the voice chat',
    );
    expect(fake.threads.has(messageId)).toBe(false);
  });

  it('topology show of a topology over 4 KB: code split by lines, a fence in every chunk, every embed accepted', async () => {
    const refusals = fake.refusals.length;
    const { token, payload } = slash('show', [{ type: 3, name: 'name', value: 'prod' }]);
    fake.dispatch('INTERACTION_CREATE', payload);
    await waitUntil(() => originals(token).length >= 2, 20_000, 'shown');
    const parent = fake.timeline.find((e) => e.kind === 'parent' && e.id === fake.messages.at(-1)?.id);
    void parent;
    await waitUntil(
      () => /prod/.test(originals(token).at(-1)?.content ?? '') && !pending(originals(token).at(-1)?.content),
      20_000,
      'verdict',
    );
    const thread = [...fake.threads.keys()].at(-1)!;
    const bodies = fake.messages
      .filter((m) => m.channel_id === thread)
      .flatMap((m) => m.embeds ?? [])
      .map((e) => e.description ?? '');
    const chunks = bodies.filter((d) => d.includes('```'));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.match(/```/g)!.length % 2).toBe(0);
    expect(chunks.join('\n')).toContain('regional-eu');
    expect(fake.refusals.slice(refusals)).toEqual([]);
  });
});
