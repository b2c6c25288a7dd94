import type { RequestListener } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import type { WebClient } from '@slack/web-api';
import { dispatchRequest, QUEUE_UNREACHABLE } from '../dispatch.js';
import type { Logger } from '../../src/ops/logger.js';
import type { Metrics } from '../../src/ops/metrics.js';
import type { Attachment } from '../../src/queue/job.js';
import type { Producer } from '../../src/queue/producer.js';
import { boundedIntake } from '../../src/ops/intake.js';
import { fetchSlackFile, SLACK_FILE_HOSTS } from './files.js';
import { adminHint, isSlackAdmin, type SlackAdminPolicy } from './permissions.js';
import { claimPress, type PressLocks } from '../button-press.js';
import { SEEN_REACTION, SHARE_ACTION } from './port.js';
import { decodeSlackText, escapeMrkdwn, preformattedText } from './text.js';
import { registerSurfaces, type SlackSurfaceOptions } from './surfaces.js';

type BoltApp = App;

/** The context line under a message whose button was pressed ("⏳ alice ran Sizing…"). */
const PRESS_BLOCK = 'voipnow_pressed';

/** The private acknowledgement of a slash command, so the user knows it was taken. */
const WORKING = '⏳ Working on it…';

/**
 * The bot scopes of adapters/slack/manifest.yaml, asked for when a workspace installs the app: each
 * is used (README, "Slack scopes", says where). Home, modals, shortcuts and the uninstall events need
 * none beyond `commands`.
 */
export const SLACK_SCOPES = [
  'app_mentions:read',
  'channels:history',
  'chat:write',
  'commands',
  'files:read',
  'files:write',
  'groups:history',
  'im:history',
  'im:write',
  'users:read',
  'usergroups:read',
  'metadata.message:read',
  'reactions:write',
];

export interface SlackAppOptions {
  /** A single workspace's bot token; or, for many workspaces, `oauth` with an installation store. */
  botToken?: string;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string; installationStore: InstallationStore };
  /** Socket Mode when set; HTTP mode (signed requests to /slack/events) otherwise. */
  appToken?: string;
  signingSecret?: string;
  apiUrl?: string;
  port: number;
  producer: Producer;
  policy: SlackAdminPolicy;
  maxBytes: number;
  /** HTTP mode: request bodies larger than this are refused unread. @defaultValue 524288 */
  maxRequestBytes?: number;
  logger: Logger;
  metrics?: Metrics;
  /** Where a button press is recorded while its run goes (a second click is ignored); defaults to the surfaces' Redis. */
  presses?: PressLocks;
  /** App Home, the upload modal, message shortcuts and uninstall handling (they read the stores). */
  surfaces?: SlackSurfaceOptions;
}

