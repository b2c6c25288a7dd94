#!/usr/bin/env node
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Job, QueueEvents } from 'bullmq';
import { ShellPort } from '../../adapters/shell/port.js';
import { runShellSession, Spinner } from '../../adapters/shell/session.js';
import { createExecutor } from '../../commands/execute.js';
import { boundedPictures } from '../diagram/picture.js';
import { loadDotEnv } from '../config/dotenv.js';
import { ConfigError, loadEnv, secretsOf } from '../config/env.js';
import { styleFor } from '../format/style.js';
import { createLogger } from '../ops/logger.js';
import { createChatWorker } from '../queue/worker.js';
import { connectRedis, ensureRedis } from '../runtime/redis.js';
import { startAuditWorker } from '../runtime/audit-runtime.js';
import { operatorConfigFrom } from '../runtime/operator-config.js';
import { createServices, logQueueErrors } from '../runtime/services.js';
import { tenantHash } from '../store/topology-store.js';
import { pino } from 'pino';
import { CHANNEL_SYNTAX, configuredPlatforms } from '../../adapters/platforms.js';
import { bootstrap, checkBotConfig, replyPorts, startBot, startWorker, stopRoles } from './bootstrap.js';
import { onShutdown } from './lifecycle.js';

/**
 * `npm start`: with no platform tokens, the shell adapter: a chat in this terminal, with producer
 * and worker in one process.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const env = loadEnv();
  if (configuredPlatforms(env).length > 0) {
    // With a chat platform configured, `npm start` runs its bot and a worker in this one process,
    // under one shutdown: all intake stops, then the worker drains, then the process exits.
    const base = await bootstrap('voipnow', { worker: true, check: checkBotConfig });
    const worker = await startWorker(base, replyPorts(base));
    const bot = await startBot(base);
    onShutdown(
      () => stopRoles(base, [bot, worker]),
      (text) => base.logger.info(text),
    );
    return;
  }
  const style = styleFor(process.stdout);
  const supply = await ensureRedis(env.REDIS_URL, env.START_REDIS);
  if (supply.note) process.stdout.write(style.dim(supply.note) + '\n');
  // Logs go to a file so they do not interleave with the conversation.
  const logger = createLogger(
    { level: env.LOG_LEVEL, secrets: secretsOf(env), name: 'voipnow-shell' },
    pino.destination({ dest: join('.voipnow', 'shell.log'), mkdir: true, sync: false }),
  );
  const redis = connectRedis(supply.url);
  // Connection trouble goes to the log file, not into the conversation.
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection error'));
  const user = env.SHELL_USER ?? userInfo().username;
  const tenant = `shell:${user}`;
  // A private queue: another shell or a standalone worker on the same Redis must not take these jobs.
  // Audits scheduled from the shell post to this user's shell, whenever one is open.
  const operator = await operatorConfigFrom(env);
  const services = createServices(env, redis, {
    ...(operator ? { operator } : {}),
    queueName: `${env.QUEUE_NAME}-shell-${process.pid}`,
    auditQueueName: `${env.QUEUE_NAME}-audits-shell-${tenantHash(tenant).slice(0, 12)}`,
    latestCache: true,
    logger,
  });
  logQueueErrors(services, logger);
  const spinner = new Spinner(process.stdout);
  const port = new ShellPort({ write: (t) => process.stdout.write(t), style, beforeWrite: () => spinner.clear() });
  const pictures = env.PICTURES ? boundedPictures() : undefined;
  const worker = createChatWorker({
    connection: redis,
    queueName: services.queue.name,
    ports: new Map([['shell', port]]),
    ledger: services.ledger,
    execute: createExecutor({
      store: services.store,
      maxBytes: env.MAX_TOPOLOGY_BYTES,
      channels: CHANNEL_SYNTAX,
      ...(env.AUDITS ? { audits: services.audits } : {}),
      ...(pictures ? { pictures } : {}),
    }),
    concurrency: 1,
    lockDuration: env.LOCK_DURATION_MS,
    stalledInterval: env.STALLED_INTERVAL_MS,
    logger,
  });
  const audits = startAuditWorker({ ...env, AUDIT_CONCURRENCY: 1 }, services, new Map([['shell', port]]), logger);
  const events = new QueueEvents(services.queue.name, { connection: redis.duplicate() });
  await events.waitUntilReady();
  let stopping: Promise<void> | undefined;
  // Once, whether the session ends or a signal comes first: the one shutdown path (onShutdown).
  const shutdown = () => (stopping ??= stopShell());
  const stopShell = async () => {
    await Promise.all([worker.close(), audits?.close()]);
    await pictures?.close();
    await events.close();
    await services.queue.obliterate({ force: true }).catch(() => undefined);
    await services.queue.close();
    await services.audits.scheduler.close();
    await services.latestCache?.close();
    await redis.quit().catch(() => undefined);
    supply.child?.kill();
  };
  onShutdown(shutdown, (text) => logger.info(text));
  await runShellSession({
    input: process.stdin,
    output: process.stdout,
    producer: services.producer,
    waitFor: async (jobId) => {
      const job = await Job.fromId(services.queue, jobId);
      await job?.waitUntilFinished(events).catch(() => undefined);
    },
    tenant,
    user,
    maxBytes: env.MAX_TOPOLOGY_BYTES,
    style,
    historyFile: join('.voipnow', 'history'),
    spinner,
    logger,
  });
  await shutdown();
  // Nothing is left to do; do not wait for connections that are winding down.
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`voipnow: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
