import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../ops/logger.js';
import type { Metrics } from '../ops/metrics.js';
import { deliver } from '../reply/deliver.js';
import type { Reply } from '../reply/document.js';
import type { ReplyLedger } from '../reply/ledger.js';
import { PermanentPortError, type MessageRef, type ReplyPort } from '../reply/port.js';
import { FenceLostError } from '../reply/ledger.js';
import { isRedisUnavailable } from '../runtime/redis-errors.js';
import { replyTargetSchema, type ReplyTarget } from '../reply/target.js';
import { jobSchema, type ChatJob } from './job.js';
import { jobFence } from './job-fence.js';

function fenceOf(job: Job, token: string | undefined) {
  const fence = jobFence(job, token);
  return fence ? { fence } : {};
}

export interface ChatWorkerOptions {
  connection: Redis;
  queueName: string;
  ports: ReadonlyMap<string, ReplyPort>;
  ledger: ReplyLedger;
  /** Runs the command of a job; user mistakes come back as replies, not exceptions. */
  execute(job: ChatJob): Promise<Reply>;
  /** @defaultValue 4 */
  concurrency: number;
  /** A dead worker's jobs are retried after this. @defaultValue 30000 */
  lockDuration: number;
  stalledInterval: number;
  /**
   * While Redis is full or away, a job waits (capped backoff) rather than spending its attempts;
   * a request this old is given up with an apology. @defaultValue 900000 (15 minutes)
   */
  requestExpiryMs?: number;
  logger: Logger;
  metrics?: Metrics;
}

/** Longest wait between two tries while Redis refuses writes. */
const REDIS_WAIT_CAP_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The platform refused the channel for good: telling the user there would fail the same way. */
class ChannelRefusedError extends UnrecoverableError {}

/**
 * What the requester can do about a channel closed to the bot. Only a Slack channel takes an
 * invitation (a DM or group DM between people cannot); on Discord a server admin grants access.
 */
function remedyFor(target: ReplyTarget): string {
  if (target.platform === 'slack' && /^[CG]/.test(target.channel))
    return 'Invite me to the channel (`/invite @voipnow`) and ask again.';
  if (target.platform === 'discord') return 'A server admin can let me see and post in that channel.';
  return 'Ask me somewhere I can post.';
}

function failureText(error: unknown, requestId: string): string {
  const why =
    error instanceof UnrecoverableError ? error.message : 'something went wrong on my side and retrying did not help';
  return `🚫 Sorry, I could not finish this: ${why}. (request ${requestId})`;
}

