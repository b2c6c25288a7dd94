import type { Reply, ReplyFile } from './document.js';
import type { ReplyTarget } from './target.js';

/** A message the platform holds, so that it can be updated or replied under. */
export interface MessageRef {
  channel: string;
  /** Platform id of the message (Slack ts, Discord message id, shell sequence). */
  id: string;
  /** The thread the message is in, or that it starts. */
  thread: string;
  /** The workspace it lives in, where a port serves several (Slack team). */
  tenant?: string;
  /** Slack: the conversation is closed to the bot; its answers go through the command's response URL. */
  responseUrl?: string;
  /** Only the requester sees the answers under this parent (Slack ephemeral, Discord ephemeral flag). */
  private?: boolean;
  /** Who asked: public answers say so (a mention that does not notify); a private answer goes to them. */
  requester?: string;
  /** A private answer's command line, for its "Share in channel" button. */
  share?: string;
  /** The thread is someone else's (a mention's, a pressed button's): each answer says who asked. */
  askedIn?: boolean;
  /** Discord: the message is the interaction's reply, editable through its token until it expires. */
  interaction?: { applicationId: string; token: string; expiresAt: number };
}

/**
 * The only way workers talk to a chat platform. A port renders the neutral reply into platform
 * messages that each fit the platform's limits; the worker posts them one by one, each under its
 * own key in the reply ledger, so a retried job never posts a part twice.
 */
export interface ReplyPort<Message = unknown> {
  readonly platform: ReplyTarget['platform'];
  /** The parent message that opens a thread ("Checking prod…"). */
  startThread(target: ReplyTarget, text: string, key: string): Promise<MessageRef>;
  /** The reply as platform messages, in order, each within the platform's limits. */
  render(reply: Reply): Message[];
  postInThread(parent: MessageRef, message: Message, key: string): Promise<MessageRef>;
  /**
   * Whether a rendered answer is short enough to stand alone where it was asked, without a parent
   * and a thread. A port without `postAlone` always threads.
   */
  isShort?(message: Message): boolean;
  /** A short answer as the one message of the request: no parent, no thread, no edit. */
  postAlone?(target: ReplyTarget, message: Message, key: string, summary: string): Promise<MessageRef>;
  /** Replaces a message's text (the parent, once the answer is in: "❌ 2 errors"). */
  update(message: MessageRef, text: string): Promise<void>;
  upload(parent: MessageRef, file: ReplyFile, key: string): Promise<MessageRef>;
  /**
   * A message posted earlier with `key`: recovery after a crash between posting and the ledger.
   * `since` (epoch ms) is when the request arrived: the look-up reaches back at least that far,
   * however many messages were posted since.
   */
  find?(target: ReplyTarget, thread: string | undefined, key: string, since?: number): Promise<MessageRef | undefined>;
  /**
   * Why `channel` is not the tenant's to post in (another Discord server's, say), or undefined when
   * it is. Checked when an audit is scheduled and before each new thread.
   */
  refuses?(tenant: string, channel: string): Promise<string | undefined>;
  /** The answer is in: the "seen" reaction on the request (`target.seen`) comes off. */
  settle?(target: ReplyTarget): Promise<void>;
  /** A direct message to one user, for when the channel itself refuses (the bot was removed). */
  direct?(tenant: string, user: string, text: string, key: string): Promise<MessageRef>;
}

/** The platform refused for good (channel gone, bot removed, message rejected): retrying cannot help. */
export class PermanentPortError extends Error {
  constructor(
    message: string,
    /** The channel itself is closed to the bot (removed, archived, deleted), not just this message. */
    readonly channelClosed = false,
  ) {
    super(message);
  }
}

/** A port failure worth retrying (timeouts, 5xx, 429). Anything else is final for that reply. */
export class TransientPortError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
