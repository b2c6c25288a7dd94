#!/usr/bin/env node
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Job, QueueEvents } from 'bullmq';
import { ShellPort } from '../../adapters/shell/port.js';
import { runShellSession, Spinner } from '../../adapters/shell/session.js';
import { loadDotEnv } from '../config/dotenv.js';
import { ConfigError, loadEnv, secretsOf } from '../config/env.js';
import { styleFor } from '../format/style.js';
import { createLogger } from '../ops/logger.js';
import { connectRedis, ensureRedis } from '../runtime/redis.js';
import { operatorConfigFrom } from '../runtime/operator-config.js';
import { tenantHash } from '../store/topology-store.js';
import { pino } from 'pino';
import { configuredPlatforms } from '../../adapters/platforms.js';
import { bootstrap, checkBotConfig, composeBase, replyPorts, startBot, startWorker, stopRoles } from './bootstrap.js';
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
  // The shell is one user at a terminal: one job at a time, and no metrics port that a second shell would clash on.
  const shellEnv = { ...env, WORKER_CONCURRENCY: 1, AUDIT_CONCURRENCY: 1, METRICS_PORT: 0 };
  const base = composeBase(shellEnv, redis, logger, {
    worker: true,
    ...(operator ? { operator } : {}),
    queueName: `${env.QUEUE_NAME}-shell-${process.pid}`,
    auditQueueName: `${env.QUEUE_NAME}-audits-shell-${tenantHash(tenant).slice(0, 12)}`,
  });
  const { services } = base;
  const spinner = new Spinner(process.stdout);
  const port = new ShellPort({ write: (t) => process.stdout.write(t), style, beforeWrite: () => spinner.clear() });
  const worker = await startWorker(base, new Map([['shell', port]]));
  const events = new QueueEvents(services.queue.name, { connection: redis.duplicate() });
  await events.waitUntilReady();
  let stopping: Promise<void> | undefined;
  // Once, whether the session ends or a signal comes first: the one shutdown path (onShutdown).
  const shutdown = () => (stopping ??= stopShell());
  const stopShell = async () => {
    await worker.stopIntake();
    await worker.drain();
    await events.close();
    // The private queue dies with the session; the audit queue (per user) keeps the schedules.
    await services.queue.obliterate({ force: true }).catch(() => undefined);
    await base.close();
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