/** The BullMQ worker that turns chat jobs into threaded replies through the adapter that asked. */
export function createChatWorker(options: ChatWorkerOptions): Worker {
  const { logger, metrics } = options;
  /** Runs the command and posts its reply; safe to run again (the ledger remembers each post). */
  async function answer(
    job: Job,
    token: string | undefined,
    data: ChatJob,
    port: ReplyPort,
    started: number,
    log: Logger,
    again: boolean,
  ) {
    const reply = await options.execute(data);
    let posted: number;
    try {
      ({ posted } = await deliver(
        port,
        options.ledger,
        {
          ...data,
          retry: again || job.attemptsMade > 0 || job.stalledCounter > 0,
          since: data.receivedAt,
          ...fenceOf(job, token),
        },
        reply,
      ));
    } catch (error) {
      if (error instanceof PermanentPortError)
        throw error.channelClosed ? new ChannelRefusedError(error.message) : new UnrecoverableError(error.message);
      throw error;
    }
    await settle(port, data);
    metrics?.replies.inc({ platform: data.target.platform }, posted);
    metrics?.duration.observe({ command: data.command }, (performance.now() - started) / 1000);
    log.info({ verdict: reply.verdict, posted, ms: Math.round(performance.now() - started) }, 'job replied');
    return { verdict: reply.verdict, posted };
  }

  /**
   * The request is answered (or apologised for): the "seen" reaction comes off and the button that
   * asked works again. Both are courtesies; failing them fails nothing.
   */
  async function settle(port: ReplyPort, data: ChatJob): Promise<void> {
    await port.settle?.(data.target).catch(() => undefined);
    if (data.target.press) await options.connection.del(data.target.press).catch(() => undefined);
  }

  // Final failures are told from inside the job, since while Redis is full BullMQ cannot record the
  // failure and no 'failed' event would come; the event covers what fails outside (stalled too often).
  const told = new Set<string>();
  async function tellOnce(job: Job, error: Error): Promise<void> {
    told.add(String(job.id));
    await tellUser(job, error).catch((e: unknown) =>
      logger.error({ jobId: job.id, err: String(e) }, 'could not report the failure to the user'),
    );
  }

  const worker = new Worker(
    options.queueName,
    async (job: Job, token?: string) => {
      const parsed = jobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError('the job payload is not valid');
      const data = parsed.data;
      // A child logger serialises its bindings when made: only worth it when its lines are written.
      const log = logger.isLevelEnabled('info')
        ? logger.child({
            requestId: data.requestId,
            jobId: job.id,
            command: data.command,
            platform: data.target.platform,
            attempt: job.attemptsMade + 1,
          })
        : logger;
      const port = options.ports.get(data.target.platform);
      // Another worker may serve that platform: retry rather than drop.
      if (!port) throw new Error(`this worker has no reply port for ${data.target.platform}`);
      const started = performance.now();
      log.info('job started');
      const expiresAt = data.receivedAt + (options.requestExpiryMs ?? 15 * 60_000);
      for (let tries = 0; ; tries++) {
        try {
          return await answer(job, token, data, port, started, log, tries > 0);
        } catch (error) {
          // Another worker has the job now and answers it.
          if (error instanceof FenceLostError) {
            log.warn({ err: error.message }, 'lost the job to another worker; posting nothing more');
            throw error;
          }
          const unavailable = isRedisUnavailable(error);
          if (unavailable && Date.now() < expiresAt) {
            // Full or away: not the request's fault, so no attempt is spent; wait until Redis takes writes.
            const wait = Math.min(100 * 2 ** Math.min(tries, 10), REDIS_WAIT_CAP_MS);
            log.warn({ err: (error as Error).message, wait }, 'redis refuses work; waiting');
            await sleep(wait);
            continue;
          }
          if (unavailable) {
            const gaveUp = new UnrecoverableError('the queue was unavailable for too long');
            await tellOnce(job, gaveUp);
            throw gaveUp;
          }
          if (error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1))
            await tellOnce(job, error as Error);
          throw error;
        }
      }
    },
    {
      connection: options.connection,
      concurrency: options.concurrency,
      lockDuration: options.lockDuration,
      stalledInterval: options.stalledInterval,
      // A job whose worker died is retried, not failed, however often workers die under it.
      maxStalledCount: 10,
    },
  );
  worker.on('completed', (job) => metrics?.jobs.inc({ command: job.name, outcome: 'done' }));
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    logger.warn(
      { jobId: job.id, requestId: (job.data as ChatJob).requestId, err: error.message, final },
      final ? 'job failed' : 'job will be retried',
    );
    if (!final) return;
    metrics?.jobs.inc({ command: job.name, outcome: 'failed' });
    if (told.delete(String(job.id))) return;
    void tellUser(job, error).catch((e: unknown) =>
      logger.error({ jobId: job.id, err: String(e) }, 'could not report the failure to the user'),
    );
  });
  worker.on('error', (error) => logger.error({ err: error.message }, 'worker error'));

  // Even a job whose payload is broken is answered, if it says where to. When the channel itself
  // refused (the bot was removed), the requester hears it directly where the platform allows.
  async function tellUser(job: Job, error: Error): Promise<void> {
    const data = job.data as Partial<ChatJob> | undefined;
    const target = replyTargetSchema.safeParse(data?.target);
    if (!target.success) return;
    const requestId = typeof data?.requestId === 'string' ? data.requestId : `job-${job.id}`;
    const port = options.ports.get(target.data.platform);
    if (!port) return;
    const text = failureText(error, requestId);
    if (typeof data?.command === 'string') await settle(port, data as ChatJob);
    // An apology Redis cannot record (full, away) is still posted: twice is better than silence.
    const once = (key: string, send: () => Promise<MessageRef>) =>
      options.ledger.once(key, send).catch((e: unknown) => {
        if (!isRedisUnavailable(e)) throw e;
        return send();
      });
    if (error instanceof ChannelRefusedError) {
      if (!port.direct) return;
      const note = `🚫 I could not answer in <#${target.data.channel}>: ${error.message}. ${remedyFor(target.data)} (request ${requestId})`;
      await once(`${requestId}:direct`, () =>
        port.direct!(target.data.tenant, target.data.requester, note, `${requestId}:direct`),
      );
      return;
    }
    const parent = await options.ledger.get(`${requestId}:parent`).catch(() => undefined);
    if (parent) await port.update(parent, text);
    else await once(`${requestId}:failure`, () => port.startThread(target.data, text, `${requestId}:failure`));
  }
  return worker;
}
