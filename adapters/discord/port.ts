import { showTimes } from '../../src/reply/time.js';
import { discordTime } from './time.js';
import { createHash } from 'node:crypto';
import { DiscordAPIError, type REST, type RawFile } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { isPicture, type Reply, type ReplyFile } from '../../src/reply/document.js';
import { beforePost } from '../../src/reply/post-gate.js';
import { PermanentPortError, TransientPortError, type MessageRef, type ReplyPort } from '../../src/reply/port.js';
import type { PostPacer } from '../../src/reply/post-pacer.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import { DISCORD_LIMITS, renderDiscord, type DiscordMessage } from './embeds.js';

/** Discord refuses these for good: missing access, unknown channel or message, no permission. */
const PERMANENT_CODES = new Set([10003, 10008, 50001, 50013, 50083]);
/** Unknown Channel, Missing Access, Missing Permissions: the channel is closed to the bot. */
const CHANNEL_CLOSED = new Set([10003, 50001, 50013]);
/** "A thread has already been created for this message". */
const THREAD_EXISTS = 160004;
/** "Cannot execute action on this channel type": no thread can start here (DM, thread, forum post, voice chat). */
const WRONG_CHANNEL_TYPE = 50024;
const MISSING_PERMISSIONS = 50013;
/** Only the requester sees a message with this flag. */
const EPHEMERAL = 64;

/** Discord dedupes a create that repeats a nonce (25 characters at most) when `enforce_nonce` is set. */
export function nonceFor(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 25);
}

/** Discord's 50035 names each refused field ("embeds.0.description: Must be 4096 or fewer in length."). */
function invalidFields(errors: unknown, path: string[] = []): string[] {
  if (!errors || typeof errors !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (key === '_errors' && Array.isArray(value))
      out.push(`${path.join('.') || 'message'}: ${value.map((e: { message?: string }) => e.message ?? '').join(' ')}`);
    else out.push(...invalidFields(value, [...path, key]));
  }
  return out;
}

function mapError(error: unknown): Error {
  if (!(error instanceof DiscordAPIError))
    return new TransientPortError(`Discord call failed: ${(error as Error).message}`);
  const code = Number(error.code);
  // An invalid body (50035 and other 400s) fails the same way however often it is sent.
  if (error.status === 400) {
    const fields = invalidFields((error.rawError as { errors?: unknown }).errors);
    return new PermanentPortError(
      fields.length
        ? `Discord refused the message as too large or malformed (${fields.slice(0, 3).join('; ')})`
        : `Discord refused the message: ${error.message.split('\n')[0]}`,
    );
  }
  if (PERMANENT_CODES.has(code) || error.status === 403 || error.status === 404)
    return new PermanentPortError(
      `Discord refused: ${error.message}`,
      CHANNEL_CLOSED.has(code) || error.status === 403,
    );
  return new TransientPortError(`Discord call failed: ${error.message}`);
}

interface MessageObject {
  id: string;
  channel_id: string;
}

const live = (ref: {
  interaction?: MessageRef['interaction'];
}): ref is { interaction: NonNullable<MessageRef['interaction']> } =>
  Boolean(ref.interaction && ref.interaction.expiresAt > Date.now());

/** Messages Discord lets through to one channel at once (about five per five seconds). */
export const DISCORD_CHANNEL_BURST = 5;
/** An answer of at most this many characters stands alone where it was asked, without a thread. */
const SHORT_CHARS = 1800;
/** The reaction a mention gets at once ("seen"), taken off when the answer is in. */
export const SEEN_EMOJI = '👀';
/** Custom id prefix of the button under a private answer that runs its command again in public. */
export const SHARE_PREFIX = 'voipnow_share:';

function embedChars(e: DiscordMessage['embeds'][number]): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** "asked by" as Discord's small text, with a mention that shows the name and pings no one. */
export function askedBy(user: string | undefined): string {
  return user ? `-# asked by <@${user}>` : '';
}

