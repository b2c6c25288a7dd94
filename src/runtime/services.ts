import type { Redis } from 'ioredis';
import type { Queue } from 'bullmq';
import type { Env } from '../config/env.js';
import { Metrics } from '../ops/metrics.js';
import { Producer, createQueue } from '../queue/producer.js';
import { ReplyLedger } from '../reply/ledger.js';
import { TopologyStore } from '../store/topology-store.js';

/** The pieces every process shares, built from the validated environment. */
export interface Services {
  redis: Redis;
  queue: Queue;
  producer: Producer;
  store: TopologyStore;
  ledger: ReplyLedger;
  metrics: Metrics;
}

export function createServices(env: Env, redis: Redis): Services {
  const queue = createQueue(env.QUEUE_NAME, redis);
  return {
    redis,
    queue,
    producer: new Producer(queue, redis, {
      attempts: env.JOB_ATTEMPTS,
      backoffMs: env.JOB_BACKOFF_MS,
      keepCompleted: { age: env.KEEP_COMPLETED_SECONDS, count: env.KEEP_COMPLETED_COUNT },
      keepFailed: { age: env.KEEP_FAILED_SECONDS, count: env.KEEP_FAILED_COUNT },
    }),
    store: new TopologyStore(redis, env.QUEUE_NAME, {
      maxTopologies: env.MAX_TOPOLOGIES_PER_TENANT,
      maxVersions: env.MAX_VERSIONS_PER_TOPOLOGY,
      maxBytes: env.MAX_TOPOLOGY_BYTES,
    }),
    ledger: new ReplyLedger(redis, env.QUEUE_NAME),
    metrics: new Metrics(() => queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed')),
  };
}
