import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../adapters/slack/app.js';
import { slackClients } from '../../adapters/slack/client.js';
import { SlackPort, slackResponseHosts } from '../../adapters/slack/port.js';
import { Producer } from '../../src/queue/producer.js';
import { PostPacer } from '../../src/reply/post-pacer.js';
import { type TopologyStore } from '../../src/store/topology-store.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { FakeSlack, PINGS, signSlack, slackEncode } from '../support/fake-slack.js';
import { observeIntake, queueSettled, type IntakeRecord } from '../support/intake.js';
import { freePort, uniqueName, waitUntil } from '../support/redis.js';

const BOT = 'xoxb-fake-bot-token';
const APP = 'xapp-fake-app-token';
const SECRET = 'fake-signing-secret';
const medium = readFileSync(new URL('../../examples/medium.yaml', import.meta.url), 'utf8');

let fake: FakeSlack;
let redis: Redis;
let name: string;
let queue: Queue;
let runtime: ChatRuntime;
let httpApp: ReturnType<typeof createSlackApp>;
let socketApp: ReturnType<typeof createSlackApp>;
let httpPort: number;
let store: TopologyStore;
let intake: IntakeRecord[];

beforeAll(async () => {
  fake = await FakeSlack.start();
  runtime = await startChatRuntime(
    'slack',
    (r, n) =>
      new Map([
        [
          'slack',
          new SlackPort(
            slackClients(BOT, fake.apiUrl),
            new PostPacer(r, `${n}:replies`, { channelIntervalMs: 20 }),
            slackResponseHosts(fake.apiUrl),
          ),
        ],
      ]),
    { audits: { minIntervalMs: 500 } },
  );
  ({ redis, name, queue, store } = runtime);
  const { producer, logger } = runtime;
  intake = observeIntake(producer);
  await store.forTenant('slack:T0001').save('prod', medium, 'U-admin');
  const common = {
    botToken: BOT,
    apiUrl: fake.apiUrl,
    producer,
    policy: { admins: ['U-admin'] },
    maxBytes: 1 << 20,
    logger,
    presses: { redis, prefix: name },
  };
  httpPort = await freePort();
  httpApp = createSlackApp({ ...common, signingSecret: SECRET, port: httpPort });
  await httpApp.start(httpPort);
  socketApp = createSlackApp({ ...common, appToken: APP, port: 0 });
  await socketApp.start();
});

afterAll(async () => {
  await httpApp?.stop();
  await socketApp?.stop();
  await runtime?.stop();
  await fake?.close();
});

function slashBody(text: string, trigger: string, channel = 'C-http', user = 'U1', responseUrl?: string): string {
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
    response_url: responseUrl ?? `http://127.0.0.1:${fake.port}/response`,
    trigger_id: trigger,
  }).toString();
}

