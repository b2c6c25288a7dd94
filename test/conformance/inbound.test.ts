import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Queue } from 'bullmq';
import { PermissionFlagsBits } from 'discord.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_UNREACHABLE } from '../../adapters/dispatch.js';
import type { Receiver } from '../../adapters/platform.js';
import { PLATFORMS } from '../../adapters/platforms.js';
import { runShellSession, Spinner } from '../../adapters/shell/session.js';
import { loadEnv } from '../../src/config/env.js';
import { PLAIN } from '../../src/format/style.js';
import type { ChatJobInput } from '../../src/queue/job.js';
import { Producer } from '../../src/queue/producer.js';
import { connectRedisFailFast } from '../../src/runtime/redis.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { FakeDiscordRest } from '../support/fake-discord.js';
import { FakeSlack, signSlack } from '../support/fake-slack.js';
import { observeIntake, type IntakeRecord } from '../support/intake.js';
import { freePort, uniqueName, waitUntil } from '../support/redis.js';

// The inbound half of every registered platform (adapters/platforms.ts), plus the shell, driven
// through its real receiver (Platform.startReceiver) against its fake, with the real chat worker
// answering through the platform's own reply port. A case a platform cannot express is skipped with
// its reason, never left out.

const ADMIN_ROLE = '800000000000000001';
const MAX_BYTES = 1 << 20;
let slack: FakeSlack;
let discord: FakeDiscordRest;
let runtime: ChatRuntime;
let intake: IntakeRecord[];
let slackPort: number;
const receivers: Receiver[] = [];
let dead: { producer: Producer; close(): void };

type Enqueue = Producer['enqueue'];
/** Lets a case stand between a receiver and the queue for the requests of one channel. */
let around: { channel: string; run(input: ChatJobInput, next: Enqueue): ReturnType<Enqueue> } | undefined;

beforeAll(async () => {
  slack = await FakeSlack.start();
  discord = await FakeDiscordRest.start();
  slackPort = await freePort();
  const platformEnv = (queueName: string) =>
    loadEnv({
      QUEUE_NAME: queueName,
      MAX_TOPOLOGY_BYTES: String(MAX_BYTES),
      SLACK_BOT_TOKEN: 'xoxb-fake-bot-token',
      SLACK_SIGNING_SECRET: 'fake-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL_INTERVAL_MS: '20',
      SLACK_ADMINS: 'U-admin',
      PORT: String(slackPort),
      DISCORD_TOKEN: 'fake-discord-token',
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_ADMIN_ROLE: ADMIN_ROLE,
    });
  runtime = await startChatRuntime(
    'conf-in',
    (redis, name) => new Map(PLATFORMS.map((p) => [p.id, p.replyPort(platformEnv(name), redis)])),
  );
  const base = runtime.producer.enqueue.bind(runtime.producer);
  runtime.producer.enqueue = (input) =>
    around && input.target.channel === around.channel ? around.run(input, base) : base(input);
  intake = observeIntake(runtime.producer);
  const env = platformEnv(runtime.name);
  for (const p of PLATFORMS) receivers.push(await p.startReceiver(env, runtime.services, runtime.logger));
  await waitUntil(() => discord.socketCount > 0, 20_000, 'the Discord gateway connected');

  // A producer whose Redis is gone: what a receiver meets when the queue is unreachable.
  const deadRedis = connectRedisFailFast(`redis://127.0.0.1:${await freePort()}`);
  deadRedis.on('error', () => undefined);
  const deadQueue = new Queue(uniqueName('dead'), { connection: deadRedis });
  deadQueue.on('error', () => undefined);
  dead = {
    producer: new Producer(deadQueue, deadRedis, {
      attempts: 1,
      backoffMs: 10,
      keepCompleted: { age: 60, count: 10 },
      keepFailed: { age: 60, count: 10 },
    }),
    close: () => deadRedis.disconnect(),
  };
}, 30_000);

afterAll(async () => {
  for (const r of receivers) await r.stop();
  dead?.close();
  await runtime?.stop();
  await slack?.close();
  await discord?.close();
});

// ---- Slack: signed HTTP requests, as Slack sends them --------------------------------------------

function slashBody(text: string, channel: string, user = 'U1', response = uniqueName('resp')): string {
  return new URLSearchParams({
    token: 'x',
    team_id: 'T0001',
    team_domain: 'fake',
    channel_id: channel,
    channel_name: 'infra',
    user_id: user,
    user_name: 'op',
    command: '/voipnow',
    text,
    api_app_id: 'A1',
    response_url: slack.responseUrl(response),
    trigger_id: uniqueName('trig'),
  }).toString();
}

