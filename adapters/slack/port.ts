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

/** The bot token of a workspace: one for a single-workspace app, the installation's otherwise. */
export type SlackClientFor = (tenant: string | undefined) => Promise<WebClient>;

const META_TYPE = 'voipnow_reply';

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
    if (paced) await this.pacer?.admit('slack', channel);
    try {
      return await work(client);
    } catch (error) {
      const e = error as { code?: string; data?: { error?: string }; message?: string; retryAfter?: number };
      const reason = e.data?.error ?? e.message ?? String(error);
      if (e.code === 'slack_webapi_platform_error' && PERMANENT.has(reason))
        throw new PermanentPortError(`Slack refused: ${reason}`, CHANNEL_CLOSED.has(reason));
      throw new TransientPortError(`Slack call failed: ${reason}`, e.retryAfter ? e.retryAfter * 1000 : undefined);
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

  async find(target: ReplyTarget, thread: string | undefined, key: string): Promise<MessageRef | undefined> {
    const messages = await this.call(
      target.tenant,
      target.channel,
      async (c) =>
        thread
          ? (
              await c.conversations.replies({
                channel: target.channel,
                ts: thread,
                include_all_metadata: true,
                limit: 200,
              })
            ).messages
          : (await c.conversations.history({ channel: target.channel, include_all_metadata: true, limit: 100 }))
              .messages,
      false,
    );
    const hit = messages?.find(
      (m) => (m as { metadata?: { event_payload?: { key?: string } } }).metadata?.event_payload?.key === key,
    );
    return hit?.ts
      ? { channel: target.channel, id: hit.ts, thread: thread ?? hit.ts, tenant: target.tenant }
      : undefined;
  }
}
