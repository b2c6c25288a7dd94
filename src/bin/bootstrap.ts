import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { CHANNEL_SYNTAX, configuredPlatforms, PLATFORMS } from '../../adapters/platforms.js';
import { createExecutor } from '../../commands/execute.js';
import { loadDotEnv } from '../config/dotenv.js';
import { boundedPictures, type Pictures } from '../diagram/picture.js';
import { ConfigError, loadEnv, secretsOf, type Env } from '../config/env.js';
import { startOpsServer } from '../ops/http.js';
import { createLogger, type Logger } from '../ops/logger.js';
import { createChatWorker } from '../queue/worker.js';
import type { PacerOptions } from '../reply/post-pacer.js';
import type { ReplyPort } from '../reply/port.js';
import type { ReplyTarget } from '../reply/target.js';
import { startAuditWorker } from '../runtime/audit-runtime.js';
import { operatorConfigFrom } from '../runtime/operator-config.js';
import type { OperatorConfig } from '../team-config/operator.js';
import { connectRedis, connectRedisFailFast, redisAnswers } from '../runtime/redis.js';
import { createServices, logQueueErrors, type Services } from '../runtime/services.js';

/**
 * The composition root: every process (bot, worker, `npm start` with tokens or as the shell, the process tests'
 * record worker) is built here from the environment and the platform list, and nowhere else.
 */
export interface Base {
  env: Env;
  logger: Logger;
  redis: Redis;
  services: Services;
  /** Closes what `bootstrap` opened (queues, caches, Redis); after the roles have stopped. */
  close(): Promise<void>;
}

export interface Role {
  /** Shutdown, first step: stop taking new work (bots stop receiving, nothing is enqueued). */
  stopIntake(): Promise<void>;
  /** Shutdown, second step: finish the jobs in flight (workers), then release the role's servers. */
  drain(): Promise<void>;
}

export interface BootstrapOptions {
  /** Commands refused at once while Redis is down (bot only: BullMQ workers need retrying connections). */
  failFast?: boolean;
  /** This process runs commands: keep the tracked cache of newest topology versions. */
  worker?: boolean;
  /** The roles' own configuration checks, before anything connects. */
  check?: (env: Env) => void;
}

export async function bootstrap(name: string, options: BootstrapOptions = {}): Promise<Base> {
  loadDotEnv();
  const env = loadEnv();
  options.check?.(env);
  const logger = createLogger({ level: env.LOG_LEVEL, secrets: secretsOf(env), name });
  if (!(await redisAnswers(env.REDIS_URL)))
    throw new ConfigError(`Nothing answers at REDIS_URL=${env.REDIS_URL}; start Redis or point REDIS_URL at one.`);
  const redis = options.failFast ? connectRedisFailFast(env.REDIS_URL) : connectRedis(env.REDIS_URL);
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection error'));
  // Only processes that run commands load plugins: a bot never checks, so it needs none of their files.
  const operator = options.worker ? await operatorConfigFrom(env) : undefined;
  if (operator)
    logger.info(
      { file: operator.file, custom: operator.extra.length + (operator.config.policies?.length ?? 0) },
      'operator configuration loaded',
    );
  return composeBase(env, redis, logger, { ...options, ...(operator ? { operator } : {}) });
}

/**
 * The shared services of a process on a connection already open: bootstrap's second half, and what
 * the test runtime builds on (with its own environment, Redis and pacer clock).
 */
export function composeBase(
  env: Env,
  redis: Redis,
  logger: Logger,
  options: {
    worker?: boolean;
    pacer?: PacerOptions;
    operator?: OperatorConfig;
    /** Queues of the process's own (the shell's), instead of the deployment's shared ones. */
    queueName?: string;
    auditQueueName?: string;
  } = {},
): Base {
  const services = createServices(env, redis, {
    latestCache: options.worker ?? false,
    logger,
    ...(options.queueName ? { queueName: options.queueName } : {}),
    ...(options.auditQueueName ? { auditQueueName: options.auditQueueName } : {}),
    ...(options.operator ? { operator: options.operator } : {}),
    ...(options.pacer ? { pacer: options.pacer } : {}),
  });
  logQueueErrors(services, logger);
  return {
    env,
    logger,
    redis,
    services,
    async close() {
      await services.queue.close();
      await services.audits.scheduler.close();
      await services.latestCache?.close();
      await redis.quit().catch(() => undefined);
      logger.flush();
    },
  };
}

/** The reply ports of every configured platform, plus any the caller adds (the record worker's). */
export function replyPorts(base: Base, extra: ReadonlyMap<string, ReplyPort> = new Map()): Map<string, ReplyPort> {
  const ports = new Map<string, ReplyPort>(extra);
  for (const p of configuredPlatforms(base.env)) ports.set(p.id, p.replyPort(base.env, base.redis));
  return ports;
}

