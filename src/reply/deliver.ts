import type { Reply } from './document.js';
import type { Fence, ReplyLedger } from './ledger.js';
import type { MessageRef, ReplyPort } from './port.js';
import type { ReplyTarget } from './target.js';
import { withPostGate } from './post-gate.js';

export interface Delivery {
  requestId: string;
  target: ReplyTarget;
  pending: string;
  /**
   * True when an earlier attempt may have posted part of this reply (a retry, or a job taken over
   * from a worker that stalled or died). A first attempt skips the claim: nothing can be posted yet.
   */
  retry: boolean;
  /** The parent's text is already the verdict (a scheduled audit): no edit afterwards. */
  final?: boolean;
  /** Awaited before each post; scheduled posts use it to keep within platform rate limits. */
  pace?: () => Promise<void>;
  /** Post only the parent (an audit with nothing new or resolved says it all in one line). */
  parentOnly?: boolean;
  /**
   * The job's lock: each post is claimed in the ledger only while this worker still holds it, so a
   * worker paused past its lock posts nothing the worker that took over will post too.
   */
  fence?: Fence;
  /** When the request arrived (epoch ms): the platform look-up of an unrecorded post starts there. */
  since?: number;
}

/**
 * Posts a reply exactly once per request: a short answer alone, where it was asked; else the parent
 * (unless the request came from inside a thread), each rendered part and each file in the thread,
 * then the parent edited to the verdict.
 * Every post has a key in the ledger, so running this again after a failure or a crash completes
 * what is missing and repeats nothing: a key with no record is looked up on the platform first.
 */
export async function deliver(
  port: ReplyPort,
  ledger: ReplyLedger,
  job: Delivery,
  reply: Reply,
): Promise<{ parent: MessageRef; posted: number }> {
  const key = job.requestId;
  const ownParent = !job.target.thread;
  const parts = job.parentOnly ? [] : port.render(reply);
  const files = job.parentOnly ? [] : (reply.files ?? []);
  const parentKey = `${key}:parent`;
  const partKeys = parts.map((_, i) => `${key}:part:${i}`);
  const fileKeys = files.map((_, i) => `${key}:file:${i}`);
  // On a retry, one round trip reads what earlier attempts recorded, and anything they did not
  // record is looked up on the platform before it is posted; one more round trip records.
  const keys = [...(ownParent ? [parentKey] : []), ...partKeys, ...fileKeys];
  const states = job.retry ? await ledger.claim(keys) : [];
  const stateOf = new Map(keys.map((k, i) => [k, states[i] === 'fresh' ? ('pending' as const) : states[i]]));
  const posted = new Map<string, MessageRef>();
  // Posted but not yet in the ledger: recorded with the next fenced claim, or on failure.
  let unrecorded = new Map<string, MessageRef>();

  /** Posts unless an earlier attempt did; a `pending` claim asks the platform (`find`) first. */
  const once = async (k: string, thread: string | undefined, send: () => Promise<MessageRef>): Promise<MessageRef> => {
    const state = stateOf.get(k);
    if (state && typeof state === 'object') return state;
    const found = state === 'pending' && port.find ? await port.find(job.target, thread, k, job.since) : undefined;
    let ref = found;
    if (!ref) {
      await job.pace?.();
      const fence = job.fence;
      if (fence) {
        ref = await ledger.guard(fence, k, unrecorded);
        unrecorded = new Map();
        // The port may wait before its request goes out (pacing, a 429): the fence is checked again then.
        ref ??= await withPostGate(() => ledger.holds(fence, k), send);
      } else ref = await send();
    }
    posted.set(k, ref);
    unrecorded.set(k, ref);
    return ref;
  };

  try {
    // A short answer is one message: a parent, a thread and an edit would triple what the channel's
    // posting limit has to carry.
    const [only] = parts;
    if (ownParent && only && parts.length === 1 && !files.length && port.postAlone && port.isShort?.(only)) {
      const alone = await once(parentKey, undefined, () => port.postAlone!(job.target, only, parentKey, reply.summary));
      return { parent: alone, posted: posted.size };
    }
    const t = job.target;
    const parent: MessageRef = t.thread
      ? {
          channel: t.channel,
          id: t.thread,
          thread: t.thread,
          tenant: t.tenant,
          requester: t.requester,
          askedIn: true,
          ...(t.private ? { private: true } : {}),
          ...(t.share ? { share: t.share } : {}),
        }
      : await once(parentKey, undefined, () => port.startThread(job.target, job.pending, parentKey));
    for (const [i, part] of parts.entries())
      await once(partKeys[i]!, parent.thread, () => port.postInThread(parent, part, partKeys[i]!));
    for (const [i, file] of files.entries())
      await once(fileKeys[i]!, parent.thread, () => port.upload(parent, file, fileKeys[i]!));
    // Editing is idempotent by nature: a second edit writes the same text.
    if (ownParent && !job.final) await port.update(parent, reply.summary);
    return { parent, posted: posted.size };
  } catch (error) {
    // Only an attempt that fails part-way is retried, so only then is there anything to remember.
    // A delivery that succeeds is not recorded: its job completes and never runs again, and if the
    // worker dies before the job completes, the retry claims every key and asks the platform
    // (`find`: Slack message metadata, Discord's enforced nonce) before posting. Skipping the write
    // saves one Redis round trip on every reply.
    await ledger.record(posted);
    throw error;
  }
}