async function postSigned(body: string, headers: Record<string, string>, type = 'application/x-www-form-urlencoded') {
  return fetch(`http://127.0.0.1:${httpPort}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body,
  });
}

/**
 * The answers in one channel: a short one is a single message (its text the verdict), a long one a
 * parent, the answer in its thread and the edit of the parent.
 */
async function threadIn(channel: string, count = 1) {
  const top = () => fake.messages.filter((m) => m.channel === channel && !m.thread_ts);
  const alone = (m: { blocks?: unknown[] }) => Boolean(m.blocks?.length);
  await waitUntil(
    () => top().filter((p) => alone(p) || fake.updates.some((u) => u.ts === p.ts)).length >= count,
    20_000,
    `verdict in ${channel}`,
  );
  return top().map((p) => ({
    parent: p,
    alone: alone(p),
    answers: alone(p) ? [p] : fake.messages.filter((m) => m.thread_ts === p.ts),
    update: alone(p) ? { channel, ts: p.ts, text: p.text } : fake.updates.find((u) => u.ts === p.ts),
  }));
}

describe('Slack adapter against a fake Slack', () => {
  it('HTTP mode: a signed /voipnow is acked, then parent, threaded answer and edited verdict', async () => {
    const body = slashBody('check prod', 'trig-http-1');
    const res = await postSigned(body, signSlack(SECRET, body));
    expect(res.status).toBe(200);
    const [t] = await threadIn('C-http');
    // A short result is one message: no parent, no thread, no edit; it says who asked.
    expect(t!.alone).toBe(true);
    expect(fake.messages.filter((m) => m.channel === 'C-http')).toHaveLength(1);
    expect(fake.updates.filter((u) => u.channel === 'C-http')).toHaveLength(0);
    expect(JSON.stringify(t!.answers[0]!.blocks)).toContain('Check of regional-eu');
    expect(JSON.stringify(t!.answers[0]!.blocks)).toContain('asked by <@U1>');
    expect(t!.update!.text).toMatch(/^✅ regional-eu: 0 errors, 0 warnings, 1 info/);
    // Buttons for follow-ups.
    expect(JSON.stringify(t!.answers.at(-1)!.blocks)).toContain('voipnow_run_0');
  });

  it('HTTP mode: forged, unsigned or stale requests get 401 and nothing is enqueued', async () => {
    const before = await queue.count();
    const body = slashBody('check prod', 'trig-forged', 'C-forged');
    expect((await postSigned(body, signSlack('wrong-secret', body))).status).toBe(401);
    expect((await postSigned(body, {})).status).toBe(401);
    expect((await postSigned(body, signSlack(SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60))).status).toBe(401);
    // Signed, but stamped ten minutes ahead: a replay kept for later is refused like a stale one.
    expect((await postSigned(body, signSlack(SECRET, body, Math.floor(Date.now() / 1000) + 10 * 60))).status).toBe(401);
    // A body over the limit is refused from its length alone, before its signature is checked.
    const huge = 'x'.repeat(600 * 1024);
    expect((await postSigned(huge, signSlack(SECRET, huge))).status).toBe(413);
    // The refusals are final answers: nothing reached the producer for them.
    expect(intake.filter((r) => r.input.target.channel === 'C-forged')).toHaveLength(0);
    expect(await queue.count()).toBe(before);
    expect(fake.messages.filter((m) => m.channel === 'C-forged')).toHaveLength(0);
  });

  it('Socket Mode: a slash command envelope is acked and answered in a thread', async () => {
    const ack = await fake.envelope(
      'slash_commands',
      Object.fromEntries(
        new URLSearchParams(slashBody('whatif what happens if PBX fails on prod', 'trig-sock-1', 'C-sock')),
      ),
    );
    expect(ack).toBeDefined();
    const [t] = await threadIn('C-sock');
    expect(t!.update!.text).toMatch(/If 1 pbx node fails: PARTIAL/);
  });

  it('an uploaded file with a mention is fetched from the file host and checked in its thread', async () => {
    const file = fake.addFile('prod.yaml', readFileSync(new URL('../../examples/broken/counts.yaml', import.meta.url)));
    await fake.envelope('events_api', {
      team_id: 'T0001',
      event_id: 'Ev-file-1',
      type: 'event_callback',
      event: {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> check this',
        ts: '1700000500.000100',
        channel: 'C-file',
        files: [file],
      },
    });
    await waitUntil(
      () => fake.messages.some((m) => m.channel === 'C-file' && m.thread_ts === '1700000500.000100'),
      20_000,
      'answer in the file thread',
    );
    const answer = fake.messages.find((m) => m.channel === 'C-file')!;
    expect(JSON.stringify(answer.blocks)).toContain('broken-counts');
    expect(fake.messages.filter((m) => m.channel === 'C-file' && !m.thread_ts)).toHaveLength(0);
  });

  it('a DM file event without a download address is looked up with files.info, then fetched', async () => {
    const file = fake.addFile('dm.yaml', medium);
    await fake.envelope('events_api', {
      team_id: 'T0001',
      event_id: 'Ev-dm-1',
      type: 'event_callback',
      event: {
        type: 'message',
        subtype: 'file_share',
        channel_type: 'im',
        user: 'U1',
        text: 'check this',
        ts: '1700000550.000100',
        channel: 'D-dm',
        files: [{ id: file.id, name: file.name }],
      },
    });
    await waitUntil(() => fake.messages.some((m) => m.channel === 'D-dm'), 20_000, 'DM answer');
    expect(fake.calls.some((c) => c.method === 'files.info' && c.args.file === file.id)).toBe(true);
    expect(JSON.stringify(fake.messages.find((m) => m.channel === 'D-dm')!.blocks)).toContain('regional-eu');
  });

  it('a file from another host is refused, never fetched with the bot token', async () => {
    await fake.envelope('events_api', {
      team_id: 'T0001',
      event_id: 'Ev-evil-1',
      type: 'event_callback',
      event: {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> check this',
        ts: '1700000560.000100',
        channel: 'C-evil',
        files: [{ id: 'F1', name: 'x.yaml', size: 10, url_private_download: 'http://203.0.113.9/steal' }],
      },
    });
    // A file problem is the requester's alone: an ephemeral in the mention's thread, nothing public.
    await waitUntil(() => fake.ephemerals.some((m) => m.channel === 'C-evil'), 20_000);
    const shown = fake.ephemerals.find((m) => m.channel === 'C-evil')!;
    expect(shown).toMatchObject({ user: 'U1', thread_ts: '1700000560.000100' });
    expect(JSON.stringify(shown.blocks)).toMatch(/only from Slack's file host, not 203.0.113.9/);
    expect(fake.messages.filter((m) => m.channel === 'C-evil')).toHaveLength(0);
  });

  it('a file bigger than the cap is refused before its body is read', async () => {
    const file = fake.addFile('huge.yaml', 'x');
    await fake.envelope('events_api', {
      team_id: 'T0001',
      event_id: 'Ev-big-1',
      type: 'event_callback',
      event: {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> check this',
        ts: '1700000600.000100',
        channel: 'C-big',
        files: [{ ...file, size: 5 << 20 }],
      },
    });
    await waitUntil(() => fake.ephemerals.some((m) => m.channel === 'C-big'), 20_000);
    const shown = JSON.stringify(fake.ephemerals.find((m) => m.channel === 'C-big')!.blocks);
    expect(shown).toContain('huge.yaml is 5 MiB; the limit is 1 MiB.');
    // One line, not the help catalogue.
    expect(shown).not.toContain('e.g.');
  });

  it('a redelivered event (same event_id, retry) yields one reply', async () => {
    const event = {
      team_id: 'T0001',
      event_id: 'Ev-dup-1',
      type: 'event_callback',
      event: {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> rules HA001',
        ts: '1700000700.000100',
        channel: 'C-dup',
      },
    };
    await fake.envelope('events_api', event);
    await fake.envelope('events_api', event, 1);
    const http = JSON.stringify(event);
    await postSigned(
      http,
      { ...signSlack(SECRET, http), 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' },
      'application/json',
    );
    // All three deliveries reached the producer; two were recognised as redeliveries.
    const dup = () => intake.filter((r) => r.input.target.channel === 'C-dup');
    await waitUntil(() => dup().length === 3, 20_000, 'three deliveries');
    expect(dup().filter((r) => !r.duplicate)).toHaveLength(1);
    const { jobId } = dup().find((r) => !r.duplicate)!;
    await waitUntil(async () => (await queue.getJobState(jobId)) === 'completed', 20_000, 'the one job');
    expect(fake.messages.filter((m) => m.channel === 'C-dup')).toHaveLength(1);
  });

  it('a 429 with Retry-After is waited out and the reply still lands once', async () => {
    fake.rateLimit.set('chat.postMessage', 1);
    const body = slashBody('rules HA002', 'trig-429', 'C-429');
    await postSigned(body, signSlack(SECRET, body));
    const [t] = await threadIn('C-429');
    expect(t!.answers).toHaveLength(1);
    expect(fake.limited.get('chat.postMessage')).toBeGreaterThan(0);
    expect(fake.messages.filter((m) => m.channel === 'C-429' && !m.thread_ts)).toHaveLength(1);
  });

  it('saving needs the admin permission, and the refusal says who may', async () => {
    const file = fake.addFile('prod.yaml', medium);
    await fake.envelope('events_api', {
      team_id: 'T0001',
      event_id: 'Ev-perm-1',
      type: 'event_callback',
      event: {
        type: 'app_mention',
        user: 'U-nobody',
        text: '<@UBOT> topology save prod',
        ts: '1700000800.000100',
        channel: 'C-perm',
        files: [file],
      },
    });
    // The refusal goes to the requester alone, in the mention's thread.
    await waitUntil(() => fake.ephemerals.some((m) => m.channel === 'C-perm'), 20_000);
    expect(JSON.stringify(fake.ephemerals.find((m) => m.channel === 'C-perm'))).toContain(
      'Only <@U-admin> may save topologies.',
    );
    expect(fake.messages.filter((m) => m.channel === 'C-perm')).toHaveLength(0);
  });

  it('a button runs its command into the same thread', async () => {
    await fake.envelope('interactive', {
      type: 'block_actions',
      team: { id: 'T0001' },
      user: { id: 'U1' },
      channel: { id: 'C-btn' },
      trigger_id: 'trig-btn-1',
      message: { ts: '1700000900.000100', text: 'x' },
      actions: [
        {
          type: 'button',
          action_id: 'voipnow_run_0',
          block_id: 'voipnow_followups',
          value: 'sizing prod',
          action_ts: '1',
        },
      ],
    });
    await waitUntil(() => fake.messages.some((m) => m.channel === 'C-btn'), 20_000);
    expect(fake.messages.find((m) => m.channel === 'C-btn')).toMatchObject({ thread_ts: '1700000900.000100' });
  });

  it('a second click on a running button is ignored: one run, one answer; the message says in place who ran it', async () => {
    const press = (user: string) =>
      fake.envelope('interactive', {
        type: 'block_actions',
        team: { id: 'T0001' },
        user: { id: user },
        channel: { id: 'C-twice' },
        trigger_id: fake.trigger(),
        message: {
          ts: '1700000950.000100',
          text: 'earlier answer',
          blocks: [{ type: 'section', block_id: 'answer', text: { type: 'mrkdwn', text: 'earlier answer' } }],
        },
        actions: [
          {
            type: 'button',
            action_id: 'voipnow_run_0',
            block_id: 'voipnow_followups',
            text: { type: 'plain_text', text: 'Sizing' },
            value: 'sizing prod',
            action_ts: '1',
          },
        ],
      });
    // Both clicks arrive before the first one's run can be answered.
    await Promise.all([press('U2'), press('U3')]);
    await waitUntil(() => fake.messages.some((m) => m.channel === 'C-twice'), 20_000, 'the answer');
    await queueSettled(queue);
    const answers = fake.messages.filter((m) => m.channel === 'C-twice');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ thread_ts: '1700000950.000100' });
    expect(intake.filter((r) => r.input.target.channel === 'C-twice')).toHaveLength(1);
    // The pressed message keeps its answer and gains one line saying who ran what.
    const edits = fake.updates.filter((u) => u.ts === '1700000950.000100');
    expect(edits).toHaveLength(1);
    const blocks = edits[0]!.blocks as { block_id?: string; elements?: { text: string }[] }[];
    expect(blocks[0]!.block_id).toBe('answer');
    const presser = intake.find((r) => r.input.target.channel === 'C-twice')!.input.target.requester;
    expect(blocks.at(-1)!.elements![0]!.text).toBe(`⏳ <@${presser}> ran *Sizing*…`);
    // The answer says who pressed.
    expect(JSON.stringify(answers[0]!.blocks)).toContain(`asked by <@${presser}>`);
    // Once answered, the button works again.
    await press('U2');
    await waitUntil(() => fake.messages.filter((m) => m.channel === 'C-twice').length === 2, 20_000, 'a second run');
  });

  it('"Share in channel" on a private answer posts it publicly once, saying who asked', async () => {
    const share = {
      type: 'block_actions',
      team: { id: 'T0001' },
      user: { id: 'U4' },
      channel: { id: 'C-share' },
      trigger_id: fake.trigger(),
      response_url: fake.responseUrl('share'),
      container: { type: 'message', is_ephemeral: true },
      actions: [{ type: 'button', action_id: 'voipnow_share', block_id: 'share', value: 'help', action_ts: '1' }],
    };
    await fake.envelope('interactive', share);
    // Slack redelivers an interaction it thinks was not acknowledged: still one post.
    await fake.envelope('interactive', share, 1);
    // The help is long: one public parent saying who asked, the help in its thread.
    const [t] = await threadIn('C-share');
    await queueSettled(queue);
    expect(fake.messages.filter((m) => m.channel === 'C-share' && !m.thread_ts)).toHaveLength(1);
    expect(t!.parent.text).toContain('asked by <@U4>');
    expect(JSON.stringify(t!.answers)).toContain('What I can do');
    expect(fake.responses.filter((r) => r.url.endsWith('share'))).toHaveLength(0);
    expect(fake.ephemerals.filter((e) => e.channel === 'C-share')).toHaveLength(0);
  });

  it('a mention gets 👀 at once, taken off when it is answered', async () => {
    await fake.envelope('events_api', {
      team_id: 'T0001',
      event_id: 'Ev-seen-1',
      type: 'event_callback',
      event: {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> rules HA001',
        ts: '1700000970.000100',
        channel: 'C-seen',
      },
    });
    await waitUntil(
      () => fake.reactions.some((r) => r.ts === '1700000970.000100' && r.op === 'remove'),
      20_000,
      'the reaction taken off',
    );
    expect(fake.messages.some((m) => m.channel === 'C-seen')).toBe(true);
    expect(fake.reactions.filter((r) => r.ts === '1700000970.000100')).toEqual([
      { channel: 'C-seen', ts: '1700000970.000100', name: 'eyes', op: 'add' },
      { channel: 'C-seen', ts: '1700000970.000100', name: 'eyes', op: 'remove' },
    ]);
  });

  it('times are shown in the reader’s time zone: topology history renders each save as <!date^…>', async () => {
    const body = slashBody('topology history prod', 'trig-times', 'C-times');
    await postSigned(body, signSlack(SECRET, body));
    const [t] = await threadIn('C-times');
    const shown = JSON.stringify(t!.answers);
    expect(shown).toMatch(/<!date\^\d{10}\^\{date_short_pretty\} \{time\}\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>/);
    expect(shown).not.toContain('\u2063');
  });

  it('a button press without a team is refused, not run as a shared tenant', async () => {
    const before = fake.messages.length;
    await fake.envelope('interactive', {
      type: 'block_actions',
      user: { id: 'U1' },
      channel: { id: 'C-noteam' },
      trigger_id: 'trig-noteam-1',
      message: { ts: '1700000901.000100', text: 'x' },
      actions: [{ type: 'button', action_id: 'voipnow_run_0', block_id: 'b', value: 'rules', action_ts: '1' }],
    });
    await waitUntil(() => fake.ephemerals.some((e) => e.channel === 'C-noteam'), 20_000);
    for (const e of fake.ephemerals.filter((x) => x.channel === 'C-noteam'))
      expect(e.text).toContain('cannot tell which workspace');
    expect(fake.messages.slice(before).filter((m) => m.channel === 'C-noteam')).toHaveLength(0);
  });

  it('Socket Mode reconnects after the socket drops, and no command is lost', async () => {
    const opened = fake.connectionsOpened;
    fake.dropSockets();
    await waitUntil(() => fake.connectionsOpened > opened && fake.socketCount > 0, 20_000, 'reconnect');
    await fake.envelope(
      'slash_commands',
      Object.fromEntries(new URLSearchParams(slashBody('check prod', 'trig-after-drop', 'C-drop'))),
    );
    const [t] = await threadIn('C-drop');
    expect(t!.update!.text).toMatch(/regional-eu/);
  });
});

describe('Slack adapter when Redis is down', () => {
  it('tells the user at once instead of leaving the command unanswered, and does not crash', async () => {
    const { connectRedisFailFast } = await import('../../src/runtime/redis.js');
    const dead = connectRedisFailFast(`redis://127.0.0.1:${await freePort()}`);
    dead.on('error', () => undefined);
    const deadQueue = new Queue(uniqueName('dead'), { connection: dead });
    deadQueue.on('error', () => undefined);
    const port = await freePort();
    const app = createSlackApp({
      botToken: BOT,
      apiUrl: fake.apiUrl,
      signingSecret: SECRET,
      port,
      producer: new Producer(deadQueue, dead, {
        attempts: 1,
        backoffMs: 10,
        keepCompleted: { age: 60, count: 10 },
        keepFailed: { age: 60, count: 10 },
      }),
      policy: { admins: [] },
      maxBytes: 1 << 20,
      logger: pino({ level: 'silent' }),
    });
    await app.start(port);
    try {
      const body = slashBody('check prod', 'trig-dead', 'C-dead');
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(SECRET, body) },
        body,
      });
      expect(res.status).toBe(200);
      await waitUntil(() => fake.ephemerals.some((e) => e.channel === 'C-dead'), 20_000, 'ephemeral notice');
      expect(fake.ephemerals.find((e) => e.channel === 'C-dead')!.text).toMatch(/queue is unreachable/);
    } finally {
      await app.stop();
      dead.disconnect();
    }
  });
});

