import { readFileSync } from 'node:fs';
import { REST } from '@discordjs/rest';
import type { Redis } from 'ioredis';
import { DiscordPort } from '../adapters/discord/port.js';
import { slackClients } from '../adapters/slack/client.js';
import { SLACK_CHANNEL_BURST, SlackPort } from '../adapters/slack/port.js';
import { dispatchRequest } from '../adapters/dispatch.js';
import { PostPacer } from '../src/reply/post-pacer.js';
import type { ReplyPort } from '../src/reply/port.js';
import type { ReplyTarget } from '../src/reply/target.js';
import { startChatRuntime } from '../test/support/chat-runtime.js';
import { FakeDiscordRest } from '../test/support/fake-discord.js';
import { FakeSlack } from '../test/support/fake-slack.js';
import { RateBucket } from '../test/support/rate-bucket.js';

export interface BurstFigures {
  platform: 'slack' | 'discord';
  commands: number;
  users: number;
  answered: number;
  duplicates: number;
  /** Messages the channel had to carry (answers, parents, thread posts). */
  messages: number;
  refused429: number;
  elapsedMs: number;
  /** The least time the fake's limit allows for that many messages (burst, then one a second). */
  floorMs: number;
}

const COMMANDS = ['check prod', 'rules HA001', 'rules HA002', 'topology list'];

/**
 * 20 commands from 5 users at once, in one channel, against a fake that takes a burst of 5 then one
 * post a second and answers 429 with Retry-After beyond: through the real queue, worker, ledger,
 * pacer and platform client. The time runs from the enqueueing to the last message's arrival.
 */
export async function benchBursts(platform: 'slack' | 'discord', redisUrl: string, n = 20): Promise<BurstFigures> {
  const medium = readFileSync(new URL('../../examples/medium.yaml', import.meta.url), 'utf8');
  const limit = new RateBucket(5, 1);
  const slack = platform === 'slack' ? await FakeSlack.start() : undefined;
  const discord = platform === 'discord' ? await FakeDiscordRest.start() : undefined;
  if (slack) slack.limit = limit;
  if (discord) discord.limit = limit;
  const channel = platform === 'slack' ? 'C-bench' : '300000000000000010';
  const makePort = (redis: Redis, name: string): ReplyPort => {
    const pacer = new PostPacer(redis, `${name}:replies`, { channelIntervalMs: 1000, burst: SLACK_CHANNEL_BURST });
    return slack
      ? new SlackPort(slackClients('xoxb-fake-bot-token', slack.apiUrl), pacer)
      : new DiscordPort(new REST({ api: discord!.apiUrl, version: '10' }).setToken('fake-discord-token'), pacer);
  };
  const runtime = await startChatRuntime('bench-burst', (r, name) => new Map([[platform, makePort(r, name)]]), {
    redisUrl,
  });
  const tenant = platform === 'slack' ? 'slack:T0001' : 'discord:300000000000000001';
  await runtime.store.forTenant(tenant).save('prod', medium, 'U-admin');
  const started = Date.now();
  await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const target: ReplyTarget = {
        platform,
        tenant,
        channel,
        requester: `U${(i % 5) + 1}`,
        // A Discord mention: the answer replies to the message it was asked in.
        ...(discord ? { startFrom: String(400000000000000000n + BigInt(i)) } : {}),
      };
      return dispatchRequest(
        runtime.producer,
        {
          requestId: `bench:${platform}:${i}`,
          target,
          text: COMMANDS[i % COMMANDS.length]!,
          isAdmin: () => false,
          adminHint: 'admins',
        },
        { logger: runtime.logger },
      );
    }),
  );
  const timeline = () => (slack ? slack.timeline : discord!.timeline).filter((e) => e.kind !== 'update');
  const keys = () =>
    slack
      ? slack.messages.filter((m) => m.channel === channel && !m.thread_ts).map((m) => m.metadata?.event_payload.key)
      : discord!.messages.filter((m) => m.channel_id === channel).map((m) => m.nonce);
  const deadline = Date.now() + 120_000;
  while (new Set(keys()).size < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  // Anything still coming (a thread's later parts, a duplicate) has time to land.
  await new Promise((r) => setTimeout(r, 1500));
  const posted = timeline();
  const last = Math.max(...posted.map((e) => e.at ?? 0));
  const figures: BurstFigures = {
    platform,
    commands: n,
    users: 5,
    answered: new Set(keys()).size,
    duplicates: keys().length - new Set(keys()).size,
    messages: posted.length,
    refused429: slack ? (slack.limited.get('chat.postMessage') ?? 0) : discord!.rateLimited,
    elapsedMs: last - started,
    floorMs: limit.floorMs(posted.length),
  };
  await runtime.stop();
  await slack?.close();
  await discord?.close();
  return figures;
}
