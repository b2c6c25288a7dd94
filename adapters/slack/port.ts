import type { WebClient } from '@slack/web-api';
import type { Reply, ReplyFile } from '../../src/reply/document.js';
import type { PostPacer } from '../../src/reply/post-pacer.js';
import { PermanentPortError, TransientPortError, type MessageRef, type ReplyPort } from '../../src/reply/port.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import { renderSlack, type SlackMessage } from './blocks.js';

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
/** 429s waited out in a row before the call fails (and the job retries later). */
const RATE_LIMITED_TRIES = 5;

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
  ) {}

  private async call<T>(
    tenant: string | undefined,
    channel: string,
    work: (client: WebClient) => Promise<T>,
    paced = true,
  ): Promise<T> {
    const client = await this.clientFor(tenant);
    for (let limited = 0; ; limited++) {
      if (paced) await this.pacer?.admit('slack', channel);
      try {
        return await work(client);
      } catch (error) {
        const e = error as { code?: string; retryAfter?: number };
        // A 429 means Slack applied nothing, so calling again cannot post twice.
        if (e.code !== 'slack_webapi_rate_limited_error' || limited >= RATE_LIMITED_TRIES) throw mapSlackError(error);
        await new Promise((r) => setTimeout(r, (e.retryAfter ?? 1) * 1000));
      }
    }
  }

  private metadata(key: string) {
    return { event_type: META_TYPE, event_payload: { key } };
  }

  async startThread(target: ReplyTarget, text: string, key: string): Promise<MessageRef> {
    const res = await this.call(target.tenant, target.channel, (c) =>
      c.chat.postMessage({ channel: target.channel, text, metadata: this.metadata(key) }),
    );
    return { channel: res.channel ?? target.channel, id: res.ts!, thread: res.ts!, tenant: target.tenant };
  }

  async direct(tenant: string, user: string, text: string, key: string): Promise<MessageRef> {
    // Posting to a user id lands in the app's direct messages with that user (scope im:write).
    const res = await this.call(tenant, user, (c) =>
      c.chat.postMessage({ channel: user, text, metadata: this.metadata(key) }),
    );
    return { channel: res.channel ?? user, id: res.ts!, thread: res.ts!, tenant };
  }

  render(reply: Reply): SlackMessage[] {
    return renderSlack(reply);
  }

  async postInThread(parent: MessageRef, message: SlackMessage, key: string): Promise<MessageRef> {
    const res = await this.call(parent.tenant, parent.channel, (c) =>
      c.chat.postMessage({
        channel: parent.channel,
        thread_ts: parent.thread,
        text: message.text,
        blocks: message.blocks as never,
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

  async update(message: MessageRef, text: string): Promise<void> {
    // Edits do not add a message to the channel, so they skip the posting pace.
    await this.call(
      message.tenant,
      message.channel,
      (c) => c.chat.update({ channel: message.channel, ts: message.id, text, blocks: [] }),
      false,
    );
  }

  async upload(parent: MessageRef, file: ReplyFile, _key: string): Promise<MessageRef> {
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