describe('Slack app set-up', () => {
  it('the manifest carries the slash command, the events, interactivity, Socket Mode and the scopes the code asks for', async () => {
    const { parse } = await import('yaml');
    const { SLACK_SCOPES } = await import('../../adapters/slack/app.js');
    const manifest = parse(readFileSync(new URL('../../adapters/slack/manifest.yaml', import.meta.url), 'utf8'));
    expect(manifest.features.slash_commands[0].command).toBe('/voipnow');
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_mention', 'message.im']),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...SLACK_SCOPES].sort());
  });

  it('many workspaces: each tenant is answered with its own installation’s bot token', async () => {
    const { RedisInstallationStore } = await import('../../adapters/slack/installation-store.js');
    const installations = new RedisInstallationStore(redis, `${name}:multi`);
    await installations.storeInstallation({
      team: { id: 'T0002' },
      enterprise: undefined,
      bot: { token: 'xoxb-team-two', scopes: [], id: 'B2', userId: 'UB2' },
      user: { token: undefined, scopes: undefined, id: 'U9' },
      isEnterpriseInstall: false,
    });
    const port = new SlackPort(slackClients(undefined, fake.apiUrl, installations));
    await port.startThread(
      { platform: 'slack', tenant: 'slack:T0002', channel: 'C-team2', requester: 'U9' },
      'Checking…',
      'k-team2',
    );
    expect(fake.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === 'C-team2')!.token).toBe(
      'xoxb-team-two',
    );
    await expect(
      port.startThread({ platform: 'slack', tenant: 'slack:T0404', channel: 'C-x', requester: 'U' }, 'x', 'k-x'),
    ).rejects.toThrow(/no Slack token for slack:T0404/);
  });
  it('audits: /voipnow audit schedule … in #channel posts there on each tick; a non-admin may not; cancel stops it', async () => {
    const refused = slashBody(
      'audit schedule prod every 1s in <#C-audit|infra>',
      'trig-aud-0',
      'C-aud-cmd',
      'U1',
      fake.responseUrl('aud-refused'),
    );
    await postSigned(refused, signSlack(SECRET, refused));
    // A refusal is for the requester alone.
    await waitUntil(
      () =>
        JSON.stringify(fake.responses.filter((r) => r.url.endsWith('aud-refused'))).includes(
          'Only <@U-admin> may schedule audits',
        ),
      20_000,
      'refusal',
    );

    const body = slashBody('audit schedule prod every 1s in <#C-audit|infra>', 'trig-aud-1', 'C-aud-cmd', 'U-admin');
    expect((await postSigned(body, signSlack(SECRET, body))).status).toBe(200);
    await waitUntil(
      () => fake.messages.filter((m) => m.channel === 'C-audit' && /Audit of prod v1/.test(m.text)).length >= 2,
      20_000,
      'two audits in #infra',
    );
    // A short answer is the one message, its text the verdict.
    const confirmation = [...fake.updates, ...fake.messages].find(
      (u) => u.channel === 'C-aud-cmd' && u.text.includes('Scheduled audit'),
    )!;
    expect(confirmation.text).toMatch(/Scheduled audit (prod-[0-9a-f]{6}): prod, `every 1s` in #infra/);
    const id = /audit (prod-[0-9a-f]{6})/.exec(confirmation.text)![1]!;
    const audit = fake.messages.find((m) => m.channel === 'C-audit')!;
    expect(audit.text).toMatch(/^🔎 Audit of prod v1: ✅ 0 errors, 0 warnings, 1 info · first audit: 1 finding\(s\)/);

    const cancel = slashBody(`audit cancel ${id}`, 'trig-aud-2', 'C-aud-cmd', 'U-admin');
    await postSigned(cancel, signSlack(SECRET, cancel));
    await waitUntil(
      () =>
        [...fake.updates, ...fake.messages].some(
          (u) => u.channel === 'C-aud-cmd' && u.text.includes(`Cancelled audit ${id}`),
        ),
      20_000,
      'cancelled',
    );
    const count = fake.messages.filter((m) => m.channel === 'C-audit').length;
    // The schedule is gone and the run in flight (if any) has finished: the count is final.
    expect(await runtime.audits!.scheduler.queue.getJobSchedulersCount()).toBe(0);
    await queueSettled(runtime.audits!.scheduler.queue);
    expect(fake.messages.filter((m) => m.channel === 'C-audit').length).toBeLessThanOrEqual(count + 1);
  }, 40_000);
  it('a channel the bot was removed from: a slash command is still answered (response URL), and an audit there stops with a direct message to its creator', async () => {
    const body = slashBody('check prod', 'trig-gone-1', 'GONE-1', 'U-asker', fake.responseUrl('gone-1'));
    await postSigned(body, signSlack(SECRET, body));
    await waitUntil(() => fake.responses.some((r) => r.url.endsWith('gone-1')), 20_000, 'the answer');
    expect(fake.responses.find((r) => r.url.endsWith('gone-1'))!.text).toMatch(/regional-eu/);
    expect(fake.messages.filter((m) => m.channel === 'U-asker')).toHaveLength(0);

    const schedule = slashBody(
      'audit schedule prod every 1s in <#GONE-2|old-infra>',
      'trig-gone-2',
      'C-aud-cmd2',
      'U-admin',
    );
    await postSigned(schedule, signSlack(SECRET, schedule));
    await waitUntil(
      () => fake.messages.some((m) => m.channel === 'U-admin' && m.text.includes('has stopped')),
      20_000,
      'the creator told',
    );
    await queueSettled(runtime.audits!.scheduler.queue);
    const told = fake.messages.filter((m) => m.channel === 'U-admin' && m.text.includes('has stopped'));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toMatch(
      /The audit prod-[0-9a-f]{6} of prod has stopped: I can no longer post in #old-infra \(Slack refused: channel_not_found\)/,
    );
    expect(await runtime.audits!.scheduler.queue.getJobSchedulersCount()).toBe(0);
  }, 40_000);
});

