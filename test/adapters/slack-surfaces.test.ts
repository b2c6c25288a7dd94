import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../adapters/slack/app.js';
import { slackClients } from '../../adapters/slack/client.js';
import { RedisInstallationStore } from '../../adapters/slack/installation-store.js';
import { SlackPort } from '../../adapters/slack/port.js';
import type { AuditSpec } from '../../src/audit/audit-spec.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { FakeSlack, signSlack } from '../support/fake-slack.js';
import { observeIntake, queueSettled } from '../support/intake.js';
import { freePort, waitUntil } from '../support/redis.js';

const BOT = 'xoxb-fake-bot-token';
const SECRET = 'fake-signing-secret';
const medium = readFileSync(new URL('../../examples/medium.yaml', import.meta.url), 'utf8');
const small = readFileSync(new URL('../../examples/small.yaml', import.meta.url), 'utf8');

let fake: FakeSlack;
let runtime: ChatRuntime;
let redis: Redis;
let app: ReturnType<typeof createSlackApp>;

function surfaces(r: ChatRuntime) {
  return { store: r.store, audits: r.audits!, redis: r.redis, prefix: r.name, retentionSeconds: 3600, debounceMs: 50 };
}

beforeAll(async () => {
  fake = await FakeSlack.start();
  runtime = await startChatRuntime(
    'slack-surfaces',
    () => new Map([['slack', new SlackPort(slackClients(BOT, fake.apiUrl))]]),
    { audits: { minIntervalMs: 500 } },
  );
  redis = runtime.redis;
  await runtime.store.forTenant('slack:T0001').save('prod', medium, 'U-admin');
  app = createSlackApp({
    botToken: BOT,
    appToken: 'xapp-fake-app-token',
    apiUrl: fake.apiUrl,
    port: 0,
    producer: runtime.producer,
    policy: { admins: ['U-admin'] },
    maxBytes: 1 << 20,
    logger: runtime.logger,
    surfaces: surfaces(runtime),
  });
  await app.start();
});

afterAll(async () => {
  await app?.stop();
  await runtime?.stop();
  await fake?.close();
});

const slash = (text: string, trigger: string, channel: string, user = 'U1') => ({
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
  response_url: `http://127.0.0.1:${fake.port}/response`,
  trigger_id: trigger,
});

