import { REST } from '@discordjs/rest';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, renderDiscord } from '../../adapters/discord/embeds.js';
import { DiscordPort } from '../../adapters/discord/port.js';
import { ReplyLedger } from '../../src/reply/ledger.js';
import { FakeDiscordRest } from '../support/fake-discord.js';
import { describeReplyPortConformance } from '../support/reply-port-conformance.js';
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

describeReplyPortConformance('discord (REST)', () => {
  const channel = String(++channelSeq);
  return {
    port: new DiscordPort(rest()),
    ledger: new ReplyLedger(redis, prefix),
    target: { platform: 'discord', tenant: 'discord:G1', channel, requester: 'U1' },
    limit: DISCORD_LIMITS.embedTotal,
    observed: () =>
      fake.timeline
        .filter((e) => e.channel === channel)
        .map(({ kind, id, thread, text }) => ({ kind, id, thread, text })),
  };
});

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
