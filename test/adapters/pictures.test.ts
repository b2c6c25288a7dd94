import { readFileSync } from 'node:fs';
import { REST } from '@discordjs/rest';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordPort } from '../../adapters/discord/port.js';
import { slackClients } from '../../adapters/slack/client.js';
import { SlackPort } from '../../adapters/slack/port.js';
import { boundedPictures, type Pictures } from '../../src/diagram/picture.js';
import { PostPacer } from '../../src/reply/post-pacer.js';
import type { ReplyPort } from '../../src/reply/port.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { chatJob } from '../support/chat-job.js';
import { FakeDiscordRest } from '../support/fake-discord.js';
import { FakeSlack } from '../support/fake-slack.js';
import { waitUntil } from '../support/redis.js';

const example = (name: string) => readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8');
const small = { name: 'small.yaml', content: example('small') };

/** Width and height from a PNG's IHDR, after checking its signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

let slack: FakeSlack;
let discord: FakeDiscordRest;
let runtime: ChatRuntime;
let broken: ChatRuntime;

beforeAll(async () => {
  slack = await FakeSlack.start();
  discord = await FakeDiscordRest.start();
  const ports = (redis: Redis, name: string) =>
    new Map<string, ReplyPort>([
      [
        'slack',
        new SlackPort(
          slackClients('xoxb-fake-bot-token', slack.apiUrl),
          new PostPacer(redis, `${name}:pace`, { channelIntervalMs: 1 }),
        ),
      ],
      ['discord', new DiscordPort(new REST({ api: discord.apiUrl, version: '10' }).setToken('fake-discord-token'))],
    ]);
  runtime = await startChatRuntime('pictures', ports, { pictures: boundedPictures({ timeoutMs: 60_000 }) });
  const failing: Pictures = { draw: () => Promise.reject(new Error('drawing took longer than 20 s')) };
  broken = await startChatRuntime('pictures-broken', ports, { pictures: failing });
  await runtime.store.forTenant('slack:T1').save('large', example('large'), 'U1');
});

afterAll(async () => {
  await runtime?.stop();
  await broken?.stop();
  await slack?.close();
  await discord?.close();
});

function send(rt: ChatRuntime, text: string, id: string, target: ReplyTarget, attachment?: typeof small) {
  const job = chatJob(text, id, attachment, target.tenant);
  return rt.producer.enqueue({ ...job, target });
}

describe('pictures in chat threads', () => {
  it('Slack: a check answer carries the PNG in its thread, uploaded with files.uploadV2 and alt text', async () => {
    const target = { platform: 'slack', tenant: 'slack:T1', channel: 'C-pic', requester: 'U1' } as const;
    await send(runtime, 'check', 'pic-slack-1', target, small);
    await waitUntil(() => slack.uploads.some((u) => u.channel === 'C-pic'), 30_000, 'the picture upload');
    const upload = slack.uploads.find((u) => u.channel === 'C-pic')!;
    const parent = slack.messages.find((m) => m.channel === 'C-pic' && !m.thread_ts)!;
    expect(upload.thread_ts).toBe(parent.ts);
    expect(upload.filename).toBe('small-lab.png');
    expect(upload.length).toBe(upload.bytes.length);
    expect(upload.alt_text).toMatch(
      /^Diagram of small-lab: 3 nodes on 3 hosts in 1 zones, 2 load balancers; findings: /,
    );
    const { width, height } = pngSize(upload.bytes);
    expect(Math.max(width, height)).toBeLessThanOrEqual(4000);
    // The text answer is there too, before the picture.
    expect(
      slack.messages.some((m) => m.thread_ts === parent.ts && JSON.stringify(m.blocks).includes('Check of small-lab')),
    ).toBe(true);
    expect(slack.calls.map((c) => c.method)).toEqual(
      expect.arrayContaining(['files.getUploadURLExternal', 'files.completeUploadExternal']),
    );
  });

  it('Slack: a large topology gets a Diagram button instead, which draws it on demand', async () => {
    const target = { platform: 'slack', tenant: 'slack:T1', channel: 'C-big', requester: 'U1' } as const;
    await send(runtime, 'check large', 'pic-slack-2', target);
    await waitUntil(() => slack.updates.some((u) => u.channel === 'C-big'), 30_000, 'the check verdict');
    expect(slack.uploads.some((u) => u.channel === 'C-big' && u.filename.endsWith('.png'))).toBe(false);
    const blocks = JSON.stringify(slack.messages.filter((m) => m.channel === 'C-big').map((m) => m.blocks));
    expect(blocks).toContain('diagram large');
    await send(runtime, 'diagram large', 'pic-slack-3', target);
    await waitUntil(
      () => slack.uploads.some((u) => u.channel === 'C-big' && u.filename.endsWith('.png')),
      60_000,
      'the large picture',
    );
    const upload = slack.uploads.find((u) => u.channel === 'C-big' && u.filename.endsWith('.png'))!;
    expect(upload.filename).toBe('large-provider.png');
    expect(Math.max(...Object.values(pngSize(upload.bytes)))).toBe(4000);
  });

  it('Discord: a what-if answer carries the PNG as an attachment shown in an embed', async () => {
    const channel = discord.guild.channels[0]!.id;
    const target = { platform: 'discord', tenant: 'discord:G1', channel, requester: 'U1' } as const;
    await send(runtime, 'whatif what happens if node-1 fails', 'pic-discord-1', target, small);
    await waitUntil(
      () => discord.messages.some((m) => m.uploads?.some((u) => u.name.endsWith('.png'))),
      30_000,
      'the picture',
    );
    const posted = discord.messages.find((m) => m.uploads?.some((u) => u.name.endsWith('.png')))!;
    const file = posted.uploads!.find((u) => u.name === 'small-lab-whatif.png')!;
    expect(file.contentType).toBe('image/png');
    pngSize(file.bytes);
    expect(posted.embeds?.[0]?.image?.url).toBe('attachment://small-lab-whatif.png');
    expect(posted.embeds?.[0]?.description).toMatch(/node-1 fails: total; 1 nodes crossed out/);
    expect(posted.attachments?.[0]?.description).toContain('Diagram of small-lab');
    expect(discord.threads.has(posted.channel_id)).toBe(true);
  });

  it('a picture that cannot be drawn costs a line, never the text answer', async () => {
    const target = { platform: 'slack', tenant: 'slack:T1', channel: 'C-broken', requester: 'U1' } as const;
    await send(broken, 'check', 'pic-broken-1', target, small);
    await waitUntil(() => slack.updates.some((u) => u.channel === 'C-broken'), 30_000, 'the check verdict');
    const text = JSON.stringify(slack.messages.filter((m) => m.channel === 'C-broken').map((m) => m.blocks));
    expect(text).toContain('Check of small-lab');
    expect(text).toContain('No diagram this time: drawing took longer than 20 s');
    expect(slack.uploads.some((u) => u.channel === 'C-broken')).toBe(false);
  });
});
