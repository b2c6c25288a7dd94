import { showTimes } from '../../src/reply/time.js';
import { slackTime } from './time.js';
import type { WebClient } from '@slack/web-api';
import type { Reply, ReplyFile } from '../../src/reply/document.js';
import { beforePost } from '../../src/reply/post-gate.js';
import type { PostPacer } from '../../src/reply/post-pacer.js';
import { PermanentPortError, TransientPortError, type MessageRef, type ReplyPort } from '../../src/reply/port.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import { renderSlack, type SlackMessage } from './blocks.js';
import { escapeMrkdwn } from './text.js';

/** Errors Slack gives for a channel or token that will not work again. */
const CHANNEL_CLOSED = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'token_revoked',
  'missing_scope',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
]);

/** Slack's refusals for good become permanent errors; anything else is retried through the ledger. */
function mapSlackError(error: unknown): Error {
  const e = error as { code?: string; data?: { error?: string }; message?: string; retryAfter?: number };
  const reason = e.data?.error ?? e.message ?? String(error);
  if (e.code === 'slack_webapi_platform_error' && PERMANENT.has(reason))
    return new PermanentPortError(`Slack refused: ${reason}`, CHANNEL_CLOSED.has(reason));
  return new TransientPortError(`Slack call failed: ${reason}`, e.retryAfter ? e.retryAfter * 1000 : undefined);
}

/** The bot token of a workspace: one for a single-workspace app, the installation's otherwise. */
export type SlackClientFor = (tenant: string | undefined) => Promise<WebClient>;

const META_TYPE = 'voipnow_reply';
/** A look-up reads at most this many pages of 200 messages before giving up (and retrying later). */
const FIND_MAX_PAGES = 50;
/** Posts Slack lets through to one channel at once before its one-a-second limit (its "short bursts"). */
export const SLACK_CHANNEL_BURST = 5;
/** 429s waited out in a row before the call fails (and the job retries later). */
const RATE_LIMITED_TRIES = 5;

/** Slack refuses the bot here because it is not a member: a DM or group DM between others, a private channel. */
const NOT_A_MEMBER = ['not_in_channel', 'channel_not_found'];
/** Where Slack serves response URLs; the worker posts nowhere else with a URL from a job. */
export const SLACK_RESPONSE_HOSTS = ['hooks.slack.com'];
/** Slack's response URL host, and a test's fake Slack when the API is pointed at one. */
export function slackResponseHosts(apiUrl: string | undefined): string[] {
  return [...SLACK_RESPONSE_HOSTS, ...(apiUrl ? [new URL(apiUrl).host] : [])];
}

/** A rendered answer this small stands alone in the channel, without a parent and a thread. */
const SHORT_BLOCKS = 8;
const SHORT_CHARS = 2500;
/** The reaction a mention gets at once ("seen"), taken off when the answer is in. */
export const SEEN_REACTION = 'eyes';
/** The button under a private answer that runs its command again for the whole conversation. */
export const SHARE_ACTION = 'voipnow_share';

/**
 * Who asked, as Slack shows a user: `<@U…>` renders as their name, never a raw id. It is the
 * requester's own answer, so the mention is theirs alone.
 */
function askedBy(user: string): Record<string, unknown> {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: `asked by <@${user}>` }] };
}

/** The blocks with "asked by" after the answer and above its buttons, which stay last as Slack lays out actions. */
function signedBlocks(blocks: readonly unknown[], user: string): unknown[] {
  let at = blocks.length;
  while (at > 0 && (blocks[at - 1] as { type?: string }).type === 'actions') at--;
  return [...blocks.slice(0, at), askedBy(user), ...blocks.slice(at)];
}

/** A parent's one line, with who asked. */
function withAsker(text: string, user: string | undefined): string {
  return user ? `${text} · asked by <@${user}>` : text;
}

/** A private answer with its "Share in channel" button, when its command can be run again. */
function withShare(
  message: { text: string; blocks?: unknown[] },
  ref: MessageRef,
): { text: string; blocks?: unknown[] } {
  if (!ref.share) return message;
  return {
    ...message,
    blocks: [
      ...(message.blocks ?? []),
      {
        type: 'actions',
        block_id: 'voipnow_share',
        elements: [
          {
            type: 'button',
            action_id: SHARE_ACTION,
            text: { type: 'plain_text', text: 'Share in channel' },
            value: ref.share.slice(0, 2000),
          },
        ],
      },
    ],
  };
}

