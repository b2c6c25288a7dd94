import { parseInvocation } from '../../commands/invocation.js';
import type { ChatJobInput } from '../../src/queue/job.js';

/** A chat job as an adapter would enqueue it, for the loopback ("test") platform. */
export function chatJob(
  text: string,
  requestId: string,
  attachment?: { name: string; content: string },
  tenant = 'test:T1',
): ChatJobInput {
  const inv = parseInvocation(text, attachment);
  return {
    requestId,
    target: { platform: 'test', tenant, channel: 'C1', requester: 'U1' },
    command: inv.command,
    input: inv.input,
    ...(inv.attachment ? { attachment: inv.attachment } : {}),
    pending: inv.pending,
    receivedAt: Date.now(),
    admin: true,
  };
}
