import { parseInvocation, type Invocation } from '../commands/invocation.js';
import type { Logger } from '../src/ops/logger.js';
import type { Metrics } from '../src/ops/metrics.js';
import type { Attachment } from '../src/queue/job.js';
import type { Producer } from '../src/queue/producer.js';
import type { ReplyTarget } from '../src/reply/target.js';

/** What every adapter hands over: the words, any file, where to answer, and who may change state. */
export interface ChatRequest {
  requestId: string;
  target: ReplyTarget;
  text: string;
  attachment?: Attachment;
  /** Set when the attachment could not be read: the user gets help saying why. */
  problem?: string;
  /** Asked only for commands that change stored state (it may cost a platform call). */
  isAdmin(invocation: Invocation): Promise<boolean> | boolean;
  adminHint: string;
  /**
   * The platform can still choose, after the acknowledgement, to answer only the requester (a Slack
   * slash command's response URL); where the choice was made before it (a Discord deferral), it is
   * already in the target.
   */
  choosesPrivacyLate?: boolean;
  /** "Share in channel" was pressed: the answer is for everyone, whatever the command. */
  shared?: boolean;
}

/**
 * Noise only the requester needs: help, usage errors, refusals and file problems. Results are
 * public. Decided from the parsed invocation alone, so an adapter can decide before acknowledging.
 */
export function isNoise(invocation: Invocation, admin: boolean): boolean {
  return invocation.command === 'help' || (changesState(invocation) && !admin);
}

/** What a user is told when the queue cannot be reached (Redis down), on every platform. */
export const QUEUE_UNREACHABLE =
  '🚫 I could not take that request right now (my queue is unreachable). Please try again in a minute.';

const ADMIN_ACTIONS: Record<string, readonly string[]> = {
  topology: ['save', 'delete'],
  audit: ['schedule', 'cancel'],
};

/** Commands that save, delete or schedule need the admin permission. */
export function changesState(invocation: Invocation): boolean {
  return ADMIN_ACTIONS[invocation.command]?.includes((invocation.input as { action?: string }).action ?? '') ?? false;
}

/**
 * A private answer worth showing others (help the requester asked for) offers "Share in channel",
 * which runs the same words again in public; refusals and mistakes are the requester's alone.
 */
function shareOf(request: ChatRequest, invocation: Invocation): { share?: string } {
  return invocation.command === 'help' && !request.problem && request.text.trim()
    ? { share: request.text.trim().slice(0, 2000) }
    : {};
}

/**
 * The one path from a chat platform to the queue: the request becomes an invocation of the shared
 * command set and is enqueued under its request id (a redelivery is dropped).
 */
export async function dispatchRequest(
  producer: Producer,
  request: ChatRequest,
  ops: { logger: Logger; metrics?: Metrics | undefined },
): Promise<{ jobId: string; duplicate: boolean; command: string; pending: string }> {
  const invocation: Invocation = request.problem
    ? { command: 'help', input: { problem: request.problem, brief: true }, pending: 'Help…' }
    : parseInvocation(request.text, request.attachment);
  const admin = changesState(invocation) ? await request.isAdmin(invocation) : false;
  const quiet = !request.shared && request.choosesPrivacyLate && isNoise(invocation, admin);
  const { jobId, duplicate } = await producer.enqueue({
    requestId: request.requestId,
    target: quiet ? { ...request.target, private: true, ...shareOf(request, invocation) } : request.target,
    command: invocation.command,
    input: invocation.input,
    ...(invocation.attachment ? { attachment: invocation.attachment } : {}),
    pending: invocation.pending,
    receivedAt: Date.now(),
    admin,
    adminHint: request.adminHint,
  });
  const platform = request.target.platform;
  if (duplicate) ops.metrics?.duplicates.inc({ platform });
  else ops.metrics?.enqueued.inc({ platform, command: invocation.command });
  ops.logger.info(
    { requestId: request.requestId, jobId, command: invocation.command, platform, duplicate },
    duplicate ? 'redelivered request dropped' : 'request enqueued',
  );
  return { jobId, duplicate, command: invocation.command, pending: invocation.pending };
}