/**
 * Replies in Slack: the parent message, Block Kit answers in its thread, files via files.uploadV2,
 * and the parent edited to the verdict. Each message carries its ledger key in message metadata,
 * so a retried job can find what an interrupted one already posted.
 */
export class SlackPort implements ReplyPort<SlackMessage> {
  readonly platform = 'slack' as const;

  constructor(
    private readonly clientFor: SlackClientFor,
    private readonly pacer?: PostPacer,
    private readonly responseHosts: readonly string[] = SLACK_RESPONSE_HOSTS,
  ) {}

  /**
   * Posts through a slash command's response URL: in the conversation where that is allowed, else
   * (Slack refuses in-channel there) visible to the requester alone.
   */
  private async respond(
    url: string,
    message: { text: string; blocks?: unknown[] },
    onlyRequester = false,
  ): Promise<void> {
    if (!this.responseHosts.includes(new URL(url).host))
      throw new PermanentPortError(`response URL on ${new URL(url).host}, not Slack's`);
    const send = async (responseType: 'in_channel' | 'ephemeral') => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...message, response_type: responseType, replace_original: false }),
        signal: AbortSignal.timeout(15_000),
      }).catch((error: unknown) => {
        throw new TransientPortError(`Slack response URL failed: ${(error as Error).message}`);
      });
      const body = (await res.json().catch(() => ({}))) as { ok?: boolean; error?: string };
      if (res.status === 429 || res.status >= 500)
        throw new TransientPortError(
          `Slack response URL answered ${res.status}`,
          Number(res.headers.get('retry-after') ?? 1) * 1000,
        );
      return { ok: res.ok && body.ok !== false, error: body.error ?? String(res.status) };
    };
    const first = await send(onlyRequester ? 'ephemeral' : 'in_channel');
    if (first.ok) return;
    // An expired or used-up URL will not work again; anything else may be a refusal of in-channel.
    if (first.error === 'expired_url' || first.error === 'used_url')
      throw new PermanentPortError(`Slack refused the response URL: ${first.error}`);
    const second = await send('ephemeral');
    if (!second.ok) throw new PermanentPortError(`Slack refused the response URL: ${second.error}`);
  }

  private async call<T>(
    tenant: string | undefined,
    channel: string,
    work: (client: WebClient) => Promise<T>,
    paced = true,
  ): Promise<T> {
    const client = await this.clientFor(tenant);
    for (let limited = 0; ; limited++) {
      if (paced) await this.pacer?.admit('slack', channel);
      // After every wait, right before the request: a worker frozen in the wait lost its job.
      await beforePost();
      try {
        return await work(client);
      } catch (error) {
        const e = error as { code?: string; retryAfter?: number };
        // A 429 means Slack applied nothing, so calling again cannot post twice.
        if (e.code !== 'slack_webapi_rate_limited_error' || limited >= RATE_LIMITED_TRIES) throw mapSlackError(error);
        const wait = (e.retryAfter ?? 1) * 1000;
        // Every worker holds its posts to this channel for the Retry-After; the next admit waits it out.
        if (paced && this.pacer) await this.pacer.backOff('slack', channel, wait);
        else await (this.pacer?.clock.sleep(wait) ?? new Promise((r) => setTimeout(r, wait)));
      }
    }
  }

  private metadata(key: string) {
    return { event_type: META_TYPE, event_payload: { key } };
  }

  async startThread(target: ReplyTarget, text: string, key: string): Promise<MessageRef> {
    // Noise (help, refusals, file problems) goes to the requester alone, through the response URL.
    const who = { requester: target.requester, ...(target.share ? { share: target.share } : {}) };
    if (target.private && target.responseUrl)
      return {
        channel: target.channel,
        id: `response:${key}`,
        thread: '',
        tenant: target.tenant,
        responseUrl: target.responseUrl,
        private: true,
        ...who,
      };
    try {
      const res = await this.call(target.tenant, target.channel, (c) =>
        c.chat.postMessage({
          channel: target.channel,
          text: withAsker(escapeMrkdwn(text), target.requester),
          metadata: this.metadata(key),
        }),
      );
      return { channel: res.channel ?? target.channel, id: res.ts!, thread: res.ts!, tenant: target.tenant, ...who };
    } catch (error) {
      // Not a member (a DM between colleagues, a group DM, a private channel): a slash command's
      // answer still goes there, through its response URL; the acknowledgement already said "working".
      if (!(
        target.responseUrl &&
        error instanceof PermanentPortError &&
        NOT_A_MEMBER.some((e) => error.message.endsWith(e))
      ))
        throw error;
      return {
        channel: target.channel,
        id: `response:${key}`,
        thread: '',
        tenant: target.tenant,
        responseUrl: target.responseUrl,
        ...who,
      };
    }
  }

  async direct(tenant: string, user: string, text: string, key: string): Promise<MessageRef> {
    // Posting to a user id lands in the app's direct messages with that user (scope im:write).
    const res = await this.call(tenant, user, (c) =>
      c.chat.postMessage({ channel: user, text: escapeMrkdwn(text), metadata: this.metadata(key) }),
    );
    return { channel: res.channel ?? user, id: res.ts!, thread: res.ts!, tenant };
  }

  render(reply: Reply): SlackMessage[] {
    return showTimes(renderSlack(reply), slackTime);
  }

  isShort(message: SlackMessage): boolean {
    return message.blocks.length <= SHORT_BLOCKS && JSON.stringify(message.blocks).length <= SHORT_CHARS;
  }

  async postAlone(target: ReplyTarget, message: SlackMessage, key: string): Promise<MessageRef> {
    const ref: MessageRef = {
      channel: target.channel,
      id: `response:${key}`,
      thread: '',
      tenant: target.tenant,
      requester: target.requester,
      ...(target.share ? { share: target.share } : {}),
    };
    if (target.private && target.responseUrl) {
      const shared = { ...ref, responseUrl: target.responseUrl, private: true };
      await this.respond(target.responseUrl, withShare(message, shared), true);
      return shared;
    }
    if (target.private) {
      await this.ephemeral({ ...ref, private: true }, message);
      return { ...ref, private: true };
    }
    const signed = { text: message.text, blocks: signedBlocks(message.blocks, target.requester) };
    try {
      const res = await this.call(target.tenant, target.channel, (c) =>
        c.chat.postMessage({
          channel: target.channel,
          text: signed.text,
          blocks: signed.blocks as never,
          metadata: this.metadata(key),
          unfurl_links: false,
        }),
      );
      return { ...ref, channel: res.channel ?? target.channel, id: res.ts!, thread: res.ts! };
    } catch (error) {
      // Not a member (a DM between colleagues, a private channel): through the command's response URL.
      if (!(
        target.responseUrl &&
        error instanceof PermanentPortError &&
        NOT_A_MEMBER.some((e) => error.message.endsWith(e))
      ))
        throw error;
      await this.respond(target.responseUrl, signed);
      return { ...ref, responseUrl: target.responseUrl };
    }
  }

  /** A message only the requester sees, in the conversation (and thread) of the request. */
  private async ephemeral(parent: MessageRef, message: SlackMessage): Promise<void> {
    const shown = withShare(message, parent);
    await this.call(
      parent.tenant,
      parent.channel,
      (c) =>
        c.chat.postEphemeral({
          channel: parent.channel,
          user: parent.requester ?? '',
          text: shown.text,
          blocks: shown.blocks as never,
          ...(parent.thread ? { thread_ts: parent.thread } : {}),
        }),
      false,
    );
  }

  async settle(target: ReplyTarget): Promise<void> {
    if (!target.seen) return;
    // The eyes on the mention were "seen"; the answer itself is the sign it is done.
    await this.call(
      target.tenant,
      target.channel,
      (c) => c.reactions.remove({ channel: target.channel, timestamp: target.seen!, name: SEEN_REACTION }),
      false,
    );
  }

  async postInThread(parent: MessageRef, message: SlackMessage, key: string): Promise<MessageRef> {
    if (parent.responseUrl) {
      await this.respond(parent.responseUrl, parent.private ? withShare(message, parent) : message, parent.private);
      return { ...parent, id: `response:${key}` };
    }
    // Noise asked for in a thread (a mention's help, refusal or usage error): the requester alone sees it.
    if (parent.private && parent.requester) {
      await this.ephemeral(parent, message);
      return { ...parent, id: `ephemeral:${key}` };
    }
    const res = await this.call(parent.tenant, parent.channel, (c) =>
      c.chat.postMessage({
        channel: parent.channel,
        thread_ts: parent.thread,
        text: message.text,
        blocks: (parent.askedIn && parent.requester
          ? signedBlocks(message.blocks, parent.requester)
          : message.blocks) as never,
        metadata: this.metadata(key),
        unfurl_links: false,
      }),
    );
    return {
      channel: parent.channel,
      id: res.ts!,
      thread: parent.thread,
      ...(parent.tenant ? { tenant: parent.tenant } : {}),
    };
  }

  async update(message: MessageRef, shown: string): Promise<void> {
    const text = showTimes(shown, slackTime);
    // Through a response URL there is no parent to edit: each answer already carries the verdict.
    if (message.responseUrl) return;
    // Edits do not add a message to the channel, so they skip the posting pace.
    await this.call(
      message.tenant,
      message.channel,
      (c) =>
        c.chat.update({
          channel: message.channel,
          ts: message.id,
          text: withAsker(escapeMrkdwn(text), message.requester),
          blocks: [],
        }),
      false,
    );
  }

  async upload(parent: MessageRef, file: ReplyFile, key: string): Promise<MessageRef> {
    if (parent.responseUrl) {
      // Files cannot go through a response URL: the start of the file is shown instead.
      const text = typeof file.content === 'string' ? file.content : `(${file.content.byteLength} bytes, not shown)`;
      const head = text.length > 2500 ? `${text.slice(0, 2500)}\n…` : text;
      await this.respond(
        parent.responseUrl,
        {
          text: `📎 ${escapeMrkdwn(file.filename)}`,
          blocks: [
            {
              type: 'section',
              text: {
                type: 'mrkdwn',
                text: `📎 *${escapeMrkdwn(file.filename)}*\n\`\`\`${escapeMrkdwn(head.replace(/```/g, "'''"))}\`\`\``,
              },
            },
          ],
        },
        parent.private,
      );
      return { ...parent, id: `response:${key}` };
    }
    const res = (await this.call(parent.tenant, parent.channel, (c) =>
      c.files.uploadV2({
        channel_id: parent.channel,
        thread_ts: parent.thread,
        filename: file.filename,
        ...(typeof file.content === 'string' ? { content: file.content } : { file: Buffer.from(file.content) }),
        ...(file.alt ? { alt_text: file.alt } : {}),
        title: file.filename,
      }),
    )) as { files?: { files?: { id?: string }[] }[] };
    const id = res.files?.[0]?.files?.[0]?.id ?? `file-${file.filename}`;
    return { channel: parent.channel, id, thread: parent.thread, ...(parent.tenant ? { tenant: parent.tenant } : {}) };
  }

  async find(
    target: ReplyTarget,
    thread: string | undefined,
    key: string,
    since?: number,
  ): Promise<MessageRef | undefined> {
    // Answers through a response URL leave nothing the bot can read back: a refused look-up means "not posted".
    if (target.responseUrl && !thread) return this.findPaged(target, thread, key, since).catch(() => undefined);
    return this.findPaged(target, thread, key, since);
  }

  private async findPaged(
    target: ReplyTarget,
    thread: string | undefined,
    key: string,
    since?: number,
  ): Promise<MessageRef | undefined> {
    // Reads back to the request's arrival (a minute early, for clocks that disagree), page by page,
    // so a channel busy with newer messages still gives up the one we are looking for.
    const oldest = since ? String(Math.max(0, Math.floor(since / 1000) - 60)) : undefined;
    let cursor: string | undefined;
    for (let page = 0; page < FIND_MAX_PAGES; page++) {
      const res = await this.call(
        target.tenant,
        target.channel,
        (c) =>
          thread
            ? c.conversations.replies({
                channel: target.channel,
                ts: thread,
                include_all_metadata: true,
                limit: 200,
                ...(cursor ? { cursor } : {}),
              })
            : c.conversations.history({
                channel: target.channel,
                include_all_metadata: true,
                limit: 200,
                ...(oldest ? { oldest } : {}),
                ...(cursor ? { cursor } : {}),
              }),
        false,
      );
      const hit = res.messages?.find(
        (m) => (m as { metadata?: { event_payload?: { key?: string } } }).metadata?.event_payload?.key === key,
      );
      if (hit?.ts) return { channel: target.channel, id: hit.ts, thread: thread ?? hit.ts, tenant: target.tenant };
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    throw new TransientPortError(
      `could not read back far enough in ${target.channel} to tell whether ${key} was posted`,
    );
  }
}
