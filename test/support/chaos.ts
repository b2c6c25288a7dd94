import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { auditIdFor, type AuditSpec } from '../../src/audit/audit-spec.js';
import { AuditStore } from '../../src/audit/audit-store.js';
import { AuditScheduler } from '../../src/audit/scheduler.js';
import type { ChatJobInput } from '../../src/queue/job.js';
import { Producer } from '../../src/queue/producer.js';
import { TopologyStore } from '../../src/store/topology-store.js';
import { parseInvocation } from '../../commands/invocation.js';
import type { FakeSlack } from './fake-slack.js';
import { deleteKeys, uniqueName, waitUntil } from './redis.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

export const MEDIUM = readFileSync(new URL('../../examples/medium.yaml', import.meta.url), 'utf8');
/** Fourteen warnings: an answer long enough to go in a thread under its parent. */
export const SMALL = readFileSync(new URL('../../examples/small.yaml', import.meta.url), 'utf8');

/** What a chaos scenario reports: requests made, requests answered, and how many were lost or doubled. */
export interface Tally {
  scenario: string;
  requests: number;
  replies: number;
  lost: number;
  doubled: number;
  /** Keys posted more than once, for the failure message. */
  doubledKeys?: string[];
}

/**
 * Counts, from the fake platform (outside Redis), how each request was answered: a request is
 * answered when its parent and at least one threaded message are there; doubled when any of its
 * keys was posted more than once.
 */
