import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobIdFor, jobSchema, type ChatJobInput } from './job.js';

export interface ProducerOptions {
  /** Tries for a job that fails transiently. @defaultValue 5 */
  attempts: number;
  /** First retry delay in ms, doubled each try. @defaultValue 1000 */
  backoffMs: number;
  keepCompleted: { age: number; count: number };
  keepFailed: { age: number; count: number };
  /** How long a request id is remembered to drop redeliveries. @defaultValue 86400 */
  dedupeSeconds?: number;
}

export function createQueue(name: string, connection: Redis): Queue {
  return new Queue(name, { connection });
}

/**
 * Enqueues chat requests. A platform that redelivers a request (Slack retries, a reconnect) gets
 * the same job back, not a second one: the request id is the job id, and a marker outlives the job.
 */
export class Producer {
  constructor(
    readonly queue: Queue,
    private readonly redis: Redis,
    private readonly options: ProducerOptions,
  ) {}

  async enqueue(input: ChatJobInput): Promise<{ jobId: string; duplicate: boolean }> {
    const job = jobSchema.parse(input);
    const jobId = jobIdFor(job.requestId);
    const marker = `${this.queue.name}:seen:${jobId}`;
    const fresh = await this.redis.set(marker, '1', 'EX', this.options.dedupeSeconds ?? 86_400, 'NX');
    if (fresh === null) return { jobId, duplicate: true };
    try {
      await this.queue.add(job.command, job, {
        jobId,
        attempts: this.options.attempts,
        backoff: { type: 'exponential', delay: this.options.backoffMs },
        removeOnComplete: this.options.keepCompleted,
        removeOnFail: this.options.keepFailed,
      });
    } catch (error) {
      // Not enqueued: let a redelivery try again.
      await this.redis.del(marker).catch(() => undefined);
      throw error;
    }
    return { jobId, duplicate: false };
  }
}
