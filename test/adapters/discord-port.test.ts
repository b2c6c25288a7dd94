import { REST } from '@discordjs/rest';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, renderDiscord } from '../../adapters/discord/embeds.js';
import { DiscordPort } from '../../adapters/discord/port.js';
import { PermanentPortError } from '../../src/reply/port.js';
import { CHANNEL, FakeDiscordRest } from '../support/fake-discord.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

let fake: FakeDiscordRest;
let redis: Redis;
const prefix = uniqueName('discord');
let channelSeq = 900_000_000_000_000_000n;

beforeAll(async () => {
  fake = await FakeDiscordRest.start();
  redis = new Redis(await testRedisUrl());
});
afterAll(async () => {
  await fake.close();
  await deleteKeys(redis, `${prefix}*`);
  await redis.quit();
});

const rest = () =>
  new REST({ api: fake.apiUrl, version: '10', retries: 3, timeout: 5000 }).setToken('fake-discord-token');

describe('Discord embeds and rate limits', () => {
  it('keeps every embed within Discord’s limits and colours it by the verdict', () => {
    const items = Array.from({ length: 300 }, (_, i) => ({
      text: `HA00${i % 10} ${'x'.repeat(80)}`,
      severity: 'warning' as const,
      detail: 'remediation '.repeat(5),
    }));
    const messages = renderDiscord({
      title: 't'.repeat(400),
      verdict: 'fail',
      summary: 's',
      fields: Array.from({ length: 40 }, (_, i) => ({ label: `f${i}`, value: 'v' })),
      sections: [{ heading: 'Warnings', items }],
    });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      const e = m.embeds[0]!;
      expect(e.color).toBe(0xed4245);
      expect((e.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
      expect(JSON.stringify(e).length).toBeLessThan(DISCORD_LIMITS.embedTotal + 2000);
    }
  });

  it('a burst of 100 replies to one channel completes with none lost through 429s', async () => {
    const port = new DiscordPort(rest());
    const channel = String(++channelSeq);
    const parent = await port.startThread(
      { platform: 'discord', tenant: 'discord:G1', channel, requester: 'U1' },
      'Burst…',
      uniqueName('burst'),
    );
    fake.rateLimitEvery = 7;
    const before = fake.rateLimited;
    try {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          port.postInThread(parent, { content: `reply ${i}`, embeds: [] }, `burst-${i}`),
        ),
      );
    } finally {
      fake.rateLimitEvery = 0;
    }
    const posted = fake.messages.filter((m) => m.channel_id === parent.thread);
    expect(fake.rateLimited).toBeGreaterThan(before);
    expect(new Set(posted.map((m) => m.content)).size).toBe(100);
    expect(posted).toHaveLength(100);
  });
});

describe('Discord port: where no thread can start, and bodies Discord refuses', () => {
  it('a message in a channel whose type holds no thread: Discord says 50024 once and the answer goes in place', async () => {
    const port = new DiscordPort(rest());
    const channel = String(++channelSeq);
    fake.setChannel(channel, CHANNEL.voice);
    const refusals = fake.refusals.length;
    const parent = await port.startThread(
      { platform: 'discord', tenant: 'discord:G1', channel, requester: 'U1' },
      'Checking…',
      uniqueName('voice'),
    );
    expect(parent.thread).toBe(channel);
    await port.postInThread(parent, port.render({ title: 'T', verdict: 'pass', summary: 's' })[0]!, uniqueName('p'));
    expect(fake.refusals.slice(refusals).map((r) => r.code)).toEqual([50024]);
    expect(fake.messages.filter((m) => m.channel_id === channel)).toHaveLength(2);
  });

  it('an invalid body (50035) is permanent, sent once, and the error says what was too large', async () => {
    const port = new DiscordPort(rest());
    const channel = String(++channelSeq);
    const parent = { channel, id: channel, thread: channel };
    const refusals = fake.refusals.length;
    const error = await port
      .postInThread(parent, { embeds: [{ description: 'x'.repeat(5000) }] }, uniqueName('big'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentPortError);
    expect((error as PermanentPortError).channelClosed).toBe(false);
    expect((error as Error).message).toMatch(/embeds\.0\.description: Must be 4096 or fewer in length/);
    expect(fake.refusals.slice(refusals)).toHaveLength(1);
  });

  it('long code is split by lines with a fence in every chunk; longer still, it is attached as a .yaml file', () => {
    const yaml = Array.from({ length: 400 }, (_, i) => `  - name: node-${i}\n    roles: [sip, pbx]`).join('\n');
    const shown = renderDiscord({
      title: 'prod v3',
      verdict: 'info',
      summary: 's',
      code: [{ language: 'yaml', text: yaml.slice(0, 7000) }],
    });
    const chunks = shown.map((m) => m.embeds[0]!.description ?? '');
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect(c.startsWith('```yaml\n')).toBe(true);
      expect(c.endsWith('\n```')).toBe(true);
    }
    const attached = renderDiscord({
      title: 'prod v3',
      verdict: 'info',
      summary: 's',
      code: [{ language: 'yaml', text: yaml }],
    });
    const file = attached.flatMap((m) => m.files ?? [])[0];
    expect(file).toMatchObject({ filename: 'prod-v3.yaml', content: yaml });
    expect(attached.find((m) => m.files)?.content).toMatch(/prod-v3\.yaml: 800 lines/);
  });
});
