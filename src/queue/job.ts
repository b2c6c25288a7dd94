import { z } from 'zod';
import { replyTargetSchema } from '../reply/target.js';

/** A file or paste that came with the request, already size-checked by the adapter. */
export const attachmentSchema = z.object({
  name: z.string().max(256),
  content: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** What travels through Redis; validated again by the worker, since Redis is also input. */
export const jobSchema = z.object({
  /** The chat request's id (Slack event id, Discord interaction id): dedupes enqueueing and replies. */
  requestId: z.string().min(1).max(200),
  target: replyTargetSchema,
  command: z.string().min(1).max(64),
  input: z.unknown(),
  attachment: attachmentSchema.optional(),
  /** Text of the parent message while the work runs ("Checking prod…"). */
  pending: z.string().max(300),
  receivedAt: z.number(),
  /** Decided by the adapter from the platform's roles: may this requester save and delete? */
  admin: z.boolean().default(false),
  /** Who may, for the refusal message ("members of @infra-admins"). */
  adminHint: z.string().max(200).default('an admin'),
});

export type ChatJob = z.output<typeof jobSchema>;
export type ChatJobInput = z.input<typeof jobSchema>;

/** BullMQ job ids may not contain ':' in custom ids; request ids from platforms may. */
export function jobIdFor(requestId: string): string {
  return `req-${Buffer.from(requestId).toString('base64url')}`;
}
