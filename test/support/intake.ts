import type { Queue } from 'bullmq';
import type { ChatJobInput } from '../../src/queue/job.js';
import type { Producer } from '../../src/queue/producer.js';
import { waitUntil } from './redis.js';

export interface IntakeRecord {
  input: ChatJobInput;
  jobId: string;
  /** The producer recognised a redelivery and enqueued nothing. */
  duplicate: boolean;
}

/**
 * Records every enqueue a receiver makes, after the producer answered: the event a test waits for
 * instead of sleeping to "prove nothing else was enqueued".
 */
export function observeIntake(producer: Producer): IntakeRecord[] {
  const records: IntakeRecord[] = [];
  const enqueue = producer.enqueue.bind(producer);
  producer.enqueue = async (input) => {
    const result = await enqueue(input);
    records.push({ input, ...result });
    return result;
  };
  return records;
}

/**
 * Waits until a queue has nothing running, waiting or delayed: whatever it was going to post has
 * been posted, so a count read afterwards is final.
 */
export async function queueSettled(queue: Queue, what = `${queue.name} settled`, timeoutMs = 20_000): Promise<void> {
  await waitUntil(
    async () => {
      const c = await queue.getJobCounts('active', 'waiting', 'prioritized', 'delayed');
      return Object.values(c).every((n) => n === 0);
    },
    timeoutMs,
    what,
  );
}