interface SlackFile {
  id?: string;
  name?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

/** Bolt's logger interface, backed by our pino logger. */
function boltLogger(logger: Logger) {
  const child = logger.child({ component: 'bolt' });
  return {
    debug: (...m: unknown[]) => child.debug(m.map(String).join(' ')),
    info: (...m: unknown[]) => child.info(m.map(String).join(' ')),
    warn: (...m: unknown[]) => child.warn(m.map(String).join(' ')),
    error: (...m: unknown[]) => child.error(m.map(String).join(' ')),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/**
 * The Slack adapter: /voipnow, mentions, DMs and buttons become invocations of the shared command
 * set, enqueued at once (Slack allows 3 seconds); the worker answers in the thread.
 */
export function createSlackApp(o: SlackAppOptions): BoltApp {
  const clientOptions = o.apiUrl ? { slackApiUrl: o.apiUrl } : {};
  const fileHosts = [...SLACK_FILE_HOSTS, ...(o.apiUrl ? [new URL(o.apiUrl).host] : [])];
  const app = new App({
    ...(o.oauth
      ? { ...o.oauth, scopes: SLACK_SCOPES, installerOptions: { directInstall: true } }
      : { token: o.botToken }),
    ...(o.appToken
      ? { appToken: o.appToken, socketMode: true }
      : { signingSecret: o.signingSecret ?? '', port: o.port }),
    clientOptions,
    logger: boltLogger(o.logger),
  });
  // Bolt's HTTP receiver buffers a whole body before checking its signature: bound it first. Its
  // listener is looked up per request, so replacing it before `start` puts the bound in front.
  const receiver = (app as unknown as { receiver?: { requestListener?: RequestListener } }).receiver;
  if (!o.appToken && receiver?.requestListener)
    receiver.requestListener = boundedIntake(receiver.requestListener, {
      maxBodyBytes: o.maxRequestBytes ?? 512 * 1024,
    });

  async function enqueue(p: {
    requestId: string;
    team: string;
    channel: string;
    thread?: string;
    user: string;
    text: string;
    files?: SlackFile[];
    attachment?: Attachment;
    /** A topology pasted in a code block, as typed (from the message's rich text). */
    pasted?: string;
    responseUrl?: string;
    client: WebClient;
    token: string;
    /** The mention's message, marked "seen" with a reaction until the answer is in. */
    seen?: string;
    /** A mention in a channel: noise goes to the requester alone (chat.postEphemeral). */
    privateNoise?: boolean;
    /** "Share in channel": the words run again for everyone. */
    shared?: boolean;
    press?: string;
  }): Promise<void> {
    const log = o.logger.child({ requestId: p.requestId, platform: 'slack', team: p.team });
    let attachment: Attachment | undefined = p.attachment;
    let problem: string | undefined;
    const file = p.files?.[0];
    if (!file && p.pasted) attachment = { name: 'pasted topology', content: p.pasted };
    if (file) {
      try {
        let meta = file;
        if (!meta.url_private_download && !meta.url_private && meta.id)
          meta = (await p.client.files.info({ file: meta.id })).file ?? meta;
        attachment = await fetchSlackFile(meta, p.token, o.maxBytes, fileHosts);
      } catch (error) {
        problem = `${(error as Error).message}.`;
      }
    }
    try {
      await dispatchRequest(
        o.producer,
        {
          requestId: p.requestId,
          target: {
            platform: 'slack',
            tenant: `slack:${p.team}`,
            channel: p.channel,
            ...(p.thread ? { thread: p.thread } : {}),
            requester: p.user,
            ...(p.responseUrl ? { responseUrl: p.responseUrl } : {}),
            ...(p.seen ? { seen: p.seen } : {}),
            ...(p.press ? { press: p.press } : {}),
          },
          text: p.text,
          ...(attachment ? { attachment } : {}),
          ...(problem ? { problem } : {}),
          isAdmin: () => isSlackAdmin(p.client, o.policy, p.user).catch(() => false),
          adminHint: adminHint(o.policy),
          choosesPrivacyLate: Boolean(p.responseUrl) || Boolean(p.privateNoise),
          ...(p.shared ? { shared: true } : {}),
        },
        { logger: log, metrics: o.metrics },
      );
    } catch (error) {
      // The queue is unreachable (Redis down): say so rather than leave the user waiting.
      log.error({ err: (error as Error).message }, 'could not enqueue');
      await p.client.chat
        .postEphemeral({
          channel: p.channel,
          user: p.user,
          text: QUEUE_UNREACHABLE,
          ...(p.thread ? { thread_ts: p.thread } : {}),
        })
        .catch(() => undefined);
    }
  }

  const surfaces = o.surfaces
    ? registerSurfaces(app, {
        options: o.surfaces,
        enqueue,
        policy: o.policy,
        maxBytes: o.maxBytes,
        fileHosts,
        logger: o.logger,
        ...(o.botToken ? { botToken: o.botToken } : {}),
        ...(o.oauth ? { installations: o.oauth.installationStore } : {}),
        clientOptions,
      })
    : undefined;
  if (surfaces) {
    // Bolt's stop() does not know about the Home refresher.
    const stop = app.stop.bind(app);
    app.stop = async (...args: unknown[]) => {
      surfaces.close();
      return stop(...(args as []));
    };
  }

  app.command('/voipnow', async ({ command, ack, client, context }) => {
    // Acknowledge first, and let other requests' acknowledgements go out before this one's
    // enqueueing: Slack gives 3 seconds, the queue has no deadline.
    await ack({ response_type: 'ephemeral', text: WORKING });
    // A bare `check` or `topology save`: a slash command cannot carry a file, so the upload form opens.
    if (await surfaces?.openUpload(command, client)) return;
    await new Promise((resolve) => setImmediate(resolve));
    await enqueue({
      requestId: `slack:${command.team_id}:cmd:${command.trigger_id}`,
      team: command.team_id,
      channel: command.channel_id,
      user: command.user_id,
      text: decodeSlackText(command.text ?? ''),
      ...(command.response_url ? { responseUrl: command.response_url } : {}),
      client,
      token: context.botToken ?? o.botToken ?? '',
    });
  });

  /** A mention or a direct message: answered in the message's thread. */
  type SlackMessageEvent = {
    channel: string;
    ts: string;
    thread_ts?: string;
    user?: string;
    text?: string;
    files?: SlackFile[];
    blocks?: unknown[];
  };
  const fromMessage = async (
    m: SlackMessageEvent,
    b: { team_id: string; event_id: string },
    client: WebClient,
    token: string | undefined,
    mention = false,
  ) => {
    const pasted = preformattedText(m.blocks);
    // An immediate sign that the mention was seen; the worker takes it off with the answer.
    const seen = await client.reactions
      .add({ channel: m.channel, timestamp: m.ts, name: SEEN_REACTION })
      .then(() => true)
      .catch(() => false);
    return enqueue({
      requestId: `slack:${b.team_id}:evt:${b.event_id}`,
      team: b.team_id,
      channel: m.channel,
      thread: m.thread_ts ?? m.ts,
      user: m.user ?? 'unknown',
      text: decodeSlackText(m.text ?? ''),
      ...(pasted ? { pasted } : {}),
      ...(m.files ? { files: m.files } : {}),
      client,
      token: token ?? o.botToken ?? '',
      ...(seen ? { seen: m.ts } : {}),
      ...(mention ? { privateNoise: true } : {}),
    });
  };

  app.event('app_mention', async ({ event, body, client, context }) => {
    await fromMessage(event, body, client, context.botToken, true);
  });

  app.message(async ({ message, body, client, context }) => {
    const m = message as SlackMessageEvent & { channel_type?: string; bot_id?: string; subtype?: string };
    // Mentions in channels arrive as app_mention; here only direct messages, never the bot's own.
    if (m.channel_type !== 'im' || m.bot_id || (m.subtype && m.subtype !== 'file_share')) return;
    await fromMessage(m, body, client, context.botToken);
  });

  const presses = o.presses ?? (o.surfaces ? { redis: o.surfaces.redis, prefix: o.surfaces.prefix } : undefined);

  app.action(SHARE_ACTION, async ({ ack, body, action, client, context }) => {
    await ack();
    const b = body as { team?: { id: string }; user: { id: string }; channel?: { id: string }; response_url?: string };
    const value = (action as { value?: string }).value;
    if (!b.team?.id || !b.channel || !value) return;
    // A private answer's words, run again for the whole conversation.
    await enqueue({
      requestId: `slack:${b.team.id}:share:${(body as { trigger_id?: string }).trigger_id ?? `${b.user.id}:${value}`}`,
      team: b.team.id,
      channel: b.channel.id,
      user: b.user.id,
      text: value,
      ...(b.response_url ? { responseUrl: b.response_url } : {}),
      shared: true,
      client,
      token: context.botToken ?? o.botToken ?? '',
    });
  });

  app.action(/^voipnow_run_\d+$/, async ({ ack, body, action, client, context }) => {
    await ack();
    const b = body as {
      team?: { id: string };
      user: { id: string };
      channel?: { id: string };
      message?: { ts: string; thread_ts?: string; text?: string; blocks?: Record<string, unknown>[] };
      trigger_id?: string;
      container?: { message_ts?: string };
    };
    const value = (action as { value?: string }).value ?? 'help';
    if (!b.channel || !b.message) return;
    // The team is the tenant: without it the request would run in no workspace's store, or a shared one.
    if (!b.team?.id) {
      o.logger.warn({ user: b.user.id }, 'refused an interaction without a team');
      await client.chat
        .postEphemeral({
          channel: b.channel.id,
          user: b.user.id,
          text: '🚫 I cannot tell which workspace this button press came from, so I did not run it. Type the command instead.',
        })
        .catch(() => undefined);
      return;
    }
    const actionId = (action as { action_id?: string }).action_id ?? value;
    const press = await claimPress(presses, `slack:${b.team.id}:${b.channel.id}:${b.message.ts}`, actionId);
    // A second click while the first one's run is going: the message already says it is running.
    if (press.duplicate) return;
    const label = (action as { text?: { text?: string } }).text?.text ?? value;
    // The message with the button says, in place, who ran what; a later press replaces the line.
    const blocks = (b.message.blocks ?? []).filter((block) => block.block_id !== PRESS_BLOCK);
    await client.chat
      .update({
        channel: b.channel.id,
        ts: b.message.ts,
        text: b.message.text ?? '',
        blocks: [
          ...blocks,
          {
            type: 'context',
            block_id: PRESS_BLOCK,
            elements: [{ type: 'mrkdwn', text: `⏳ <@${b.user.id}> ran *${escapeMrkdwn(label)}*…` }],
          },
        ] as never,
      })
      .catch(() => undefined);
    await enqueue({
      ...(press.key ? { press: press.key } : {}),
      requestId: `slack:${b.team.id}:act:${b.trigger_id ?? `${b.message.ts}:${value}`}`,
      team: b.team.id,
      channel: b.channel.id,
      thread: b.message.thread_ts ?? b.message.ts,
      user: b.user.id,
      text: value,
      client,
      token: context.botToken ?? o.botToken ?? '',
    });
  });

  app.error((error) => {
    o.logger.error({ err: error.message }, 'slack adapter error');
    return Promise.resolve();
  });
  return app;
}
