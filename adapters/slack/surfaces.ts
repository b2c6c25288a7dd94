import type { App } from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { AuditService } from '../../src/audit/audit-service.js';
import type { Logger } from '../../src/ops/logger.js';
import { loadOverview } from '../../src/overview/overview.js';
import type { Attachment } from '../../src/queue/job.js';
import { ChangeFeed } from '../../src/store/change-feed.js';
import { keepTenantData, retainTenantData, stopTenantAudits } from '../../src/store/tenant-retention.js';
import { TopologyStore } from '../../src/store/topology-store.js';
import { fetchSlackFile } from './files.js';
import { HOME_ACTION, HomePublisher } from './home.js';
import {
  decodeOrigin,
  parseError,
  readUpload,
  uploadModeFor,
  uploadView,
  UPLOAD_VIEW,
  whatifView,
  WHATIF_VIEW,
  type ModalOrigin,
  type SubmittedFile,
} from './modal.js';
import { isSlackAdmin, type SlackAdminPolicy } from './permissions.js';
import { MESSAGE_SHORTCUTS, topologyOfMessage, type ShortcutFile, type ShortcutId } from './shortcuts.js';

/** Said when Slack sends an interaction with no workspace: it is refused, never run as a shared tenant. */
const NO_TEAM = '🚫 I cannot tell which workspace this came from, so I did not run it. Type the command instead.';

/** What the App Home, the upload modal, the shortcuts and the uninstall handling need beyond the queue. */
export interface SlackSurfaceOptions {
  store: TopologyStore;
  audits?: AuditService;
  /** Watched for changes that refresh open Home tabs; also where uninstalled workspaces' data expires. */
  redis: Redis;
  /** QUEUE_NAME: the prefix of the stored data. */
  prefix: string;
  /** How long a workspace's data is kept after it uninstalls the app (0: deleted at once). */
  retentionSeconds: number;
  /** Changes within this long of each other refresh Home once. */
  debounceMs?: number;
}

/** One request from any of these surfaces, as the adapter's enqueue takes it. */
export interface SlackEnqueue {
  requestId: string;
  team: string;
  channel: string;
  thread?: string;
  user: string;
  text: string;
  files?: SubmittedFile[];
  attachment?: Attachment;
  client: WebClient;
  token: string;
}

export interface SurfaceDeps {
  options: SlackSurfaceOptions;
  enqueue(p: SlackEnqueue): Promise<void>;
  policy: SlackAdminPolicy;
  maxBytes: number;
  fileHosts: readonly string[];
  logger: Logger;
  botToken?: string;
  installations?: InstallationStore;
  clientOptions: WebClientOptions;
}

export interface Surfaces {
  /** Opens the upload form for a bare `check` or `topology save`; false when the text is something else. */
  openUpload(
    command: { text?: string; trigger_id: string; channel_id: string; user_id: string },
    client: WebClient,
  ): Promise<boolean>;
  home: HomePublisher;
  close(): void;
}

type Ctx = { botToken?: string };

