import { createHash } from 'node:crypto';
import { DiscordAPIError, type REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { isPicture, type Reply, type ReplyFile } from '../../src/reply/document.js';
import { PermanentPortError, TransientPortError, type MessageRef, type ReplyPort } from '../../src/reply/port.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import { DISCORD_LIMITS, renderDiscord, type DiscordMessage } from './embeds.js';

/** Discord refuses these for good: missing access, unknown channel or message, no permission. */
const PERMANENT_CODES = new Set([10003, 10008, 50001, 50013, 50083]);
/** Unknown Channel, Missing Access, Missing Permissions: the channel is closed to the bot. */
const CHANNEL_CLOSED = new Set([10003, 50001, 50013]);
/** "A thread has already been created for this message". */
const THREAD_EXISTS = 160004;

/** Discord dedupes a create that repeats a nonce (25 characters at most) when `enforce_nonce` is set. */
export function nonceFor(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 25);
}

function mapError(error: unknown): Error {
  if (
    error instanceof DiscordAPIError &&
    (PERMANENT_CODES.has(Number(error.code)) || error.status === 403 || error.status === 404)
  ) {
    return new PermanentPortError(
      `Discord refused: ${error.message}`,
      CHANNEL_CLOSED.has(Number(error.code)) || error.status === 403,
    );
  }
  return new TransientPortError(`Discord call failed: ${(error as Error).message}`);
}

interface MessageObject {
  id: string;
  channel_id: string;
}

/**
 * Replies in Discord through its REST API: a parent message, a thread started from it (a thread
 * started from a message has the message's id), embeds in the thread, files as attachments, and
 * the parent edited to the verdict. Every create carries a nonce with `enforce_nonce`, so Discord
 * itself returns the first message when a retried job repeats a create.
 */
export class DiscordPort implements ReplyPort<DiscordMessage> {
  readonly platform = 'discord' as const;

  /** Channel id → its server (or null for a DM): channels never move between servers. */
  private readonly guilds = new Map<string, string | null>();

  constructor(private readonly rest: REST) {}

  async refuses(tenant: string, channel: string): Promise<string | undefined> {
    let guild = this.guilds.get(channel);
    if (guild === undefined) {
      try {
        const found = (await this.rest.get(Routes.channel(channel))) as { guild_id?: string };
        guild = found.guild_id ?? null;
      } catch (error) {
        const mapped = mapError(error);
        if (mapped instanceof PermanentPortError) return 'I cannot see that channel';
        throw mapped;
      }
      this.guilds.set(channel, guild);
    }
    const own = tenant.startsWith('discord:') ? tenant.slice('discord:'.length) : null;
    if (guild !== own)
      return own ? 'that channel belongs to another server' : 'that channel is not in this conversation';
    return undefined;
  }

  private async call<T>(work: () => Promise<unknown>): Promise<T> {
    try {
      return (await work()) as T;
    } catch (error) {
      throw mapError(error);
    }
  }

  private post(
    channel: string,
    body: Record<string, unknown>,
    key: string,
    files?: ReplyFile[],
  ): Promise<MessageObject> {
    return this.call(() =>
      this.rest.post(Routes.channelMessages(channel), {
        body: { ...body, nonce: nonceFor(key), enforce_nonce: true, allowed_mentions: { parse: [] } },
        ...(files
          ? { files: files.map((f) => ({ name: f.filename, data: Buffer.from(f.content), contentType: f.type })) }
          : {}),
      }),
    );
  }

  /** A thread from a message; a thread started from a message has the message's id. */
  private async threadFrom(channel: string, message: string, name: string): Promise<string> {
    try {
      await this.rest.post(Routes.threads(channel, message), {
        body: { name: name.replace(/[^\p{L}\p{N} ._-]/gu, '').slice(0, 90) || 'voipnow', auto_archive_duration: 1440 },
      });
    } catch (error) {
      // A retry after a crash finds the thread already there: same id, nothing to do.
      if (!(error instanceof DiscordAPIError && Number(error.code) === THREAD_EXISTS)) throw mapError(error);
    }
    return message;
  }

  async startThread(target: ReplyTarget, text: string, key: string): Promise<MessageRef> {
    const content = text.slice(0, DISCORD_LIMITS.content);
    // A slash command: the deferred reply becomes the parent, while its token lives.
    if (target.interaction && target.interaction.expiresAt > Date.now()) {
      const { applicationId, token } = target.interaction;
      const message = await this.call<MessageObject>(() =>
        this.rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body: { content }, auth: false }),
      );
      const thread = await this.threadFrom(message.channel_id, message.id, text);
      return {
        channel: message.channel_id,
        id: message.id,
        thread,
        tenant: target.tenant,
        interaction: target.interaction,
      };
    }
    // A mention: the thread starts from the user's message, and the parent is its first message.
    if (target.startFrom) {
      const thread = await this.threadFrom(target.channel, target.startFrom, text);
      const message = await this.post(thread, { content }, key);
      return { channel: thread, id: message.id, thread, tenant: target.tenant };
    }
    const message = await this.post(target.channel, { content }, key);
    const thread = await this.threadFrom(target.channel, message.id, text);
    return { channel: target.channel, id: message.id, thread, tenant: target.tenant };
  }

  render(reply: Reply): DiscordMessage[] {
    return renderDiscord(reply);
  }

  async postInThread(parent: MessageRef, message: DiscordMessage, key: string): Promise<MessageRef> {
    const posted = await this.post(parent.thread, { ...message }, key);
    return {
      channel: parent.channel,
      id: posted.id,
      thread: parent.thread,
      ...(parent.tenant ? { tenant: parent.tenant } : {}),
    };
  }

  async update(message: MessageRef, text: string): Promise<void> {
    const body = { content: text.slice(0, DISCORD_LIMITS.content) };
    if (message.interaction && message.interaction.expiresAt > Date.now()) {
      const { applicationId, token } = message.interaction;
      await this.call(() =>
        this.rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body, auth: false }),
      );
      return;
    }
    await this.call(() => this.rest.patch(Routes.channelMessage(message.channel, message.id), { body }));
  }

  async upload(parent: MessageRef, file: ReplyFile, key: string): Promise<MessageRef> {
    // A picture is shown in an embed that points at its own attachment; alt text is its description.
    const body = isPicture(file)
      ? {
          embeds: [
            {
              title: file.filename,
              ...(file.alt ? { description: file.alt.slice(0, DISCORD_LIMITS.description) } : {}),
              image: { url: `attachment://${file.filename}` },
            },
          ],
          // The attachment's own description is its alt text in Discord clients.
          ...(file.alt
            ? { attachments: [{ id: 0, filename: file.filename, description: file.alt.slice(0, 1024) }] }
            : {}),
        }
      : { content: `📎 ${file.filename}` };
    const posted = await this.post(parent.thread, body, key, [file]);
    return {
      channel: parent.channel,
      id: posted.id,
      thread: parent.thread,
      ...(parent.tenant ? { tenant: parent.tenant } : {}),
    };
  }
}
