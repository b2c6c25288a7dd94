import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../ops/logger.js';
import type { Metrics } from '../ops/metrics.js';
import { deliver } from '../reply/deliver.js';
import { FenceLostError, type ReplyLedger } from '../reply/ledger.js';
import { PermanentPortError, TransientPortError, type ReplyPort } from '../reply/port.js';
import type { ReplyTarget } from '../reply/target.js';
import type { TopologyStore } from '../store/topology-store.js';
import { auditReply } from './audit-reply.js';
import type { AuditSpec } from './audit-spec.js';
import type { AuditStore } from './audit-store.js';
import { performAudit } from './perform.js';
import type { PostPacer } from '../reply/post-pacer.js';
import { AUDIT_BACKOFF, type AuditScheduler } from './scheduler.js';
import { jobFence } from '../queue/job-fence.js';

export interface AuditWorkerOptions {
  connection: Redis;
  scheduler: AuditScheduler;
  ports: ReadonlyMap<string, ReplyPort>;
  ledger: ReplyLedger;
  topologies: TopologyStore;
  audits: AuditStore;
  pacer: PostPacer;
  maxBytes: number;
  concurrency: number;
  /** A run not posted within this long of being computed is dropped (logged), not posted late. */
  runExpiryMs: number;
  /** First retry delay of a failed post; doubles up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** Waits for a posting slot longer than this release the worker: the job is delayed instead. */
  holdMs: number;
  lockDuration: number;
  stalledInterval: number;
  logger: Logger;
  metrics?: Metrics;
  today?: () => string;
  /** When live figures end (the audit's "now"); tests inject it to move through generated series. */
  now?: () => Date;
  /** Where monitoring credentials come from. @defaultValue process.env */
  env?: NodeJS.ProcessEnv;
}