/** The "Share in channel" button of a private answer, when its command can run again in public. */
function shareRow(share: string | undefined): unknown[] {
  if (!share) return [];
  return [
    {
      type: 1,
      components: [
        { type: 2, style: 1, custom_id: `${SHARE_PREFIX}${share}`.slice(0, 100), label: 'Share in channel' },
      ],
    },
  ];
}

/** A thread cannot be started where the request was made, and why (the permission, if one is missing). */
class NoThread extends Error {
  constructor(readonly missing?: string) {
    super('no thread here');
  }
}

/**
 * Replies in Discord through its REST API: a parent message, a thread started from it (a thread
 * started from a message has the message's id), embeds in the thread, files as attachments, and
 * the parent edited to the verdict. Where no thread can be started (a DM, a thread, a forum post, a
 * voice channel's chat, or no permission), the answer goes in place: the first embeds in the
 * deferred reply, the rest as follow-ups (or as messages in the channel once the interaction's token
 * has expired). Every create carries a nonce with `enforce_nonce`, so Discord itself returns the
 * first message when a retried job repeats a create.
 */
export class DiscordPort implements ReplyPort<DiscordMessage> {
  readonly platform = 'discord' as const;

  /** Channel id → its server (or null for a DM): channels never move between servers. */
  private readonly guilds = new Map<string, string | null>();

  constructor(
    private readonly rest: REST,
    private readonly pacer?: PostPacer,
  ) {
    // The REST client waits out Discord's limits within this process; the pacer tells every other
    // worker, so they hold their posts to that channel too instead of each meeting the 429.
    if (pacer)
      rest.on('rateLimited', (info) => {
        if (/^\/channels\/:id\/messages/.test(info.route) && info.majorParameter)
          void pacer.backOff('discord', info.majorParameter, info.retryAfter).catch(() => undefined);
      });
  }