const homeOpened = (user: string, id: string) =>
  fake.envelope('events_api', {
    team_id: 'T0001',
    event_id: id,
    type: 'event_callback',
    event: { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1.1' },
  });

const homeText = (user: string) => JSON.stringify(fake.homes.get(user)?.blocks ?? []);

/** The modal views.open opened with this trigger. */
function modalFor(trigger: string) {
  const id = fake.modalByTrigger.get(trigger);
  return id ? fake.modals.get(id) : undefined;
}

describe('Slack App Home', () => {
  it('shows stored topologies with verdict, version and who saved them, audits with their next run, and admin-only buttons to admins only', async () => {
    const tenant = 'slack:T0001';
    const spec: AuditSpec = {
      id: 'prod-abc123',
      name: 'prod',
      platform: 'slack',
      channel: 'C-audit',
      channelLabel: '#infra',
      repeat: { every: 3_600_000 },
      scheduleText: 'every 1h',
      quiet: false,
      createdBy: 'U-admin',
      createdAt: new Date().toISOString(),
    };
    await runtime.audits!.store.forTenant(tenant).put(spec);
    await runtime.audits!.scheduler.upsert(tenant, spec);
    await runtime.audits!.store.forTenant(tenant).put({
      ...spec,
      id: 'old-000000',
      name: 'old',
      stopped: { reason: 'the topology "old" was deleted', at: spec.createdAt },
    });

    await homeOpened('U-admin', 'Ev-home-1');
    await waitUntil(() => fake.homes.has('U-admin'), 20_000, 'home for the admin');
    const admin = homeText('U-admin');
    expect(admin).toContain('*prod* v1 · ✅ 0 errors, 0 warnings, 1 info');
    expect(admin).toContain('saved by <@U-admin> <!date^');
    expect(admin).toMatch(
      /every 1h` in #infra\\nnext run <!date\^\d+\^\{date_short_pretty\} \{time\}\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>/,
    );
    expect(admin).toContain('⏹️ stopped');
    expect(admin).toContain('the topology \\"old\\" was deleted');
    expect(admin).toContain('voipnow_home_audit_cancel');
    expect(admin).toContain('voipnow_home_save');
    for (const action of ['voipnow_home_check', 'voipnow_home_whatif', 'voipnow_home_audit_run'])
      expect(admin).toContain(action);

    await homeOpened('U-viewer', 'Ev-home-2');
    await waitUntil(() => fake.homes.has('U-viewer'), 20_000, 'home for a viewer');
    const viewer = homeText('U-viewer');
    expect(viewer).toContain('*prod* v1');
    expect(viewer).not.toContain('voipnow_home_audit_cancel');
    expect(viewer).not.toContain('voipnow_home_save');
  });

  it('a Home button runs its command with the answer in the person’s DM; cancel from a non-admin is refused server-side', async () => {
    await fake.envelope('interactive', {
      type: 'block_actions',
      team: { id: 'T0001' },
      user: { id: 'U-viewer' },
      trigger_id: fake.trigger(),
      view: { id: 'VH', type: 'home' },
      actions: [{ type: 'button', action_id: 'voipnow_home_check', value: 'prod', block_id: 'topology-actions:prod' }],
    });
    // A short answer is one message in the DM, its text the verdict.
    const inDm = () =>
      [...fake.updates, ...fake.messages].find((u) => u.channel === 'DU-viewer' && /errors/.test(u.text));
    await waitUntil(() => Boolean(inDm()), 20_000, 'answer in the DM');
    expect(inDm()!.text).toMatch(/regional-eu: 0 errors/);

    // A forged cancel (the button is not shown to this person): the command refuses.
    await fake.envelope('interactive', {
      type: 'block_actions',
      team: { id: 'T0001' },
      user: { id: 'U-viewer' },
      trigger_id: fake.trigger(),
      view: { id: 'VH', type: 'home' },
      actions: [{ type: 'button', action_id: 'voipnow_home_audit_cancel', value: 'prod-abc123', block_id: 'audit:x' }],
    });
    await waitUntil(
      () => JSON.stringify(fake.messages.filter((m) => m.channel === 'DU-viewer')).includes('may cancel audits'),
      20_000,
      'refusal',
    );
    expect(await runtime.audits!.store.forTenant('slack:T0001').get('prod-abc123')).toBeDefined();
  });
});

describe('Slack upload modal', () => {
  it('a bare /voipnow check opens the modal from the command’s trigger_id; submission errors show at the field; the result goes to the command’s channel', async () => {
    const trigger = fake.trigger();
    await fake.envelope('slash_commands', slash('check', trigger, 'C-modal'));
    await waitUntil(() => modalFor(trigger) !== undefined, 20_000, 'the modal');
    const view = modalFor(trigger)!;
    expect(view.callback_id).toBe('voipnow_upload');
    const blocks = JSON.stringify(view.blocks);
    expect(blocks).toContain('"type":"file_input"');
    expect(blocks).toContain('"block_id":"paste"');
    expect(blocks).not.toContain('"block_id":"name"');
    expect(JSON.parse(view.private_metadata as string)).toMatchObject({ channel: 'C-modal', mode: 'check' });
    // Nothing was enqueued for the bare command itself.
    expect(fake.messages.filter((m) => m.channel === 'C-modal')).toHaveLength(0);

    expect(await fake.submitView(view.id, { file: { file: { type: 'file_input', files: [] } } }, 'U1')).toEqual({
      response_action: 'errors',
      errors: { paste: 'Upload a file above, or paste the topology here.' },
    });
    const bad = await fake.submitView(
      view.id,
      { paste: { paste: { type: 'plain_text_input', value: 'version: 1\nname: x\nnodes: [\n' } } },
      'U1',
    );
    expect(bad.response_action).toBe('errors');
    expect((bad.errors as Record<string, string>).paste).toMatch(/^line \d+:\d+: /);

    const file = fake.addFile('small.yaml', small);
    const ok = await fake.submitView(view.id, { file: { file: { type: 'file_input', files: [file] } } }, 'U1');
    expect(ok).toEqual({});
    await waitUntil(() => fake.updates.some((u) => u.channel === 'C-modal'), 20_000, 'the result in C-modal');
    expect(fake.updates.find((u) => u.channel === 'C-modal')!.text).toMatch(/small-lab/);
  });

  it('an expired trigger: views.open fails and the person is told, privately', async () => {
    const trigger = fake.trigger();
    fake.expireTrigger(trigger);
    await fake.envelope('slash_commands', slash('topology save', trigger, 'C-late'));
    await waitUntil(() => fake.ephemerals.some((e) => e.channel === 'C-late'), 20_000, 'the notice');
    expect(fake.ephemerals.find((e) => e.channel === 'C-late')!.text).toMatch(/could not open the form in time/);
    expect(fake.messages.filter((m) => m.channel === 'C-late')).toHaveLength(0);
  });

  it('/voipnow topology save opens the form with a name field; a save refreshes the open Home tabs', async () => {
    const trigger = fake.trigger();
    await fake.envelope('slash_commands', slash('topology save', trigger, 'C-save', 'U-admin'));
    await waitUntil(() => modalFor(trigger) !== undefined, 20_000, 'the save modal');
    const view = modalFor(trigger)!;
    expect(JSON.stringify(view.blocks)).toContain('"block_id":"name"');
    expect(
      await fake.submitView(
        view.id,
        {
          paste: { paste: { type: 'plain_text_input', value: small } },
          name: { name: { type: 'plain_text_input', value: 'bad name!' } },
        },
        'U-admin',
      ),
    ).toEqual({ response_action: 'errors', errors: { name: 'Letters, digits, - _ . only, at most 64.' } });
    const publishes = fake.calls.filter((c) => c.method === 'views.publish').length;
    await fake.submitView(
      view.id,
      {
        paste: { paste: { type: 'plain_text_input', value: small } },
        name: { name: { type: 'plain_text_input', value: 'lab' } },
      },
      'U-admin',
    );
    await waitUntil(() => homeText('U-admin').includes('*lab* v1'), 20_000, 'Home refreshed with lab');
    // Refreshes go one viewer at a time.
    await waitUntil(() => homeText('U-viewer').includes('*lab* v1'), 20_000, 'every open Home refreshed');
    await waitUntil(() => fake.updates.some((u) => u.channel === 'C-save'), 20_000, 'the result in C-save');
    expect(fake.calls.filter((c) => c.method === 'views.publish').length).toBeGreaterThan(publishes);
    expect(fake.updates.find((u) => u.channel === 'C-save')!.text).toMatch(/Saved lab v1/);
  });
});

describe('Slack upload form from Home', () => {
  it('“Check a file…” on Home opens the form from the button’s trigger; the result goes to the person’s DM', async () => {
    const trigger = fake.trigger();
    await fake.envelope('interactive', {
      type: 'block_actions',
      team: { id: 'T0001' },
      user: { id: 'U-home' },
      trigger_id: trigger,
      view: { id: 'VH', type: 'home' },
      actions: [{ type: 'button', action_id: 'voipnow_home_upload', value: 'check', block_id: 'home-upload' }],
    });
    await waitUntil(() => modalFor(trigger) !== undefined, 20_000, 'the modal');
    const view = modalFor(trigger)!;
    expect(JSON.parse(view.private_metadata as string)).toEqual({ mode: 'check' });
    await fake.submitView(view.id, { paste: { paste: { type: 'plain_text_input', value: small } } }, 'U-home');
    await waitUntil(() => fake.updates.some((u) => u.channel === 'DU-home'), 20_000, 'the result in the DM');
    expect(fake.updates.find((u) => u.channel === 'DU-home')!.text).toMatch(/small-lab/);
  });

  it('only a bare check or a save without a file opens the form', async () => {
    const { uploadModeFor } = await import('../../adapters/slack/modal.js');
    expect(uploadModeFor('check')).toEqual({ mode: 'check' });
    expect(uploadModeFor(' validate ')).toEqual({ mode: 'check' });
    expect(uploadModeFor('check prod')).toBeUndefined();
    expect(uploadModeFor('topology save')).toEqual({ mode: 'save' });
    expect(uploadModeFor('topology save prod')).toEqual({ mode: 'save', name: 'prod' });
    expect(uploadModeFor('save prod')).toEqual({ mode: 'save', name: 'prod' });
    expect(uploadModeFor('topology save prod ```name: x```')).toBeUndefined();
    expect(uploadModeFor('topology list')).toBeUndefined();
  });
});

describe('Slack message shortcuts', () => {
  const shortcut = (callback: string, message: Record<string, unknown>, channel: string, user = 'U1') =>
    fake.envelope('interactive', {
      type: 'message_action',
      callback_id: callback,
      trigger_id: fake.trigger(),
      team: { id: 'T0001' },
      user: { id: user, team_id: 'T0001' },
      channel: { id: channel, name: 'infra' },
      message_ts: message.ts,
      message,
      response_url: `http://127.0.0.1:${fake.port}/response`,
    });

  it('"Check this topology" on a message with a file is answered in that message’s thread', async () => {
    const file = fake.addFile(
      'counts.yaml',
      readFileSync(new URL('../../examples/broken/counts.yaml', import.meta.url)),
    );
    await shortcut(
      'voipnow_check_message',
      {
        type: 'message',
        user: 'U2',
        ts: '1700001000.000100',
        text: 'here is ours',
        files: [{ id: file.id, name: file.name }],
      },
      'C-short',
    );
    await waitUntil(
      () => fake.messages.some((m) => m.channel === 'C-short' && m.thread_ts === '1700001000.000100'),
      20_000,
      'answer in the thread',
    );
    expect(fake.messages.filter((m) => m.channel === 'C-short' && !m.thread_ts)).toHaveLength(0);
    expect(JSON.stringify(fake.messages.filter((m) => m.channel === 'C-short'))).toContain('broken-counts');
  });

  it('"Save this topology" on a pasted code block saves it under its own name, answered in the thread', async () => {
    const pasted = small.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    await shortcut(
      'voipnow_save_message',
      {
        type: 'message',
        user: 'U2',
        ts: '1700001100.000100',
        thread_ts: '1700001050.000100',
        text: `ours:\n\`\`\`${pasted}\`\`\``,
      },
      'C-short2',
      'U-admin',
    );
    await waitUntil(
      () => fake.messages.some((m) => m.channel === 'C-short2' && /Saved small-lab v1/.test(m.text)),
      20_000,
      'saved',
    );
    expect(
      fake.messages.filter((m) => m.channel === 'C-short2').every((m) => m.thread_ts === '1700001050.000100'),
    ).toBe(true);
    expect((await runtime.store.forTenant('slack:T0001').latest('small-lab'))!.text.trim()).toBe(small.trim());
  });

  it('a message with no topology gets a private explanation', async () => {
    await shortcut(
      'voipnow_check_message',
      { type: 'message', user: 'U2', ts: '1700001200.000100', text: 'hello' },
      'C-short3',
    );
    await waitUntil(() => fake.ephemerals.some((e) => e.channel === 'C-short3'), 20_000, 'the explanation');
    expect(fake.ephemerals.find((e) => e.channel === 'C-short3')!.text).toMatch(/YAML or JSON file or a pasted/);
  });
});

describe('Slack interactions without a workspace', () => {
  it('a message shortcut and a form submission without a team are refused, not run as a shared tenant', async () => {
    const intake = observeIntake(runtime.producer);
    const ack = await fake.envelope('interactive', {
      type: 'message_action',
      callback_id: 'voipnow_check_message',
      trigger_id: fake.trigger(),
      team: null,
      user: { id: 'U1' },
      channel: { id: 'C-noteam-short', name: 'infra' },
      message_ts: '1700001300.000100',
      message: { type: 'message', user: 'U2', ts: '1700001300.000100', text: `ours:\n\`\`\`${small}\`\`\`` },
      response_url: `http://127.0.0.1:${fake.port}/response`,
    });
    expect(ack).toBeDefined();
    await waitUntil(() => fake.ephemerals.some((e) => e.channel === 'C-noteam-short'), 20_000, 'the refusal');
    expect(fake.ephemerals.find((e) => e.channel === 'C-noteam-short')!.text).toMatch(/cannot tell which workspace/);

    const trigger = fake.trigger();
    await fake.envelope('slash_commands', slash('check', trigger, 'C-noteam-view'));
    await waitUntil(() => modalFor(trigger) !== undefined, 20_000, 'the modal');
    const view = modalFor(trigger)!;
    const refused = await fake.submitView(
      view.id,
      { paste: { paste: { type: 'plain_text_input', value: small } } },
      'U1',
      null,
    );
    expect(refused).toEqual({
      response_action: 'errors',
      errors: { paste: expect.stringMatching(/cannot tell which workspace/) as unknown },
    });

    await fake.envelope('slash_commands', slash('rules HA001', fake.trigger(), 'C-noteam-after'));
    await waitUntil(() => fake.messages.some((m) => m.channel === 'C-noteam-after'), 20_000, 'a later answer');
    await queueSettled(runtime.queue);
    // Only the later command ran: nothing was enqueued or posted for the refused ones.
    expect(intake.map((r) => r.input.target.channel)).toEqual(['C-noteam-after']);
    for (const channel of ['C-noteam-short', 'C-noteam-view'])
      expect(fake.messages.filter((m) => m.channel === channel)).toHaveLength(0);
  });
});

describe('Slack uninstall', () => {
  it('app_uninstalled removes the installation, stops the workspace’s audits and sets its data to expire', async () => {
    const installations = new RedisInstallationStore(redis, `${runtime.name}:inst`);
    await installations.storeInstallation({
      team: { id: 'T0003' },
      enterprise: undefined,
      bot: { token: BOT, scopes: [], id: 'B3', userId: 'UB3' },
      user: { token: undefined, scopes: undefined, id: 'U3' },
      isEnterpriseInstall: false,
    });
    const tenant = 'slack:T0003';
    await runtime.store.forTenant(tenant).save('edge', small, 'U3');
    const spec: AuditSpec = {
      id: 'edge-111111',
      name: 'edge',
      platform: 'slack',
      channel: 'C-e',
      channelLabel: '#edge',
      repeat: { every: 3_600_000 },
      scheduleText: 'every 1h',
      quiet: true,
      createdBy: 'U3',
      createdAt: new Date().toISOString(),
    };
    await runtime.audits!.store.forTenant(tenant).put(spec);
    await runtime.audits!.scheduler.upsert(tenant, spec);
    expect(await runtime.audits!.scheduler.next(tenant, spec.id)).toBeDefined();

    const port = await freePort();
    const oauthApp = createSlackApp({
      oauth: {
        clientId: '1.2',
        clientSecret: 'fake-client-secret',
        stateSecret: 'fake-state',
        installationStore: installations,
      },
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      port,
      producer: runtime.producer,
      policy: { admins: [] },
      maxBytes: 1 << 20,
      logger: runtime.logger,
      surfaces: surfaces(runtime),
    });
    await oauthApp.start(port);
    try {
      const body = JSON.stringify({
        token: 'x',
        team_id: 'T0003',
        api_app_id: 'A1',
        event_id: 'Ev-uninstall-1',
        event_time: 1,
        type: 'event_callback',
        event: { type: 'app_uninstalled', event_ts: '1.1' },
      });
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signSlack(SECRET, body) },
        body,
      });
      expect(res.status).toBe(200);
      await waitUntil(
        async () => (await installations.botToken('T0003')) === undefined,
        20_000,
        'installation removed',
      );
      await waitUntil(
        async () => (await runtime.audits!.store.forTenant(tenant).get(spec.id))?.stopped !== undefined,
        20_000,
        'audit stopped',
      );
      expect((await runtime.audits!.store.forTenant(tenant).get(spec.id))!.stopped!.reason).toBe(
        'the app was uninstalled from this workspace',
      );
      expect(await runtime.audits!.scheduler.next(tenant, spec.id)).toBeUndefined();
      const keys = await redis.keys(`${runtime.name}:store:*`);
      const ttls = await Promise.all(keys.map(async (k) => ({ k, ttl: await redis.ttl(k) })));
      const hash = (await import('../../src/store/topology-store.js')).tenantHash(tenant);
      expect(ttls.filter((t) => t.k.includes(hash)).every((t) => t.ttl > 0 && t.ttl <= 3600)).toBe(true);
      // Other workspaces' data is untouched.
      expect(ttls.filter((t) => !t.k.includes(hash)).every((t) => t.ttl === -1)).toBe(true);
      // tokens_revoked with only user tokens changes nothing; with the bot token, the same as uninstalling.
      await installations.storeInstallation({
        team: { id: 'T0004' },
        enterprise: undefined,
        bot: { token: BOT, scopes: [], id: 'B4', userId: 'UB4' },
        user: { token: undefined, scopes: undefined, id: 'U4' },
        isEnterpriseInstall: false,
      });
      const revoked = (tokens: Record<string, string[]>, id: string) => {
        const raw = JSON.stringify({
          token: 'x',
          team_id: 'T0004',
          api_app_id: 'A1',
          event_id: id,
          event_time: 1,
          type: 'event_callback',
          event: { type: 'tokens_revoked', tokens, event_ts: '1.1' },
        });
        return fetch(`http://127.0.0.1:${port}/slack/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signSlack(SECRET, raw) },
          body: raw,
        });
      };
      expect((await revoked({ oauth: ['U4'] }, 'Ev-revoke-1')).status).toBe(200);
      expect(await installations.botToken('T0004')).toBe(BOT);
      expect((await revoked({ bot: ['UB4'] }, 'Ev-revoke-2')).status).toBe(200);
      await waitUntil(
        async () => (await installations.botToken('T0004')) === undefined,
        20_000,
        'installation removed on revocation',
      );
    } finally {
      await oauthApp.stop();
    }
  });
});

describe('Slack manifest', () => {
  it('declares the Home tab, both message shortcuts, the lifecycle events, and no scope the code does not use', async () => {
    const { parse } = await import('yaml');
    const { SLACK_SCOPES } = await import('../../adapters/slack/app.js');
    const { MESSAGE_SHORTCUTS } = await import('../../adapters/slack/shortcuts.js');
    const manifest = parse(readFileSync(new URL('../../adapters/slack/manifest.yaml', import.meta.url), 'utf8'));
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(
      manifest.features.shortcuts.map((s: { callback_id: string; name: string; type: string }) => [
        s.callback_id,
        s.name,
        s.type,
      ]),
    ).toEqual(Object.entries(MESSAGE_SHORTCUTS).map(([id, s]) => [id, s.name, 'message']));
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_home_opened', 'app_uninstalled', 'tokens_revoked']),
    );
    expect(manifest.oauth_config.scopes.bot).not.toContain('im:read');
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...SLACK_SCOPES].sort());
  });
});