describe('Slack: an answer in every conversation, in faithful text', () => {
  const answered = (url: string) =>
    waitUntil(() => fake.responses.some((r) => r.url.endsWith(url)), 20_000, `an answer through ${url}`);

  it('a DM between colleagues, where the bot is not a member: the answer comes through the response URL, in the conversation', async () => {
    fake.addConversation('D-colleagues', { kind: 'im', member: false });
    const body = slashBody('rules HA001', 'trig-dm-col', 'D-colleagues', 'U1', fake.responseUrl('dm-col'));
    const res = await postSigned(body, signSlack(SECRET, body));
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: '⏳ Working on it…' });
    await answered('dm-col');
    const answer = fake.responses.filter((r) => r.url.endsWith('dm-col'));
    expect(answer[0]).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(JSON.stringify(answer[0]!.blocks)).toContain('HA001');
    // Nothing else: no parent the bot cannot post, no "invite me" where no one can invite it.
    expect(fake.messages.filter((m) => m.channel === 'D-colleagues' || m.channel === 'U1')).toEqual([]);
  });

  it('a private channel the bot is not in, over Socket Mode: answered through the response URL', async () => {
    fake.addConversation('G-private', { kind: 'private', member: false, name: 'secret-infra' });
    await fake.envelope(
      'slash_commands',
      Object.fromEntries(
        new URLSearchParams(slashBody('check prod', 'trig-priv', 'G-private', 'U1', fake.responseUrl('priv'))),
      ),
    );
    await answered('priv');
    expect(fake.responses.find((r) => r.url.endsWith('priv'))!.text).toMatch(/regional-eu/);
  });

  it('help, typos and refusals from a slash command are answered to the requester alone', async () => {
    for (const [text, url] of [
      ['help', 'noise-help'],
      ['topology delete prod', 'noise-refusal'],
    ] as const) {
      const body = slashBody(text, `trig-${url}`, 'C-noise', 'U1', fake.responseUrl(url));
      await postSigned(body, signSlack(SECRET, body));
      await answered(url);
      expect(fake.responses.filter((r) => r.url.endsWith(url)).every((r) => r.response_type === 'ephemeral')).toBe(
        true,
      );
    }
    expect(JSON.stringify(fake.responses.filter((r) => r.url.endsWith('noise-refusal')))).toContain(
      'Only <@U-admin> may delete topologies.',
    );
    expect(fake.messages.filter((m) => m.channel === 'C-noise')).toEqual([]);
  });

  it('text arrives as Slack encodes it ("sip &amp; pbx") and is decoded before routing', async () => {
    const typed = 'whatif what happens if sip & pbx fail on prod';
    const body = slashBody(slackEncode(typed), 'trig-amp', 'C-amp');
    expect(body).toContain(encodeURIComponent('&amp;'));
    await postSigned(body, signSlack(SECRET, body));
    const [t] = await threadIn('C-amp');
    expect(t!.update!.text).toMatch(/If 1 sip node and 1 pbx node fail/);
  });

  it('a topology pasted in a code block is read from the rich text, as typed, not from Slack’s linkified text', async () => {
    const small = readFileSync(new URL('../../examples/small.yaml', import.meta.url), 'utf8');
    await fake.envelope('events_api', {
      team_id: 'T0001',
      event_id: 'Ev-paste-1',
      type: 'event_callback',
      event: {
        type: 'app_mention',
        user: 'U1',
        text: slackEncode(`<@UBOT> check this \`\`\`${small}\`\`\``),
        ts: '1700001000.000100',
        channel: 'C-paste',
        blocks: [
          {
            type: 'rich_text',
            elements: [
              {
                type: 'rich_text_section',
                elements: [
                  { type: 'user', user_id: 'UBOT' },
                  { type: 'text', text: ' check this' },
                ],
              },
              { type: 'rich_text_preformatted', elements: [{ type: 'text', text: small }] },
            ],
          },
        ],
      },
    });
    await waitUntil(() => fake.messages.some((m) => m.channel === 'C-paste'), 20_000, 'the check');
    expect(JSON.stringify(fake.messages.find((m) => m.channel === 'C-paste')!.blocks)).toContain('Check of small-lab');
  });

  it('user-supplied text is escaped everywhere: nothing pings @channel or @here', async () => {
    const file = fake.addFile('<!here>.yaml', Buffer.from([0xff, 0xfe, 0x00]));
    await fake.envelope('events_api', {
      team_id: 'T0001',
      event_id: 'Ev-ping-1',
      type: 'event_callback',
      event: {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> check this',
        ts: '1700001100.000100',
        channel: 'C-ping',
        files: [file],
      },
    });
    await fake.envelope('events_api', {
      team_id: 'T0001',
      event_id: 'Ev-ping-2',
      type: 'event_callback',
      event: {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> tell <!channel> & <!here> about <https://x.example.com|this>',
        ts: '1700001200.000100',
        channel: 'C-ping',
      },
    });
    // Both are noise (a file problem, an unknown command): the requester's alone.
    const answers = () => [...fake.messages, ...fake.ephemerals].filter((m) => m.channel === 'C-ping');
    await waitUntil(() => answers().length >= 2, 20_000, 'both answers');
    const shown = answers().map((m) => `${m.text}${JSON.stringify(m.blocks)}`);
    expect(shown.join('\n')).toContain('&lt;!here&gt;.yaml');
    // Headers are plain text, shown as typed and never parsed for pings; everything else is mrkdwn.
    const parsed = answers().map(
      (m) => `${m.text}${JSON.stringify((m.blocks ?? []).filter((b) => (b as { type?: string }).type !== 'header'))}`,
    );
    for (const text of parsed) expect(text).not.toMatch(PINGS);
  });
});