  /** Waits for a posting slot in the channel (its burst, then Discord's pace), shared by every worker. */
  private async paced(channel: string): Promise<void> {
    await this.pacer?.admit('discord', channel);
  }

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
    // A worker frozen since the ledger's claim lost its job: checked right before the request.
    await beforePost();
    try {
      return (await work()) as T;
    } catch (error) {
      throw mapError(error);
    }
  }

  private static attachments(files: ReplyFile[] | undefined): { files?: RawFile[] } {
    return files?.length
      ? { files: files.map((f) => ({ name: f.filename, data: Buffer.from(f.content), contentType: f.type })) }
      : {};
  }

  private async post(
    channel: string,
    body: Record<string, unknown>,
    key: string,
    files?: ReplyFile[],
  ): Promise<MessageObject> {
    await this.paced(channel);
    return this.call(() =>
      this.rest.post(Routes.channelMessages(channel), {
        body: { ...body, nonce: nonceFor(key), enforce_nonce: true, allowed_mentions: { parse: [] } },
        ...DiscordPort.attachments(files),
      }),
    );
  }

  /** A follow-up to an interaction (ephemeral with `flags: 64`); webhooks take no nonce. */
  private async followUp(
    interaction: NonNullable<MessageRef['interaction']>,
    body: Record<string, unknown>,
    files?: ReplyFile[],
    channel?: string,
  ): Promise<MessageObject> {
    if (channel && !(Number(body.flags ?? 0) & EPHEMERAL)) await this.paced(channel);
    return this.call(() =>
      this.rest.post(Routes.webhook(interaction.applicationId, interaction.token), {
        body: { ...body, allowed_mentions: { parse: [] } },
        query: new URLSearchParams({ wait: 'true' }),
        auth: false,
        ...DiscordPort.attachments(files),
      }),
    );
  }

  private editOriginal(
    interaction: NonNullable<MessageRef['interaction']>,
    body: Record<string, unknown>,
  ): Promise<MessageObject> {
    return this.call(() =>
      this.rest.patch(Routes.webhookMessage(interaction.applicationId, interaction.token, '@original'), {
        body: { ...body, allowed_mentions: { parse: [] } },
        auth: false,
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
      if (error instanceof DiscordAPIError && Number(error.code) === THREAD_EXISTS) return message;
      if (error instanceof DiscordAPIError && Number(error.code) === WRONG_CHANNEL_TYPE) throw new NoThread();
      if (error instanceof DiscordAPIError && Number(error.code) === MISSING_PERMISSIONS)
        throw new NoThread('Create Public Threads');
      throw mapError(error);
    }
    return message;
  }

  /** `threadFrom`, or the channel itself when no thread can start there (and why). */
  private async threadOrPlace(
    channel: string,
    message: string,
    name: string,
  ): Promise<{ thread: string; missing?: string | undefined; inPlace: boolean }> {
    try {
      return { thread: await this.threadFrom(channel, message, name), inPlace: false };
    } catch (error) {
      if (error instanceof NoThread) return { thread: channel, missing: error.missing, inPlace: true };
      throw error;
    }
  }

  /** Tells the requester privately which permission kept the answer out of a thread. */
  private async tellMissing(interaction: MessageRef['interaction'], missing: string | undefined): Promise<void> {
    if (!missing || !interaction || interaction.expiresAt <= Date.now()) return;
    await this.followUp(interaction, {
      content: `ℹ️ I answered here instead of in a thread: I do not have the **${missing}** permission in this channel. A server admin can grant it to me.`,
      flags: EPHEMERAL,
    }).catch(() => undefined);
  }

  async startThread(target: ReplyTarget, text: string, key: string): Promise<MessageRef> {
    const content = (target.private ? text : `${text}\n${askedBy(target.requester)}`).slice(0, DISCORD_LIMITS.content);
    const name = text;
    // A slash command: the deferred reply becomes the parent, while its token lives.
    if (live(target)) {
      const message = await this.editOriginal(target.interaction, { content });
      const base = {
        channel: message.channel_id,
        id: message.id,
        tenant: target.tenant,
        requester: target.requester,
        interaction: target.interaction,
        ...(target.private ? { private: true } : {}),
      };
      if (target.inPlace) {
        await this.tellMissing(target.interaction, target.inPlace.missing);
        return { ...base, thread: message.channel_id };
      }
      const where = await this.threadOrPlace(message.channel_id, message.id, name);
      await this.tellMissing(target.interaction, where.missing);
      return { ...base, thread: where.thread };
    }
    // A mention: the thread starts from the user's message, and the parent is its first message;
    // where there can be none, the parent replies to the message in place.
    if (target.startFrom) {
      const where = target.inPlace
        ? { thread: target.channel, inPlace: true }
        : await this.threadOrPlace(target.channel, target.startFrom, name);
      // A mention has no interaction to answer privately through: a missing permission is one small line.
      const why = 'missing' in where && where.missing ? `\n-# no thread: I lack **${where.missing}** here` : '';
      const body = where.inPlace
        ? {
            content: `${content}${why}`.slice(0, DISCORD_LIMITS.content),
            message_reference: { message_id: target.startFrom, fail_if_not_exists: false },
          }
        : { content };
      const message = await this.post(where.thread, body, key);
      return {
        channel: where.thread,
        id: message.id,
        thread: where.thread,
        tenant: target.tenant,
        requester: target.requester,
      };
    }
    const message = await this.post(target.channel, { content }, key);
    const where = target.inPlace
      ? { thread: target.channel }
      : await this.threadOrPlace(target.channel, message.id, name);
    return {
      channel: target.channel,
      id: message.id,
      thread: where.thread,
      tenant: target.tenant,
      requester: target.requester,
    };
  }

  render(reply: Reply): DiscordMessage[] {
    return showTimes(renderDiscord(reply), discordTime);
  }

  isShort(message: DiscordMessage): boolean {
    if (message.files?.length) return false;
    return message.embeds.reduce((n, e) => n + embedChars(e), message.content?.length ?? 0) <= SHORT_CHARS;
  }

  async postAlone(target: ReplyTarget, message: DiscordMessage, key: string, shown: string): Promise<MessageRef> {
    const summary = showTimes(shown, discordTime);
    const { lead: _lead, files: _files, ...body } = message;
    const ref = {
      tenant: target.tenant,
      requester: target.requester,
      ...(target.private ? { private: true } : {}),
    };
    // Who asked, as a mention that does not notify (every body goes with `allowed_mentions: {parse: []}`).
    // The verdict leads, as a threaded answer's parent would read once edited.
    const content = summary.slice(0, DISCORD_LIMITS.content - 100);
    const signed = target.private
      ? { ...body, content, components: [...(body.components ?? []), ...shareRow(target.share)] }
      : { ...body, content: `${content}\n${askedBy(target.requester)}` };
    // A slash command: its deferred reply becomes the answer.
    if (live(target)) {
      const posted = await this.editOriginal(target.interaction, { components: [], ...signed });
      return {
        ...ref,
        channel: posted.channel_id,
        id: posted.id,
        thread: posted.channel_id,
        interaction: target.interaction,
      };
    }
    // A mention: a reply to the message, where it was asked.
    const reference = target.startFrom
      ? { message_reference: { message_id: target.startFrom, fail_if_not_exists: false } }
      : {};
    const posted = await this.post(target.channel, { ...signed, ...reference }, key);
    return { ...ref, channel: target.channel, id: posted.id, thread: target.channel };
  }

  async settle(target: ReplyTarget): Promise<void> {
    if (!target.seen) return;
    await this.call(() =>
      this.rest.delete(Routes.channelMessageOwnReaction(target.channel, target.seen!, encodeURIComponent(SEEN_EMOJI))),
    );
  }

  async postInThread(parent: MessageRef, message: DiscordMessage, key: string): Promise<MessageRef> {
    const { lead, files, ...body } = message;
    const inPlace = parent.thread === parent.channel;
    let posted: MessageObject;
    // In place of a thread, a slash command's answer fills its deferred reply, then follows up.
    if (inPlace && live(parent) && lead && !files?.length)
      posted = await this.editOriginal(parent.interaction, { embeds: body.embeds, components: body.components ?? [] });
    else if (inPlace && live(parent))
      posted = await this.followUp(
        parent.interaction,
        { ...body, ...(parent.private ? { flags: EPHEMERAL } : {}) },
        files,
      );
    else
      posted = await this.post(
        parent.thread,
        parent.askedIn && !parent.private
          ? { ...body, content: [body.content, askedBy(parent.requester)].filter(Boolean).join('\n') }
          : body,
        key,
        files,
      );
    return {
      channel: parent.channel,
      id: posted.id,
      thread: parent.thread,
      ...(parent.tenant ? { tenant: parent.tenant } : {}),
    };
  }

  async update(message: MessageRef, shown: string): Promise<void> {
    const text = showTimes(shown, discordTime);
    const signed = message.private || !message.requester ? text : `${text}\n${askedBy(message.requester)}`;
    const body = { content: signed.slice(0, DISCORD_LIMITS.content), allowed_mentions: { parse: [] } };
    // The parent of a slash command is its deferred reply, editable through the token.
    if (live(message)) {
      await this.editOriginal(message.interaction, body);
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
    const inPlace = parent.thread === parent.channel;
    const posted =
      inPlace && live(parent)
        ? await this.followUp(parent.interaction, { ...body, ...(parent.private ? { flags: EPHEMERAL } : {}) }, [file])
        : await this.post(parent.thread, body, key, [file]);
    return {
      channel: parent.channel,
      id: posted.id,
      thread: parent.thread,
      ...(parent.tenant ? { tenant: parent.tenant } : {}),
    };
  }
}
