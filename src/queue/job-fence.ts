import type { Job } from 'bullmq';
import type { Fence } from '../reply/ledger.js';

/**
 * The fence of a BullMQ job as this worker runs it: BullMQ keeps the lock at
 * `<prefix>:<queue>:<id>:lock` holding the token of the worker that took the job, and hands another
 * worker a new token when it takes over a stalled job.
 */
export function jobFence(job: Job, token: string | undefined): Fence | undefined {
  if (!token || !job.id) return undefined;
  return { lockKey: `${job.queueQualifiedName}:${job.id}:lock`, token };
}
