import type { Reply } from './document.js';
import type { ReplyLedger } from './ledger.js';
import type { MessageRef, ReplyPort } from './port.js';
import type { ReplyTarget } from './target.js';

export interface Delivery {
  requestId: string;
  target: ReplyTarget;
  pending: string;
}

/**
 * Posts a reply exactly once per request: the parent (unless the request came from inside a
 * thread), each rendered part and each file in the thread, then the parent edited to the verdict.
 * Every post goes through the ledger, so running this again after a crash completes what is
 * missing and repeats nothing.
 */
export async function deliver(port: ReplyPort, ledger: ReplyLedger, job: Delivery, reply: Reply): Promise<{ parent: MessageRef; posted: number }> {
  const key = job.requestId;
  const find = (k: string, thread?: string) => (port.find ? () => port.find!(job.target.channel, thread, k) : undefined);
  let parent: MessageRef;
  const ownParent = !job.target.thread;
  if (job.target.thread) {
    parent = { channel: job.target.channel, id: job.target.thread, thread: job.target.thread };
  } else {
    parent = await ledger.once(`${key}:parent`, () => port.startThread(job.target, job.pending, `${key}:parent`), find(`${key}:parent`));
  }
  const parts = port.render(reply);
  let posted = 0;
  for (const [i, part] of parts.entries()) {
    const k = `${key}:part:${i}`;
    await ledger.once(k, () => port.postInThread(parent, part, k), find(k, parent.thread));
    posted++;
  }
  for (const [i, file] of (reply.files ?? []).entries()) {
    const k = `${key}:file:${i}`;
    await ledger.once(k, () => port.upload(parent, file, k), find(k, parent.thread));
    posted++;
  }
  // Editing is idempotent by nature: a second edit writes the same text.
  if (ownParent) await port.update(parent, reply.summary);
  return { parent, posted };
}
