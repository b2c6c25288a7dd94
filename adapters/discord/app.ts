import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type ModalSubmitInteraction,
} from 'discord.js';
import { parseInvocation } from '../../commands/invocation.js';
import { claimPress, type PressLocks } from '../button-press.js';
import { dispatchRequest, isNoise, QUEUE_UNREACHABLE } from '../dispatch.js';
import { SEEN_EMOJI, SHARE_PREFIX } from './port.js';
import type { Logger } from '../../src/ops/logger.js';
import type { Metrics } from '../../src/ops/metrics.js';
import type { Attachment } from '../../src/queue/job.js';
import type { Producer } from '../../src/queue/producer.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import type { TopologyStore } from '../../src/store/topology-store.js';
import type { AuditService } from '../../src/audit/audit-service.js';
import { DISCORD_ATTACHMENT_HOSTS, fetchDiscordAttachment } from './attachments.js';
import { commandLine } from './commands.js';
import {
  MESSAGE_COMMANDS,
  replyStatus,
  showWhatifPrompt,
  topologyOfDiscordMessage,
  whatifFromPrompt,
  WHATIF_PROMPT,
  type MessageCommandName,
} from './status.js';

export interface DiscordAppOptions {
  token: string;
  apiUrl?: string;
  producer: Producer;
  store: TopologyStore;
  /** Where audits are kept: `/voipnow status` lists them. */
  audits?: AuditService;
  maxBytes: number;
  /** A role whose members may save, delete and schedule (Manage Server always may). */
  adminRole?: string;
  /** Channels where plain messages are read (needs the privileged Message Content intent). */
  channels: readonly string[];
  logger: Logger;
  metrics?: Metrics;
  /** Where a button press is recorded while its run goes (a second click is ignored). */
  presses?: PressLocks;
}