export function tally(scenario: string, fake: FakeSlack, requestIds: readonly string[]): Tally {
  const byKey = new Map<string, number>();
  for (const m of fake.messages) {
    const key = m.metadata?.event_payload.key;
    if (key) byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  let replies = 0;
  let lost = 0;
  let doubled = 0;
  const doubledKeys: string[] = [];
  for (const id of requestIds) {
    const mine = [...byKey].filter(([k]) => k.startsWith(`${id}:`));
    const parent = byKey.get(`${id}:parent`) ?? 0;
    if (parent > 0) replies++;
    else lost++;
    const twice = mine.filter(([, n]) => n > 1).map(([k]) => k);
    if (twice.length) doubled++;
    doubledKeys.push(...twice);
  }
  return { scenario, requests: requestIds.length, replies, lost, doubled, ...(doubled ? { doubledKeys } : {}) };
}

/** A queue name, a producer and worker processes against the fake Slack; cleans up after itself. */
export class ChaosRig {
  readonly name = uniqueName('chaos');
  readonly queue: Queue;
  readonly producer: Producer;
  readonly workers: WorkerProcess[] = [];
  readonly env: Record<string, string>;

  constructor(
    readonly redis: Redis,
    readonly redisUrl: string,
    readonly fake: FakeSlack,
    env: Record<string, string> = {},
  ) {
    this.queue = new Queue(this.name, { connection: redis });
    this.queue.on('error', () => undefined);
    this.producer = new Producer(this.queue, redis, {
      attempts: 5,
      backoffMs: 100,
      keepCompleted: { age: 3600, count: 100_000 },
      keepFailed: { age: 3600, count: 100_000 },
    });
    this.env = {
      REDIS_URL: redisUrl,
      QUEUE_NAME: this.name,
      SLACK_API_URL: fake.apiUrl,
      SLACK_CHANNEL_INTERVAL_MS: '1',
      AUDIT_CHANNEL_INTERVAL_MS: '1',
      AUDIT_PLATFORM_POSTS_PER_SECOND: '1000',
      AUDIT_BACKOFF_MS: '100',
      AUDIT_MAX_BACKOFF_MS: '1000',
      JOB_BACKOFF_MS: '100',
      WORKER_CONCURRENCY: '4',
      AUDIT_CONCURRENCY: '4',
      LOCK_DURATION_MS: '1000',
      STALLED_INTERVAL_MS: '500',
      LOG_LEVEL: 'warn',
      ...env,
    };
  }

  startWorker(env: Record<string, string> = {}): WorkerProcess {
    const w = startWorkerProcess({ ...this.env, ...env });
    this.workers.push(w);
    return w;
  }

  /**
   * Enqueues `n` Slack requests (`rules`, a parent and threaded parts without the cost of a check's
   * picture), one channel each unless `channelOf` says otherwise; returns their request ids.
   */
  async enqueueChecks(n: number, channelOf = (i: number) => `C-${this.name}-${i}`): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const requestId = `${this.name}-req-${i}`;
      const inv = parseInvocation('rules');
      const job: ChatJobInput = {
        requestId,
        target: { platform: 'slack', tenant: 'slack:T1', channel: channelOf(i), requester: 'U1' },
        command: inv.command,
        input: inv.input,
        ...(inv.attachment ? { attachment: inv.attachment } : {}),
        pending: inv.pending,
        receivedAt: Date.now(),
        admin: true,
      };
      await this.producer.enqueue(job);
      ids.push(requestId);
    }
    return ids;
  }

  /** Schedules `n` hourly Slack audits (first run at once), one channel each; returns the run key prefixes. */
  async scheduleAudits(n: number): Promise<{ runPrefix: string; scheduler: AuditScheduler }> {
    const tenant = 'slack:T1';
    const store = new TopologyStore(this.redis, this.name, { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 });
    const audits = new AuditStore(this.redis, this.name, { maxAudits: 100_000, runTtlSeconds: 3600 });
    const scheduler = new AuditScheduler(this.redis, `${this.name}-audits`, {
      backoffMs: 100,
      keep: { age: 3600, count: 100_000 },
    });
    scheduler.queue.on('error', () => undefined);
    // The medium example has findings, so each first audit posts details in its thread too.
    await store.forTenant(tenant).save('prod', MEDIUM, 'U');
    for (let i = 0; i < n; i++) {
      const channel = `C-${this.name}-audit-${i}`;
      const spec: AuditSpec = {
        id: auditIdFor('prod', 'slack', channel),
        name: 'prod',
        platform: 'slack',
        channel,
        channelLabel: `<#${channel}>`,
        repeat: { every: 3_600_000 },
        scheduleText: 'every 1h',
        quiet: false,
        createdBy: 'U',
        createdAt: new Date().toISOString(),
      };
      await audits.forTenant(tenant).put(spec);
      await scheduler.upsert(tenant, spec);
    }
    return { runPrefix: 'audit:', scheduler };
  }

  /** Request ids of the audit runs posted so far (one per due audit). */
  auditRunIds(): string[] {
    const ids = new Set<string>();
    for (const m of this.fake.messages) {
      const key = m.metadata?.event_payload.key;
      if (key?.startsWith('audit:') && key.endsWith(':parent') && m.channel.startsWith(`C-${this.name}-audit-`))
        ids.add(key.slice(0, -':parent'.length));
    }
    return [...ids];
  }

  async waitCompleted(queue: Queue, n: number, timeoutMs = 90_000): Promise<void> {
    try {
      await waitUntil(
        async () => (await queue.getJobCounts('completed')).completed! >= n,
        timeoutMs,
        `${n} jobs completed`,
      );
    } catch (error) {
      const logs = this.workers.map((w) => w.logs().slice(-1500)).join('\n---\n');
      throw new Error(`${(error as Error).message}; worker logs:\n${logs}`);
    }
  }

  async stop(): Promise<void> {
    for (const w of this.workers)
      if (w.child.exitCode === null && w.child.signalCode === null) {
        w.child.kill('SIGCONT');
        w.child.kill('SIGKILL');
      }
    await Promise.all(this.workers.map((w) => w.exited));
    for (const q of [this.name, `${this.name}-audits`]) {
      const queue = new Queue(q, { connection: this.redis });
      queue.on('error', () => undefined);
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    await this.queue.close();
    await deleteKeys(this.redis, `${this.name}*`);
  }
}

/** Waits until the fake has seen `n` calls of `method` being held (the worker is mid-post). */
export async function waitHeld(fake: FakeSlack, n = 1): Promise<void> {
  await waitUntil(() => fake.heldCount >= n, 30_000, 'a post in flight');
}

/** Prints a tally as one row of the README's table. */
export function printTally(t: Tally): void {
  process.stdout.write(
    `chaos | ${t.scenario.padEnd(44)} | requests ${String(t.requests).padStart(5)} | replies ${String(t.replies).padStart(5)} | lost ${t.lost} | doubled ${t.doubled}\n`,
  );
  if (t.doubledKeys?.length) process.stdout.write(`chaos |   posted twice: ${t.doubledKeys.slice(0, 5).join(', ')}\n`);
}

/** How many requests each scenario makes: small in `npm test`, larger under `npm run chaos`. */
export const CHAOS_SCALE = Number(process.env.CHAOS_SCALE ?? '1');
