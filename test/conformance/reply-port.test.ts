import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../../adapters/discord/embeds.js';
import { PLATFORMS } from '../../adapters/platforms.js';
import { ShellPort } from '../../adapters/shell/port.js';
import { loadEnv } from '../../src/config/env.js';
import { ReplyLedger } from '../../src/reply/ledger.js';
import { FakeDiscordRest } from '../support/fake-discord.js';
import { FakeSlack } from '../support/fake-slack.js';
import { describeReplyPortConformance, type PortHarness } from '../support/reply-port-conformance.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

// The outbound half of every registered platform (adapters/platforms.ts), plus the shell, passes one
// suite: each builds its port the way the worker does (Platform.replyPort) against its fake.
let redis: Redis;
let slack: FakeSlack;
let discord: FakeDiscordRest;
const prefix = uniqueName('conf-out');
let discordChannel = 910_000_000_000_000_000n;

beforeAll(async () => {
  redis = new Redis(await testRedisUrl());
  slack = await FakeSlack.start();
  discord = await FakeDiscordRest.start();
});
afterAll(async () => {
  await slack?.close();
  await discord?.close();
  await deleteKeys(redis, `${prefix}*`);
  await redis.quit();
});

const observedIn =
  (
    timeline: () => readonly { channel: string; kind: string; id: string; thread: string; text: string }[],
    channel: string,
  ) =>
  () =>
    timeline()
      .filter((e) => e.channel === channel)
      .map(({ kind, id, thread, text }) => ({ kind, id, thread, text })) as ReturnType<PortHarness['observed']>;

/** How each platform's port meets its fake; a platform registered without one fails below. */
const HARNESSES: Record<string, () => PortHarness> = {
  slack: () => {
    const env = loadEnv({
      SLACK_BOT_TOKEN: 'xoxb-fake-bot-token',
      SLACK_SIGNING_SECRET: 'fake-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL_INTERVAL_MS: '20',
      QUEUE_NAME: prefix,
    });
    const channel = `C-conf-${uniqueName('c')}`;
    return {
      port: platform('slack').replyPort(env, redis),
      ledger: new ReplyLedger(redis, `${prefix}:slack`),
      target: { platform: 'slack', tenant: 'slack:T0001', channel, requester: 'U1' },
      limit: 14_000,
      observed: observedIn(() => slack.timeline, channel),
    };
  },
  discord: () => {
    const env = loadEnv({ DISCORD_TOKEN: 'fake-discord-token', DISCORD_API_URL: discord.apiUrl, QUEUE_NAME: prefix });
    const channel = String(++discordChannel);
    return {
      port: platform('discord').replyPort(env, redis),
      ledger: new ReplyLedger(redis, `${prefix}:discord`),
      target: { platform: 'discord', tenant: 'discord:G1', channel, requester: 'U1' },
      limit: DISCORD_LIMITS.embedTotal,
      observed: observedIn(() => discord.timeline, channel),
    };
  },
  // The shell is not a listed platform (it is the terminal `npm start` opens) but answers through the same port contract.
  shell: () => {
    const port = new ShellPort({ write: () => undefined, limit: 2000, filesDir: mkdtempSync(join(tmpdir(), 'conf-')) });
    return {
      port,
      ledger: new ReplyLedger(redis, `${prefix}:shell`),
      target: { platform: 'shell', tenant: 'shell:tester', channel: 'terminal', requester: 'tester' },
      limit: 2000,
      observed: () => port.transcript.map(({ kind, id, thread, text }) => ({ kind, id, thread, text })),
    };
  },
};

function platform(id: string) {
  const found = PLATFORMS.find((p) => p.id === id);
  if (!found) throw new Error(`${id} is not registered in adapters/platforms.ts`);
  return found;
}

describe('every registered platform has an outbound conformance harness', () => {
  it.each(PLATFORMS.map((p) => p.id))('%s', (id) => {
    expect(Object.keys(HARNESSES)).toContain(id);
  });
});

for (const id of [...PLATFORMS.map((p) => p.id), 'shell']) {
  const harness = HARNESSES[id];
  if (harness) describeReplyPortConformance(id, harness);
}