/** What the bot needs to answer in a thread, with the names Discord's settings show. */
const THREAD_PERMISSIONS = [
  [PermissionFlagsBits.CreatePublicThreads, 'Create Public Threads'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
] as const;

/** Interaction tokens last 15 minutes; past 14, answers go out as normal messages. */
const TOKEN_LIFETIME_MS = 14 * 60_000;

function tenantOf(guildId: string | null, userId: string): string {
  return guildId ? `discord:${guildId}` : `discord-dm:${userId}`;
}

/**
 * The Discord adapter: /voipnow (deferred at once), mentions and configured channels become
 * invocations of the shared command set; the worker answers in a thread through the REST API.
 */
export function createDiscordClient(o: DiscordAppOptions): Client {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
    ...(o.channels.length ? [GatewayIntentBits.MessageContent] : []),
  ];
  const client = new Client({
    intents,
    partials: [Partials.Channel],
    rest: { ...(o.apiUrl ? { api: o.apiUrl } : {}) },
  });
  const hosts = [...DISCORD_ATTACHMENT_HOSTS, ...(o.apiUrl ? [new URL(o.apiUrl).host] : [])];
  const hint = o.adminRole ? `members with the <@&${o.adminRole}> role or Manage Server` : 'members with Manage Server';

  async function enqueue(
    requestId: string,
    text: string,
    file: { url: string; name: string; size: number } | undefined,
    target: ReplyTarget,
    admin: boolean,
    pasted?: Attachment,
    shared = false,
  ): Promise<void> {
    let attachment: Attachment | undefined = pasted;
    let problem: string | undefined;
    if (file) {
      try {
        attachment = await fetchDiscordAttachment(file, o.maxBytes, hosts);
      } catch (error) {
        problem = `${(error as Error).message}.`;
      }
    }
    await dispatchRequest(
      o.producer,
      {
        requestId,
        target,
        text,
        ...(attachment ? { attachment } : {}),
        ...(problem ? { problem } : {}),
        isAdmin: () => admin,
        adminHint: hint,
        ...(shared ? { shared: true } : {}),
      },
      { logger: o.logger, metrics: o.metrics },
    );
  }

  const isAdmin = (i: Interaction | Message): boolean => {
    // A DM is the user's own space (its tenant is theirs alone): they may save and schedule there.
    if (!i.guildId) return true;
    const member = i.member;
    if (!member) return false;
    const permissions =
      'permissions' in member && typeof member.permissions !== 'string' ? member.permissions : undefined;
    if (permissions?.has(PermissionFlagsBits.ManageGuild)) return true;
    const roles = member.roles;
    if (!o.adminRole) return false;
    return Array.isArray(roles) ? roles.includes(o.adminRole) : roles.cache.has(o.adminRole);
  };

  /** Runs `work`; when the queue is unreachable, tells the user instead of leaving them waiting. */
  async function tell(notify: () => Promise<unknown>, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      o.logger.error({ err: (error as Error).message }, 'could not enqueue');
      await notify().catch(() => undefined);
    }
  }

  /**
   * Where a slash command's answer cannot go in a thread: a DM, a thread or a voice channel's chat
   * (Discord refuses a thread there), or a channel where the bot lacks a thread permission.
   */
  function placeOf(i: ChatInputCommandInteraction): ReplyTarget['inPlace'] {
    const channel = i.channel;
    if (!i.guildId || channel?.isThread() || channel?.isVoiceBased() || channel?.isDMBased()) return {};
    for (const [flag, missing] of THREAD_PERMISSIONS) if (!i.appPermissions.has(flag)) return { missing };
    return undefined;
  }

  async function onCommand(i: ChatInputCommandInteraction): Promise<void> {
    if (i.options.getSubcommand() === 'status') return replyStatus(i, o, tenantOf(i.guildId, i.user.id), isAdmin(i));
    // Reading the options costs no call, so whether only the requester should see the answer (help,
    // a usage error, a refusal, a file over the cap) is known before the deferral, which fixes it.
    const sub = i.options.getSubcommand();
    const options: Record<string, string | number | undefined> = {};
    for (const name of ['name', 'question', 'on', 'id', 'action', 'schedule', 'tz'])
      options[name] = i.options.getString(name) ?? undefined;
    for (const name of ['version', 'from', 'to']) options[name] = i.options.getInteger(name) ?? undefined;
    options.channel = i.options.getChannel('channel')?.id;
    options.quiet = i.options.getBoolean('quiet') ? 'quiet' : undefined;
    const file = i.options.getAttachment('file') ?? undefined;
    const line = commandLine(sub, options);
    const invocation = parseInvocation(line, file ? { name: file.name, content: '' } : undefined);
    const quiet = (file !== undefined && file.size > o.maxBytes) || isNoise(invocation, isAdmin(i));
    // Help asked for in private can be shown to everyone with one press; refusals and mistakes stay private.
    const share = quiet && invocation.command === 'help' && !file && line.trim() ? line.trim() : undefined;
    // Defer first: Discord allows 3 seconds, the queue has no deadline.
    await i.deferReply(quiet ? { flags: MessageFlags.Ephemeral } : {});
    // An ephemeral reply cannot start a thread: a private answer stays in it.
    const inPlace = quiet ? {} : placeOf(i);
    await tell(
      () => i.editReply(QUEUE_UNREACHABLE),
      () =>
        enqueue(
          `discord:${i.id}`,
          line,
          file ? { url: file.url, name: file.name, size: file.size } : undefined,
          {
            platform: 'discord',
            tenant: tenantOf(i.guildId, i.user.id),
            channel: i.channelId,
            requester: i.user.id,
            interaction: {
              applicationId: i.applicationId,
              token: i.token,
              expiresAt: i.createdTimestamp + TOKEN_LIFETIME_MS,
            },
            ...(inPlace ? { inPlace } : {}),
            ...(quiet ? { private: true } : {}),
            ...(share ? { share } : {}),
          },
          isAdmin(i),
        ),
    );
  }

  /** Where a deferred interaction's answer goes: its own reply, through the interaction's token. */
  function answeredIn(i: ModalSubmitInteraction | ButtonInteraction, channel: string) {
    return {
      platform: 'discord' as const,
      tenant: tenantOf(i.guildId, i.user.id),
      channel,
      requester: i.user.id,
      interaction: {
        applicationId: i.applicationId,
        token: i.token,
        expiresAt: i.createdTimestamp + TOKEN_LIFETIME_MS,
      },
    };
  }

  client.on(Events.InteractionCreate, (i) => {
    void (async () => {
      if (i.isChatInputCommand() && i.commandName === 'voipnow') return onCommand(i);
      if (i.isAutocomplete() && i.commandName === 'voipnow') {
        const typed = String(i.options.getFocused()).toLowerCase();
        const names = (await o.store.forTenant(tenantOf(i.guildId, i.user.id)).list())
          .map((t) => t.name)
          .filter((n) => n.toLowerCase().includes(typed));
        return void (await i.respond(names.slice(0, 25).map((n) => ({ name: n, value: n }))));
      }
      if (i.isButton() && i.customId.startsWith(WHATIF_PROMPT)) return showWhatifPrompt(i);
      if (i.isModalSubmit() && i.customId.startsWith(WHATIF_PROMPT)) {
        const command = whatifFromPrompt(i);
        await i.deferReply();
        if (!command) return void (await i.editReply('Ask about a role, node, host or zone.'));
        return tell(
          () => i.editReply(QUEUE_UNREACHABLE),
          () => enqueue(`discord:${i.id}`, command, undefined, answeredIn(i, i.channelId ?? i.user.id), isAdmin(i)),
        );
      }
      if (i.isMessageContextMenuCommand() && i.commandName in MESSAGE_COMMANDS) {
        // "Check this topology" / "Save this topology": answered in the message's thread.
        await i.deferReply({ flags: MessageFlags.Ephemeral });
        const found = topologyOfDiscordMessage(i);
        if (!found)
          return void (await i.editReply(
            `“${i.commandName}” works on a message with a YAML or JSON file or a pasted \`\`\` code block; this one has neither.`,
          ));
        const m = i.targetMessage;
        const inPlace = m.channel?.isThread() || !m.guildId;
        await tell(
          () => i.editReply(QUEUE_UNREACHABLE),
          () =>
            enqueue(
              `discord:${i.id}`,
              MESSAGE_COMMANDS[i.commandName as MessageCommandName],
              'file' in found ? found.file : undefined,
              {
                platform: 'discord',
                tenant: tenantOf(i.guildId, i.user.id),
                channel: m.channelId,
                requester: i.user.id,
                ...(inPlace ? { thread: m.channelId } : { startFrom: m.id }),
              },
              isAdmin(i),
              'paste' in found ? found.paste : undefined,
            ),
        );
        return void (await i.editReply('On it: the answer goes in the message’s thread.'));
      }
      if (i.isButton() && i.customId.startsWith(SHARE_PREFIX)) {
        // A private answer's command, run again for everyone: its public deferred reply becomes the answer.
        await i.deferReply();
        const command = i.customId.slice(SHARE_PREFIX.length);
        return tell(
          () => i.editReply(QUEUE_UNREACHABLE),
          () =>
            enqueue(
              `discord:${i.id}`,
              command,
              undefined,
              {
                ...answeredIn(i, i.channelId),
                inPlace: {},
              },
              isAdmin(i),
              undefined,
              true,
            ),
        );
      }
      if (i.isButton() && i.customId.startsWith('voipnow_run:')) {
        const press = await claimPress(o.presses, `discord:${i.message.id}`, i.customId);
        // A second click while the first one's run is going: nothing runs twice.
        if (press.duplicate) return void (await i.deferUpdate());
        // The message with the button says, in place, who ran what (a mention that pings no one).
        const label = 'label' in i.component && i.component.label ? i.component.label : 'it';
        await i.update({ content: `⏳ <@${i.user.id}> ran **${label}**…`, allowedMentions: { parse: [] } });
        const command = i.customId.split(':').slice(2).join(':');
        const target: ReplyTarget = {
          platform: 'discord',
          tenant: tenantOf(i.guildId, i.user.id),
          channel: i.channelId,
          thread: i.channelId,
          requester: i.user.id,
          ...(press.key ? { press: press.key } : {}),
        };
        await tell(
          () => i.followUp({ content: QUEUE_UNREACHABLE, ephemeral: true }),
          () => enqueue(`discord:${i.id}`, command, undefined, target, isAdmin(i)),
        );
      }
    })().catch((error: unknown) => o.logger.error({ err: String(error) }, 'discord interaction failed'));
  });

  client.on(Events.MessageCreate, (m) => {
    void (async () => {
      if (m.author.bot) return;
      const mentioned = client.user ? m.mentions.users.has(client.user.id) : false;
      const dm = !m.guildId;
      if (!mentioned && !dm && !o.channels.includes(m.channelId)) return;
      const text = m.content.replace(/<@!?\d+>/g, ' ').trim();
      const file = m.attachments.first();
      const inThread = m.channel.isThread();
      // An immediate sign that the message was seen; the worker takes it off with the answer.
      const seen = await m
        .react(SEEN_EMOJI)
        .then(() => true)
        .catch(() => false);
      await tell(
        () => m.reply(QUEUE_UNREACHABLE),
        () =>
          enqueue(
            `discord:msg:${m.id}`,
            text,
            file ? { url: file.url, name: file.name, size: file.size } : undefined,
            {
              platform: 'discord',
              tenant: tenantOf(m.guildId, m.author.id),
              channel: m.channelId,
              requester: m.author.id,
              ...(seen ? { seen: m.id } : {}),
              // In a thread (or a DM, where threads do not exist) answer in place; elsewhere start a thread from the message.
              ...(inThread || dm ? { thread: m.channelId } : { startFrom: m.id }),
            },
            isAdmin(m),
          ),
      );
    })().catch((error: unknown) => o.logger.error({ err: String(error) }, 'discord message failed'));
  });
  return client;
}