function postSlack(body: string, type = 'application/x-www-form-urlencoded', headers: Record<string, string> = {}) {
  return fetch(`http://127.0.0.1:${slackPort}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': type, ...signSlack('fake-signing-secret', body), ...headers },
    body,
  });
}

function mention(channel: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    team_id: 'T0001',
    event_id: uniqueName('Ev'),
    type: 'event_callback',
    event: { type: 'app_mention', user: 'U1', text: `<@UBOT> ${text}`, ts: '1700000500.000100', channel, ...extra },
  };
}

// ---- Discord: gateway interactions, as Discord dispatches them ------------------------------------

let seq = 0;
const snowflake = (offset = 0) => String(((BigInt(Date.now()) - 1420070400000n) << 22n) + BigInt(offset));
const BOT_PERMISSIONS = String(
  PermissionFlagsBits.ViewChannel |
    PermissionFlagsBits.SendMessages |
    PermissionFlagsBits.CreatePublicThreads |
    PermissionFlagsBits.SendMessagesInThreads |
    PermissionFlagsBits.EmbedLinks |
    PermissionFlagsBits.AttachFiles,
);

function interaction(
  sub: string,
  options: { type: number; name: string; value: string }[],
  attachment?: { url: string; filename: string; size: number },
) {
  const id = snowflake(++seq);
  const token = `itok-conf-${seq}-${id}`;
  const attachmentId = snowflake(1000 + seq);
  const user = { id: '500000000000000001', username: 'op', discriminator: '0', global_name: null, avatar: null };
  const channel = discord.guild.channels[0]!.id;
  const payload = {
    id,
    application_id: '300000000000000098',
    type: 2,
    token,
    version: 1,
    guild_id: discord.guild.id,
    member: {
      user,
      roles: [],
      permissions: '0',
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
    context: 0,
    channel_id: channel,
    channel: { id: channel, type: 0, guild_id: discord.guild.id, name: 'infra' },
    app_permissions: BOT_PERMISSIONS,
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
          options: [...options, ...(attachment ? [{ type: 11, name: 'file', value: attachmentId }] : [])],
        },
      ],
      ...(attachment
        ? {
            resolved: {
              attachments: {
                [attachmentId]: {
                  id: attachmentId,
                  filename: attachment.filename,
                  size: attachment.size,
                  url: attachment.url,
                  proxy_url: attachment.url,
                  content_type: 'text/yaml',
                },
              },
            },
          }
        : {}),
    },
  };
  return { id, token, channel, payload };
}

const edits = (token: string) => discord.originalEdits.filter((e) => e.token === token);
const deferral = (id: string) => discord.interactionCallbacks.find((c) => c.id === id);

// ---- The shell: lines typed into a session --------------------------------------------------------

async function typeIntoShell(line: string, producer: Producer): Promise<string> {
  const out: string[] = [];
  const output = Object.assign(new PassThrough(), { isTTY: false });
  output.on('data', (c: Buffer) => out.push(c.toString()));
  const input = new PassThrough();
  const session = runShellSession({
    input,
    output,
    producer,
    waitFor: () => Promise.resolve(),
    tenant: 'shell:tester',
    user: 'tester',
    maxBytes: MAX_BYTES,
    style: PLAIN,
    spinner: new Spinner(output),
    logger: pino({ level: 'silent' }),
  });
  input.end(`${line}\n`);
  await session;
  // Without the prompt the answer follows.
  return out.join('').replaceAll('voipnow> ', '');
}

// ---- The cases ------------------------------------------------------------------------------------

/** What every platform shows for each case; `skip` is the reason a platform cannot express it. */
interface Outcome {
  /** In the order they happened: 'ack' (the platform saw the acknowledgement), 'enqueued', 'answered'. */
  events?: string[];
  /** Intake records of a request delivered twice. */
  deliveries?: IntakeRecord[];
  /** What the requester was told, and whether only they could see it. */
  told?: { text: string; private: boolean | 'n/a' };
}
type Case = (() => Promise<Outcome>) | { skip: string };
type Driver = Record<
  | 'acknowledged before the job runs'
  | 'a redelivered request is enqueued once'
  | 'admin-only commands refused for non-admins'
  | 'an attachment over the size cap refused in one line naming size and limit'
  | 'queue unreachable answered with a one-line apology'
  | 'help and usage errors are private',
  Case
>;

/** Holds the enqueue of `channel`'s request until `release`, recording the order of what happened. */
function holding(channel: string) {
  const events: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  around = {
    channel,
    async run(input, next) {
      await gate;
      const result = await next(input);
      events.push('enqueued');
      return result;
    },
  };
  return { events, release };
}

function failing(channel: string) {
  around = { channel, run: (input) => dead.producer.enqueue(input) };
}

const DRIVERS: Record<string, Driver> = {
  slack: {
    'acknowledged before the job runs': async () => {
      const channel = uniqueName('C-ack');
      const { events, release } = holding(channel);
      void postSlack(slashBody('rules HA001', channel)).then((res) =>
        events.push(res.ok ? 'ack' : `http ${res.status}`),
      );
      // The enqueue is held: the acknowledgement can only come if it does not wait for the queue.
      await waitUntil(() => events.length > 0, 20_000, 'the acknowledgement while the enqueue is held');
      release();
      await waitUntil(() => slack.messages.some((m) => m.channel === channel), 20_000, 'the answer');
      events.push('answered');
      return { events };
    },
    'a redelivered request is enqueued once': async () => {
      const channel = uniqueName('C-dup');
      const event = JSON.stringify(mention(channel, 'rules HA001'));
      await postSlack(event, 'application/json');
      await postSlack(event, 'application/json', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
      await waitUntil(() => intake.filter((r) => r.input.target.channel === channel).length === 2, 20_000, 'both');
      return { deliveries: intake.filter((r) => r.input.target.channel === channel) };
    },
    'admin-only commands refused for non-admins': async () => {
      const channel = uniqueName('C-adm');
      const url = uniqueName('adm');
      await postSlack(slashBody('topology delete prod', channel, 'U1', url));
      await waitUntil(() => slack.responses.some((r) => r.url.endsWith(url)), 20_000, 'the refusal');
      const shown = slack.responses.filter((r) => r.url.endsWith(url));
      return {
        told: {
          text: shown.map((r) => String(r.text ?? '')).join('\n'),
          private:
            shown.every((r) => r.response_type === 'ephemeral') && !slack.messages.some((m) => m.channel === channel),
        },
      };
    },
    'an attachment over the size cap refused in one line naming size and limit': async () => {
      const channel = uniqueName('C-big');
      const file = slack.addFile('big.yaml', 'x');
      await postSlack(
        JSON.stringify(mention(channel, 'check this', { files: [{ ...file, size: 5 << 20 }] })),
        'application/json',
      );
      await waitUntil(() => slack.ephemerals.some((m) => m.channel === channel), 20_000, 'the refusal');
      const shown = slack.ephemerals.filter((m) => m.channel === channel);
      return {
        told: {
          text: shown.map((m) => m.text).join('\n'),
          private: !slack.messages.some((m) => m.channel === channel),
        },
      };
    },
    'queue unreachable answered with a one-line apology': async () => {
      const channel = uniqueName('C-dead');
      failing(channel);
      await postSlack(slashBody('check prod', channel));
      await waitUntil(() => slack.ephemerals.some((m) => m.channel === channel), 20_000, 'the apology');
      return { told: { text: slack.ephemerals.find((m) => m.channel === channel)!.text, private: true } };
    },
    'help and usage errors are private': async () => {
      const channel = uniqueName('C-help');
      const told: string[] = [];
      let allPrivate = true;
      for (const text of ['help', 'chekc prod']) {
        const url = uniqueName('help');
        await postSlack(slashBody(text, channel, 'U1', url));
        await waitUntil(() => slack.responses.some((r) => r.url.endsWith(url)), 20_000, `the answer to ${text}`);
        const shown = slack.responses.filter((r) => r.url.endsWith(url));
        allPrivate &&= shown.every((r) => r.response_type === 'ephemeral');
        told.push(...shown.map((r) => String(r.text ?? '')));
      }
      return {
        told: { text: told.join('\n'), private: allPrivate && !slack.messages.some((m) => m.channel === channel) },
      };
    },
  },
  discord: {
    'acknowledged before the job runs': async () => {
      const { id, token, channel, payload } = interaction('rules', [{ type: 3, name: 'id', value: 'HA001' }]);
      const { events, release } = holding(channel);
      discord.dispatch('INTERACTION_CREATE', payload);
      await waitUntil(() => Boolean(deferral(id)), 20_000, 'the deferral while the enqueue is held');
      events.push('ack');
      release();
      await waitUntil(() => edits(token).some((e) => e.embeds?.length), 20_000, 'the answer');
      events.push('answered');
      return { events };
    },
    'a redelivered request is enqueued once': async () => {
      const { id, payload } = interaction('rules', [{ type: 3, name: 'id', value: 'HA002' }]);
      discord.dispatch('INTERACTION_CREATE', payload);
      discord.dispatch('INTERACTION_CREATE', payload);
      const mine = () => intake.filter((r) => r.input.requestId === `discord:${id}`);
      await waitUntil(() => mine().length === 2, 20_000, 'both deliveries');
      return { deliveries: mine() };
    },
    'admin-only commands refused for non-admins': async () => {
      const { id, token, payload } = interaction('delete', [{ type: 3, name: 'name', value: 'prod' }]);
      discord.dispatch('INTERACTION_CREATE', payload);
      await waitUntil(() => edits(token).length > 0, 20_000, 'the refusal');
      return { told: { text: edits(token).at(-1)!.content ?? '', private: flagged(id) } };
    },
    'an attachment over the size cap refused in one line naming size and limit': async () => {
      const file = discord.addFile('big.yaml', 'x');
      const { id, token, payload } = interaction('check', [], { ...file, size: 5 << 20 });
      discord.dispatch('INTERACTION_CREATE', payload);
      await waitUntil(() => edits(token).length > 0, 20_000, 'the refusal');
      return { told: { text: edits(token).at(-1)!.content ?? '', private: flagged(id) } };
    },
    'queue unreachable answered with a one-line apology': async () => {
      const { token, channel, payload } = interaction('rules', [{ type: 3, name: 'id', value: 'HA003' }]);
      failing(channel);
      discord.dispatch('INTERACTION_CREATE', payload);
      await waitUntil(() => edits(token).length > 0, 20_000, 'the apology');
      return { told: { text: edits(token).at(-1)!.content ?? '', private: 'n/a' } };
    },
    'help and usage errors are private': async () => {
      const { id, token, payload } = interaction('help', []);
      discord.dispatch('INTERACTION_CREATE', payload);
      await waitUntil(() => edits(token).length > 0, 20_000, 'the help');
      return { told: { text: edits(token).at(-1)!.content ?? '', private: flagged(id) } };
    },
  },
  shell: {
    'acknowledged before the job runs': { skip: 'a terminal has no acknowledgement to send: the line is read locally' },
    'a redelivered request is enqueued once': { skip: 'a typed line is read once; nothing redelivers it' },
    'admin-only commands refused for non-admins': { skip: 'the terminal’s user owns its tenant (shell:<user>)' },
    'an attachment over the size cap refused in one line naming size and limit': async () => {
      const dir = mkdtempSync(join(tmpdir(), 'conf-in-'));
      writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(MAX_BYTES + 1));
      const shown = await typeIntoShell(`check ${join(dir, 'big.yaml')}`, runtime.producer);
      return { told: { text: shown.split('\n').find((l) => l.includes('big.yaml')) ?? shown, private: 'n/a' } };
    },
    'queue unreachable answered with a one-line apology': async () => {
      const shown = await typeIntoShell('rules HA001', dead.producer);
      return { told: { text: shown.split('\n').find((l) => l.includes('🚫')) ?? shown, private: 'n/a' } };
    },
    'help and usage errors are private': { skip: 'n/a: a terminal has one reader, so there is no public or private' },
  },
};

/** Discord's ephemeral flag (64) on the deferral: only the requester sees what follows. */
function flagged(id: string): boolean {
  const data = deferral(id)?.data as { flags?: number } | undefined;
  return ((data?.flags ?? 0) & 64) === 64;
}

/** What each case demands, whatever the platform. */
const EXPECT: Record<keyof Driver, (o: Outcome) => void> = {
  'acknowledged before the job runs': ({ events }) => {
    expect(events).toEqual(['ack', 'enqueued', 'answered']);
  },
  'a redelivered request is enqueued once': ({ deliveries }) => {
    expect(deliveries).toHaveLength(2);
    expect(deliveries!.filter((d) => !d.duplicate)).toHaveLength(1);
    expect(new Set(deliveries!.map((d) => d.jobId)).size).toBe(1);
  },
  'admin-only commands refused for non-admins': ({ told }) => {
    expect(told!.text).toMatch(/Only .+ may delete topologies\./);
    expect(told!.private).toBe(true);
  },
  'an attachment over the size cap refused in one line naming size and limit': ({ told }) => {
    const line = told!.text.trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('big.yaml');
    // The size it is and the limit it is over, in the platform's own units.
    expect(line).toMatch(/(5 MiB|1048577 bytes)/);
    expect(line).toMatch(/(1 MiB|1048576-byte)/);
    expect(told!.private).not.toBe(false);
  },
  'queue unreachable answered with a one-line apology': ({ told }) => {
    expect(told!.text.trim()).toBe(QUEUE_UNREACHABLE);
  },
  'help and usage errors are private': ({ told }) => {
    expect(told!.text.length).toBeGreaterThan(0);
    expect(told!.private).toBe(true);
  },
};

describe('every registered platform has an inbound conformance driver', () => {
  it.each(PLATFORMS.map((p) => p.id))('%s', (id) => {
    expect(Object.keys(DRIVERS)).toContain(id);
  });
});

for (const id of [...PLATFORMS.map((p) => p.id), 'shell']) {
  const driver = DRIVERS[id];
  if (!driver) continue;
  describe(`inbound conformance: ${id}`, () => {
    for (const [name, run] of Object.entries(driver) as [keyof Driver, Case][]) {
      if ('skip' in run) {
        it.skip(`${name} (skipped: ${run.skip})`, () => undefined);
        continue;
      }
      it(name, async () => {
        try {
          EXPECT[name](await run());
        } finally {
          around = undefined;
        }
      });
    }
  });
}
