import { DiscordAPIError, REST } from '@discordjs/rest';
import { WebClient } from '@slack/web-api';
import { Routes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, FakeDiscordRest } from '../support/fake-discord.js';
import { FakeSlack, slackEncode } from '../support/fake-slack.js';
import { RateBucket } from '../support/rate-bucket.js';

// The fakes are only worth testing against if they refuse what the platforms refuse.
let discord: FakeDiscordRest;
let slack: FakeSlack;
beforeAll(async () => {
  [discord, slack] = await Promise.all([FakeDiscordRest.start(), FakeSlack.start()]);
});
afterAll(async () => {
  await Promise.all([discord.close(), slack.close()]);
});

const rest = () => new REST({ api: discord.apiUrl, version: '10', retries: 0 }).setToken('fake-discord-token');
const codeOf = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return { code: Number((error as DiscordAPIError).code), status: (error as DiscordAPIError).status };
};

describe('fake Discord', () => {
  it('ids are snowflakes of the current time', async () => {
    const before = Date.now();
    const m = (await rest().post(Routes.channelMessages('310000000000000001'), { body: { content: 'x' } })) as {
      id: string;
    };
    const ms = Number((BigInt(m.id) >> 22n) + 1_420_070_400_000n);
    expect(ms).toBeGreaterThanOrEqual(before - 1);
  });

  it('50024 for a thread from a DM, thread, forum post or voice chat message', async () => {
    const where = [
      ['310000000000000002', CHANNEL.dm],
      ['310000000000000003', CHANNEL.publicThread],
      ['310000000000000004', CHANNEL.voice],
    ] as const;
    for (const [id, type] of where) {
      discord.setChannel(id, type);
      const m = (await rest().post(Routes.channelMessages(id), { body: { content: 'x' } })) as { id: string };
      expect(await codeOf(rest().post(Routes.threads(id, m.id), { body: { name: 't' } }))).toEqual({
        code: 50024,
        status: 400,
      });
    }
  });

  it('50013 without Create Public Threads or Send Messages in Threads', async () => {
    const channel = '310000000000000005';
    const m = (await rest().post(Routes.channelMessages(channel), { body: { content: 'x' } })) as { id: string };
    await rest().post(Routes.threads(channel, m.id), { body: { name: 't' } });
    discord.deny(channel, 'SEND_MESSAGES_IN_THREADS');
    expect(await codeOf(rest().post(Routes.channelMessages(m.id), { body: { content: 'y' } }))).toEqual({
      code: 50013,
      status: 403,
    });
    discord.deny(channel, 'CREATE_PUBLIC_THREADS');
    const n = (await rest().post(Routes.channelMessages(channel), { body: { content: 'x' } })) as { id: string };
    expect(await codeOf(rest().post(Routes.threads(channel, n.id), { body: { name: 't' } }))).toEqual({
      code: 50013,
      status: 403,
    });
  });

  it('50035 for a body over the limits, naming the field', async () => {
    const channel = '310000000000000006';
    const cases = [
      { embeds: [{ description: 'x'.repeat(4097) }] },
      { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] },
      {
        embeds: [
          {
            title: 't'.repeat(200),
            description: 'd'.repeat(4000),
            fields: [
              { name: 'n', value: 'v'.repeat(1000) },
              { name: 'n', value: 'v'.repeat(1000) },
            ],
          },
        ],
      },
      { embeds: Array.from({ length: 11 }, () => ({ description: 'x' })) },
      { content: 'c'.repeat(2001) },
    ];
    for (const body of cases) {
      const error = await rest()
        .post(Routes.channelMessages(channel), { body })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect((error as DiscordAPIError).code).toBe(50035);
      expect((error as DiscordAPIError).message).toMatch(/Must be \d+ or fewer in length|Embed size exceeds/);
    }
  });

  it('429 beyond the per-channel limit, with Retry-After', async () => {
    discord.limit = new RateBucket(2, 1);
    try {
      const channel = '310000000000000007';
      const post = () =>
        fetch(`${discord.apiUrl}/v10/channels/${channel}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"content":"x"}',
        });
      expect((await post()).status).toBe(200);
      expect((await post()).status).toBe(200);
      const third = await post();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      discord.limit = undefined;
    }
  });
});

describe('fake Slack', () => {
  it('encodes typed text as Slack does', () => {
    expect(
      slackEncode('sip & pbx <b> see https://x.io/a or db.example.com, mail ops@example.com <@U1> <#C1|infra>'),
    ).toBe(
      'sip &amp; pbx &lt;b&gt; see <https://x.io/a> or <http://db.example.com|db.example.com>, mail <mailto:ops@example.com|ops@example.com> <@U1> <#C1|infra>',
    );
  });

  it('refuses posts where the bot is not a member: not_in_channel in public, channel_not_found elsewhere', async () => {
    const client = new WebClient('xoxb-fake-bot-token', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    slack.addConversation('C-pub-out', { kind: 'public', member: false });
    slack.addConversation('D-colleagues', { kind: 'im', member: false });
    await expect(client.chat.postMessage({ channel: 'C-pub-out', text: 'x' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    await expect(client.chat.postMessage({ channel: 'D-colleagues', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(client.chat.postEphemeral({ channel: 'D-colleagues', user: 'U1', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
  });

  it('answers 429 with Retry-After beyond a burst', async () => {
    const client = new WebClient('xoxb-fake-bot-token', { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true });
    slack.limit = new RateBucket(2, 1);
    try {
      await client.chat.postMessage({ channel: 'C-burst', text: '1' });
      await client.chat.postMessage({ channel: 'C-burst', text: '2' });
      await expect(client.chat.postMessage({ channel: 'C-burst', text: '3' })).rejects.toMatchObject({
        code: 'slack_webapi_rate_limited_error',
        retryAfter: 1,
      });
    } finally {
      slack.limit = undefined;
    }
  });
});