const dataSchema = z.object({
  tenant: z.string().min(1).max(128),
  auditId: z.string().min(1).max(100),
  /** A reserved posting time (epoch ms) and how many posts it covers, kept across a delay. */
  slot: z.object({ at: z.number(), count: z.number().int().positive() }).optional(),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Runs scheduled audits: checks the stored topology, remembers the run, and posts it to the
 * audit's channel within the platform's limits, exactly once however often the job is retried.
 */
export function createAuditWorker(options: AuditWorkerOptions): Worker {
  const { logger, metrics, pacer } = options;
  const spacing = pacer.limits.channelIntervalMs;

  async function stop(
    tenant: string,
    spec: AuditSpec,
    reason: string,
    notice?: { port: ReplyPort; target: ReplyTarget; key: string; direct?: boolean },
  ): Promise<void> {
    await options.scheduler.remove(tenant, spec.id);
    await options.audits.forTenant(tenant).markStopped(spec, reason);
    logger.warn({ auditId: spec.id, reason }, 'audit stopped');
    if (!notice) return;
    const text = `⏹️ The audit ${spec.id} of ${spec.name} has stopped: ${reason}. \`audit schedule ${spec.name} …\` starts a new one.`;
    // A closed channel cannot hear it: then its creator does, directly, where the platform allows.
    const send = notice.direct
      ? () => notice.port.direct!(tenant, spec.createdBy, text, notice.key)
      : () => notice.port.startThread(notice.target, text, notice.key);
    await options.ledger.once(notice.key, send).catch((error: unknown) => {
      // The platform no longer lets us post there: the stop is still recorded for `audit list`.
      if (!(error instanceof PermanentPortError)) throw error;
    });
  }

  const worker = new Worker(
    options.scheduler.queueName,
    async (job: Job, token?: string) => {
      const parsed = dataSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError('the audit job payload is not valid');
      const data = parsed.data;
      const log = logger.child({ jobId: job.id, auditId: data.auditId, attempt: job.attemptsMade + 1 });
      const audits = options.audits.forTenant(data.tenant);
      const stored = await audits.read(data.auditId);
      if (stored && !stored.ok) {
        // Unreadable (a schema change this release cannot migrate): keep the record and its
        // schedule for an operator to fix; this run is lost, loudly, and the next one tries again.
        metrics?.brokenRecords.inc({ kind: 'audit-spec' });
        log.error({ problem: stored.problem }, 'stored audit does not parse; kept with its schedule');
        throw new UnrecoverableError(`the stored audit ${data.auditId} does not parse: ${stored.problem}`);
      }
      const spec = stored?.value;
      if (!spec || spec.stopped) {
        // Cancelled (or stopped) while this run was due: the schedule goes too, quietly.
        await options.scheduler.remove(data.tenant, data.auditId);
        return { outcome: 'cancelled' };
      }
      const port = options.ports.get(spec.platform);
      const target: ReplyTarget = {
        platform: spec.platform,
        tenant: data.tenant,
        channel: spec.channel,
        requester: spec.createdBy,
      };
      const runId = `audit:${job.id}`;
      const result = await performAudit({
        topologies: options.topologies.forTenant(data.tenant),
        audits,
        name: spec.name,
        auditId: spec.id,
        runId,
        quiet: spec.quiet,
        maxBytes: options.maxBytes,
        ...(options.today ? { today: options.today() } : {}),
        ...(options.now ? { now: options.now() } : {}),
        ...(options.env ? { env: options.env } : {}),
      });
      if (result === 'missing') {
        await stop(
          data.tenant,
          spec,
          `the topology "${spec.name}" was deleted`,
          port ? { port, target, key: `${runId}:stopped` } : undefined,
        );
        metrics?.jobs.inc({ command: 'audit', outcome: 'stopped' });
        return { outcome: 'stopped' };
      }
      const { run } = result;
      if (!run.post) {
        metrics?.jobs.inc({ command: 'audit', outcome: 'quiet' });
        return { outcome: 'quiet', verdict: run.verdict };
      }
      // Measured on the clock the run was stamped with, so an injected clock never expires it.
      if ((options.now?.() ?? new Date()).getTime() - Date.parse(run.at) > options.runExpiryMs) {
        log.warn({ at: run.at }, 'audit run expired before it could be posted');
        metrics?.jobs.inc({ command: 'audit', outcome: 'expired' });
        return { outcome: 'expired' };
      }
      // Another worker may serve that platform: retry (the run is stored) until one does or it expires.
      if (!port) throw new Error(`this worker has no reply port for ${spec.platform}`);

      // The channel was named by a user: it must still be the tenant's (checked at scheduling too).
      const refused = await port.refuses?.(data.tenant, spec.channel);
      if (refused) {
        await stop(data.tenant, spec, `I will not post in ${spec.channelLabel}: ${refused}`);
        metrics?.jobs.inc({ command: 'audit', outcome: 'stopped' });
        return { outcome: 'stopped' };
      }
      const reply = auditReply(run, spec);
      const detailed = run.newCount + run.resolvedCount > 0;
      const count = 1 + (detailed ? port.render(reply).length : 0);
      // Posts are spread by reservation: a slot reserved before a delay is kept; else a new one.
      const start = data.slot?.at ?? Date.now() + (await pacer.reserve(spec.platform, spec.channel, count));
      if (start - Date.now() > options.holdMs) {
        await job.updateData({ ...data, slot: { at: start, count } });
        // Come back a little early so the first post goes on time.
        await job.moveToDelayed(start - Math.min(200, spacing / 4), token);
        throw new DelayedError();
      }
      await sleep(start - Date.now());
      const fence = jobFence(job, token);
      let posts = 0;
      const pace = async () => {
        await pacer.admit(spec.platform, spec.channel);
        posts++;
      };
      try {
        await deliver(
          port,
          options.ledger,
          {
            requestId: runId,
            target,
            pending: reply.summary,
            retry: true,
            final: true,
            pace,
            parentOnly: !detailed,
            since: Date.parse(run.at),
            ...(fence ? { fence } : {}),
          },
          reply,
        );
      } catch (error) {
        if (error instanceof PermanentPortError && error.channelClosed) {
          await stop(
            data.tenant,
            spec,
            `I can no longer post in ${spec.channelLabel} (${error.message})`,
            port.direct ? { port, target, key: `${runId}:stopped`, direct: true } : undefined,
          );
          metrics?.jobs.inc({ command: 'audit', outcome: 'stopped' });
          return { outcome: 'stopped' };
        }
        if (error instanceof FenceLostError)
          log.warn({ err: error.message }, 'lost the job to another worker; posting nothing more');
        // The platform refused this message for good: this run is lost, the schedule goes on.
        if (error instanceof PermanentPortError) throw new UnrecoverableError(error.message);
        throw error;
      }
      metrics?.replies.inc({ platform: spec.platform }, posts);
      metrics?.jobs.inc({ command: 'audit', outcome: 'posted' });
      log.info({ verdict: run.verdict, posts, name: spec.name }, 'audit posted');
      return { outcome: 'posted', verdict: run.verdict };
    },
    {
      connection: options.connection,
      concurrency: options.concurrency,
      lockDuration: options.lockDuration,
      stalledInterval: options.stalledInterval,
      maxStalledCount: 10,
      settings: {
        backoffStrategy: (attemptsMade, type, error) => {
          if (type !== AUDIT_BACKOFF) return 0;
          const doubled = Math.min(options.backoffMs * 2 ** Math.max(0, attemptsMade - 1), options.maxBackoffMs);
          return error instanceof TransientPortError && error.retryAfterMs
            ? Math.max(doubled, error.retryAfterMs)
            : doubled;
        },
      },
    },
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics?.auditFailures.inc({ final: String(final) });
    logger.warn(
      { jobId: job.id, err: error.message, final },
      final ? 'audit run failed' : 'audit attempt failed; will retry',
    );
  });
  worker.on('error', (error) => logger.error({ err: error.message }, 'audit worker error'));
  return worker;
}
