import { z } from 'zod';

/**
 * A platform's id, as its module in adapters/ registers it. The list of platforms lives there, not
 * here: a worker answers only through the reply ports it was given.
 */
export const platformIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a platform id');

/** Where a reply goes: the job carries it so any worker can answer through the adapter that asked. */
export const replyTargetSchema = z.object({
  platform: platformIdSchema,
  /** Slack team, Discord guild (or a DM user), shell user: the store's isolation boundary. */
  tenant: z.string().min(1).max(128),
  channel: z.string().min(1).max(128),
  /** The thread to answer in; absent when the bot should start one. */
  thread: z.string().max(128).optional(),
  requester: z.string().min(1).max(128),
  /** Discord: answer by editing the deferred interaction reply while its token lives (15 minutes). */
  interaction: z
    .object({ applicationId: z.string().max(32), token: z.string().max(500), expiresAt: z.number() })
    .optional(),
  /** Discord: start the thread from this message (a mention), rather than from a new parent. */
  startFrom: z.string().max(32).optional(),
  /**
   * Answer where the request was made, without a thread: the channel cannot hold one (a DM, a
   * thread, a forum post, a voice channel's chat) or the bot may not start one there (`missing`
   * names the permission, to tell the requester privately).
   */
  inPlace: z.object({ missing: z.string().max(100).optional() }).optional(),
  /**
   * Slack: the slash command's response URL, to answer where the bot is not a member (a DM between
   * colleagues, a group DM, a private channel). The port posts to it only on Slack's own host.
   */
  responseUrl: z.url().max(500).optional(),
  /** Only the requester sees the answer (help, usage errors, refusals, file problems). */
  private: z.boolean().optional(),
  /** A private answer's command line, run again in public by its "Share in channel" button. */
  share: z.string().max(2000).optional(),
  /**
   * The requester's message that carries the bot's "seen" reaction (a mention): the reaction is
   * taken off once the answer is in.
   */
  seen: z.string().max(64).optional(),
  /** A button press's dedupe key, released once its run is answered so the button works again. */
  press: z.string().max(300).optional(),
});

export type ReplyTarget = z.infer<typeof replyTargetSchema>;