/** An audit may post only where the port of its platform says the channel is the tenant's. */
function destinationCheck(ports: ReadonlyMap<string, ReplyPort>) {
  return (target: ReplyTarget, channel: string) =>
    ports.get(target.platform)?.refuses?.(target.tenant, channel) ?? Promise.resolve(undefined);
}

/** The chat worker of a process: runs commands and replies through the given ports. */
export function chatWorker(
  base: Base,
  ports: ReadonlyMap<string, ReplyPort>,
  options: { pictures?: Pictures; now?: () => Date; commandEnv?: NodeJS.ProcessEnv } = {},
): Worker {
  const { env, services, logger, redis } = base;
  const { pictures } = options;
  return createChatWorker({
    connection: redis,
    queueName: services.queue.name,
    ports,
    ledger: services.ledger,
    execute: createExecutor({
      store: services.store,
      maxBytes: env.MAX_TOPOLOGY_BYTES,
      channels: CHANNEL_SYNTAX,
      ...(env.AUDITS ? { audits: { ...services.audits, destination: destinationCheck(ports) } } : {}),
      ...(pictures ? { pictures } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.commandEnv ? { env: options.commandEnv } : {}),
    }),
    concurrency: env.WORKER_CONCURRENCY,
    lockDuration: env.LOCK_DURATION_MS,
    stalledInterval: env.STALLED_INTERVAL_MS,
    requestExpiryMs: env.REQUEST_EXPIRY_SECONDS * 1000,
    logger,
    metrics: services.metrics,
  });
}

/** The worker role: chat jobs and scheduled audits, replying through the given ports. */
export async function startWorker(base: Base, ports: ReadonlyMap<string, ReplyPort>): Promise<Role> {
  const { env, services, logger, redis } = base;
  // One rendering thread for the worker's lifetime; ended after the last job has finished.
  const pictures = env.PICTURES ? boundedPictures() : undefined;
  const worker = chatWorker(base, ports, pictures ? { pictures } : {});
  const audits = startAuditWorker(env, services, ports, logger);
  const ops = env.METRICS_PORT
    ? await startOpsServer(env.METRICS_PORT, services.metrics, async () => (await redis.ping()) === 'PONG')
    : undefined;
  logger.info(
    {
      queue: services.queue.name,
      concurrency: env.WORKER_CONCURRENCY,
      platforms: [...ports.keys()],
      audits: services.audits.scheduler.queueName,
      metricsPort: env.METRICS_PORT || null,
    },
    'worker ready',
  );
  return {
    // A worker takes jobs from the queue only: closing it (below) is what stops its intake.
    stopIntake: () => Promise.resolve(),
    async drain() {
      await Promise.all([worker.close(), audits?.close()]);
      await pictures?.close();
      ops?.close();
      logger.info('worker stopped');
    },
  };
}

/** Refuses a bot configuration that cannot work, with one line that says what to set. */
export function checkBotConfig(env: Env): void {
  const platforms = configuredPlatforms(env);
  if (platforms.length === 0)
    throw new ConfigError(
      'No chat platform is configured: set SLACK_BOT_TOKEN (with SLACK_APP_TOKEN for Socket Mode, or SLACK_SIGNING_SECRET for HTTP mode), SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for many workspaces, or DISCORD_TOKEN. For a chat in this terminal, run `npm start` without tokens.',
    );
  for (const p of platforms) {
    const problem = p.misconfiguration?.(env);
    if (problem) throw new ConfigError(problem);
  }
}

/** The bot role: each configured platform's receiver, acknowledging commands and enqueueing them. */
export async function startBot(base: Base): Promise<Role> {
  const { env, services, logger, redis } = base;
  checkBotConfig(env);
  const platforms = configuredPlatforms(env);
  const receivers = new Map<string, Awaited<ReturnType<(typeof platforms)[number]['startReceiver']>>>();
  for (const p of platforms) receivers.set(p.id, await p.startReceiver(env, services, logger));
  const ops = env.BOT_METRICS_PORT
    ? await startOpsServer(env.BOT_METRICS_PORT, services.metrics, async () => (await redis.ping()) === 'PONG')
    : undefined;
  logger.info(
    {
      ...Object.fromEntries(PLATFORMS.map((p) => [p.id, receivers.get(p.id)?.mode ?? 'off'])),
      metricsPort: env.BOT_METRICS_PORT || null,
    },
    'bot ready',
  );
  return {
    async stopIntake() {
      for (const r of receivers.values()) await r.stop();
    },
    drain() {
      ops?.close();
      return Promise.resolve();
    },
  };
}

/** The one shutdown order for any mix of roles: all intake stops, then every role drains, then shared services close. */
export async function stopRoles(base: Base, roles: readonly Role[]): Promise<void> {
  for (const role of roles) await role.stopIntake();
  for (const role of roles) await role.drain();
  await base.close();
}