/** Registers App Home, the modals, the message shortcuts and the uninstall events on the Bolt app. */
export function registerSurfaces(app: App, d: SurfaceDeps): Surfaces {
  const o = d.options;
  const log = d.logger.child({ component: 'slack-surfaces' });
  const tokenOf = (context: Ctx) => context.botToken ?? d.botToken ?? '';
  const isAdmin = (client: WebClient, user: string) => isSlackAdmin(client, d.policy, user).catch(() => false);

  const clients = new Map<string, WebClient>();
  async function clientFor(team: string): Promise<WebClient> {
    let token = d.botToken;
    if (d.installations) {
      const installation = await d.installations
        .fetchInstallation({ teamId: team, enterpriseId: undefined, isEnterpriseInstall: false })
        .catch(() => undefined);
      token = installation?.bot?.token ?? token;
    }
    if (!token) throw new Error(`no Slack token for ${team}`);
    let client = clients.get(token);
    if (!client) clients.set(token, (client = new WebClient(token, d.clientOptions)));
    return client;
  }

  const home = new HomePublisher({
    clientFor,
    overviewFor: (tenant) =>
      loadOverview({
        topologies: o.store.forTenant(tenant),
        ...(o.audits
          ? {
              audits: {
                store: o.audits.store.forTenant(tenant),
                next: (id: string) => o.audits!.scheduler.next(tenant, id),
              },
            }
          : {}),
        maxBytes: d.maxBytes,
      }),
    isAdmin,
    logger: log,
    debounceMs: o.debounceMs ?? 2000,
  });
  const feed = new ChangeFeed(o.redis, [TopologyStore.keyPrefix(o.prefix), `${o.prefix}:audit:`], (hash) =>
    home.changed(hash),
  );

  /** Results of Home buttons go to the person's direct messages with the app. */
  async function dm(client: WebClient, user: string): Promise<string> {
    const res = await client.conversations.open({ users: user });
    if (!res.channel?.id) throw new Error('Slack gave no direct message channel');
    return res.channel.id;
  }

  async function openModal(client: WebClient, trigger: string, view: Record<string, unknown>): Promise<boolean> {
    try {
      await client.views.open({ trigger_id: trigger, view: view as never });
      return true;
    } catch (error) {
      // A trigger lives 3 seconds and opens one view: past that, say so rather than nothing.
      log.warn({ err: (error as { data?: { error?: string } }).data?.error ?? String(error) }, 'views.open failed');
      return false;
    }
  }

  const tooLate = 'I could not open the form in time. Try again, or mention me with the file attached.';

  async function openUpload(
    command: { text?: string; trigger_id: string; channel_id: string; user_id: string },
    client: WebClient,
  ): Promise<boolean> {
    const wanted = uploadModeFor(command.text ?? '');
    if (!wanted) return false;
    const opened = await openModal(
      client,
      command.trigger_id,
      uploadView(wanted.mode, { channel: command.channel_id }, wanted.name),
    );
    if (!opened)
      await client.chat
        .postEphemeral({ channel: command.channel_id, user: command.user_id, text: tooLate })
        .catch(() => undefined);
    return true;
  }

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await home
      .opened(body.team_id, event.user, client)
      .catch((error: unknown) => log.warn({ err: (error as Error).message }, 'home publish failed'));
  });

  type HomeBody = {
    team?: { id: string } | null;
    user: { id: string };
    trigger_id: string;
    actions: { value?: string }[];
  };

  /** Check, run an audit, cancel one: the command runs with its result in the person's DM. */
  const fromHome = (command: (value: string) => string) =>
    (async ({ ack, body, client, context }) => {
      await ack();
      const b = body as unknown as HomeBody;
      const value = b.actions[0]?.value ?? '';
      const team = b.team?.id;
      // The team is the tenant: without it the request would run in a store no workspace owns.
      if (!team) return void log.warn({ user: b.user.id }, 'refused a Home press without a team');
      await d.enqueue({
        requestId: `slack:${team}:home:${b.trigger_id}`,
        team,
        channel: await dm(client, b.user.id),
        user: b.user.id,
        text: command(value),
        client,
        token: tokenOf(context),
      });
    }) satisfies Parameters<typeof app.action>[1];

  app.action(
    HOME_ACTION.check,
    fromHome((name) => `check ${name}`),
  );
  app.action(
    HOME_ACTION.run,
    fromHome((name) => `audit run ${name}`),
  );
  // Shown to admins only; the command itself refuses anyone else, whatever they send.
  app.action(
    HOME_ACTION.cancel,
    fromHome((id) => `audit cancel ${id}`),
  );

  app.action(HOME_ACTION.whatif, async ({ ack, body, client }) => {
    await ack();
    const b = body as unknown as HomeBody;
    await openModal(client, b.trigger_id, whatifView(b.actions[0]?.value ?? '', {}));
  });
  for (const [action, mode] of [
    [HOME_ACTION.upload, 'check'],
    [HOME_ACTION.save, 'save'],
  ] as const) {
    app.action(action, async ({ ack, body, client }) => {
      await ack();
      await openModal(client, (body as unknown as HomeBody).trigger_id, uploadView(mode, {}));
    });
  }

  async function where(client: WebClient, origin: ModalOrigin, user: string) {
    return origin.channel
      ? { channel: origin.channel, ...(origin.thread ? { thread: origin.thread } : {}) }
      : { channel: await dm(client, user) };
  }

  app.view(UPLOAD_VIEW, async ({ ack, body, view, client, context }) => {
    const origin = decodeOrigin(view.private_metadata);
    const mode = origin.mode ?? 'check';
    const form = readUpload(view.state.values);
    const user = body.user.id;
    if (Object.keys(form.errors).length) return void (await ack({ response_action: 'errors', errors: form.errors }));
    if (mode === 'save' && !(await isAdmin(client, user)))
      return void (await ack({
        response_action: 'errors',
        errors: { [form.file ? 'file' : 'paste']: 'Only admins may save topologies; checking is open to everyone.' },
      }));
    const token = tokenOf(context);
    let attachment: Attachment;
    const field = form.file ? 'file' : 'paste';
    try {
      if (form.file) {
        let meta = form.file;
        if (!meta.url_private_download && !meta.url_private && meta.id)
          meta = (await client.files.info({ file: meta.id })).file ?? meta;
        attachment = await fetchSlackFile(meta, token, d.maxBytes, d.fileHosts);
      } else attachment = { name: 'pasted topology', content: form.paste! };
    } catch (error) {
      return void (await ack({ response_action: 'errors', errors: { file: (error as Error).message } }));
    }
    const problem = parseError(attachment, d.maxBytes);
    if (problem) return void (await ack({ response_action: 'errors', errors: { [field]: problem } }));
    const team = body.team?.id ?? body.user.team_id;
    // The team is the tenant: without it the request would run in a store no workspace owns.
    if (!team) return void (await ack({ response_action: 'errors', errors: { [field]: NO_TEAM } }));
    await ack();
    const name = form.name ?? origin.name;
    await d.enqueue({
      requestId: `slack:${team}:view:${view.id}`,
      team,
      ...(await where(client, origin, user)),
      user,
      text: mode === 'save' ? `topology save ${name ?? ''}`.trim() : 'check',
      attachment,
      client,
      token,
    });
  });

  app.view(WHATIF_VIEW, async ({ ack, body, view, client, context }) => {
    const origin = decodeOrigin(view.private_metadata);
    const values = view.state.values as Record<string, Record<string, { value?: string | null }>>;
    const question = values.question?.question?.value?.trim() ?? '';
    if (!question || !origin.name)
      return void (await ack({
        response_action: 'errors',
        errors: { question: 'Ask about a role, node, host or zone.' },
      }));
    const team = body.team?.id ?? body.user.team_id;
    // The team is the tenant: without it the request would run in a store no workspace owns.
    if (!team) return void (await ack({ response_action: 'errors', errors: { question: NO_TEAM } }));
    await ack();
    await d.enqueue({
      requestId: `slack:${team}:view:${view.id}`,
      team,
      ...(await where(client, origin, body.user.id)),
      user: body.user.id,
      text: `whatif ${/^(what|if)\b/i.test(question) ? question : `what happens if ${question}`} on ${origin.name}`,
      client,
      token: tokenOf(context),
    });
  });

  app.shortcut(
    { type: 'message_action', callback_id: /^voipnow_(check|save)_message$/ },
    async ({ ack, shortcut, client, context }) => {
      await ack();
      const s = shortcut as unknown as {
        callback_id: ShortcutId;
        trigger_id: string;
        team: { id: string } | null;
        channel: { id: string };
        user: { id: string; team_id?: string };
        message: { ts: string; thread_ts?: string; text?: string; files?: ShortcutFile[]; blocks?: unknown };
      };
      const team = s.team?.id ?? s.user.team_id;
      // The team is the tenant: without it the request would run in a store no workspace owns.
      if (!team) {
        await client.chat
          .postEphemeral({ channel: s.channel.id, user: s.user.id, text: NO_TEAM })
          .catch(() => undefined);
        return;
      }
      const found = topologyOfMessage(s.message);
      const spec = MESSAGE_SHORTCUTS[s.callback_id];
      if (!found) {
        await client.chat
          .postEphemeral({
            channel: s.channel.id,
            user: s.user.id,
            text: `“${spec.name}” works on a message with a YAML or JSON file or a pasted \`\`\` code block; this one has neither.`,
          })
          .catch(() => undefined);
        return;
      }
      await d.enqueue({
        requestId: `slack:${team}:shortcut:${s.trigger_id}`,
        team,
        channel: s.channel.id,
        // Answered in the message's own thread.
        thread: s.message.thread_ts ?? s.message.ts,
        user: s.user.id,
        text: spec.command,
        ...('file' in found
          ? { files: [found.file] }
          : { attachment: { name: 'pasted topology', content: found.paste } }),
        client,
        token: tokenOf(context),
      });
    },
  );

  /** The workspace removed the app (or revoked its bot token): forget it, stop its audits. */
  async function uninstalled(team: string, enterprise: string | undefined): Promise<void> {
    const tenant = `slack:${team}`;
    home.forget(team);
    const stopped = o.audits
      ? await stopTenantAudits(o.audits, tenant, 'the app was uninstalled from this workspace')
      : 0;
    const kept = await retainTenantData(o.redis, o.prefix, tenant, o.retentionSeconds);
    await d.installations?.deleteInstallation?.({
      teamId: team,
      enterpriseId: enterprise,
      isEnterpriseInstall: false,
    });
    log.info({ team, stopped, keys: kept, retentionSeconds: o.retentionSeconds }, 'workspace uninstalled the app');
  }

  app.event('app_uninstalled', async ({ body }) => {
    await uninstalled(body.team_id, body.enterprise_id);
  });
  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot token matters: user tokens are never used.
    if (event.tokens.bot?.length) await uninstalled(body.team_id, body.enterprise_id);
  });

  return {
    openUpload,
    home,
    close() {
      home.close();
      feed.close();
    },
  };
}

/**
 * The installation store, with a reinstall within the retention period keeping the workspace's data
 * for good again (an uninstall set it to expire).
 */
export function keepingDataOnInstall(store: InstallationStore, redis: Redis, prefix: string): InstallationStore {
  return {
    fetchInstallation: (query, logger) => store.fetchInstallation(query, logger),
    ...(store.deleteInstallation ? { deleteInstallation: store.deleteInstallation.bind(store) } : {}),
    async storeInstallation(installation, logger) {
      await store.storeInstallation(installation, logger);
      if (installation.team?.id) await keepTenantData(redis, prefix, `slack:${installation.team.id}`);
    },
  };
}
