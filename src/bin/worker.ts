#!/usr/bin/env node
import { REST } from '@discordjs/rest';
import { DiscordPort } from '../../adapters/discord/port.js';
import { RecordPort } from '../../adapters/record/port.js';
import { slackClients } from '../../adapters/slack/client.js';
import { RedisInstallationStore } from '../../adapters/slack/installation-store.js';
import { SlackPort } from '../../adapters/slack/port.js';
import { ChannelLimiter } from '../reply/channel-limiter.js';
import { createExecutor } from '../../commands/execute.js';
import { boundedPictures } from '../diagram/picture.js';
import { loadDotEnv } from '../config/dotenv.js';
import { ConfigError, loadEnv, secretsOf } from '../config/env.js';
import { startOpsServer } from '../ops/http.js';
import { createLogger } from '../ops/logger.js';
import { createChatWorker } from '../queue/worker.js';
import type { ReplyPort } from '../reply/port.js';
import type { ReplyTarget } from '../reply/target.js';
import { connectRedis, redisAnswers } from '../runtime/redis.js';
import { startAuditWorker } from '../runtime/audit-runtime.js';
import { createServices, logQueueErrors } from '../runtime/services.js';
import { onShutdown } from './lifecycle.js';

/** An audit may post only where the port of its platform says the channel is the tenant's. */
function destinationCheck(ports: ReadonlyMap<string, ReplyPort>) {
  return (target: ReplyTarget, channel: string) =>
    ports.get(target.platform)?.refuses?.(target.tenant, channel) ?? Promise.resolve(undefined);
}

/** The worker process: takes chat jobs from the queue and replies through the platform that asked. */
async function main(): Promise<void> {
  loadDotEnv();
  const env = loadEnv();
  const logger = createLogger({ level: env.LOG_LEVEL, secrets: secretsOf(env), name: 'voipnow-worker' });
  if (!(await redisAnswers(env.REDIS_URL)))
    throw new ConfigError(`Nothing answers at REDIS_URL=${env.REDIS_URL}; start Redis or point REDIS_URL at one.`);
  const redis = connectRedis(env.REDIS_URL);
  const services = createServices(env, redis, { latestCache: true });
  logQueueErrors(services, logger);
  const ports = new Map<string, ReplyPort>([
    // The loopback platform: replies recorded in Redis (tests, benchmarks, smoke checks).
    ['test', new RecordPort(redis, `${env.QUEUE_NAME}:record`)],
  ]);
  if (env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID) {
    const installations = env.SLACK_CLIENT_ID ? new RedisInstallationStore(redis, env.QUEUE_NAME) : undefined;
    ports.set(
      'slack',
      new SlackPort(
        slackClients(env.SLACK_BOT_TOKEN, env.SLACK_API_URL, installations),
        new ChannelLimiter(redis, `${env.QUEUE_NAME}:pace`, env.SLACK_CHANNEL_INTERVAL_MS),
      ),
    );
  }
  if (env.DISCORD_TOKEN) {
    const rest = new REST({ version: '10', ...(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {}) }).setToken(
      env.DISCORD_TOKEN,
    );
    ports.set('discord', new DiscordPort(rest));
  }
  const worker = createChatWorker({
    connection: redis,
    queueName: env.QUEUE_NAME,
    ports,
    ledger: services.ledger,
    execute: createExecutor({
      store: services.store,
      maxBytes: env.MAX_TOPOLOGY_BYTES,
      ...(env.AUDITS ? { audits: { ...services.audits, destination: destinationCheck(ports) } } : {}),
      pictures: boundedPictures(),
    }),
    concurrency: env.WORKER_CONCURRENCY,
    lockDuration: env.LOCK_DURATION_MS,
    stalledInterval: env.STALLED_INTERVAL_MS,
    requestExpiryMs: env.REQUEST_EXPIRY_SECONDS * 1000,
    logger,
    metrics: services.metrics,
  });
  const audits = startAuditWorker(env, services, ports, logger);
  const ops = env.METRICS_PORT
    ? await startOpsServer(env.METRICS_PORT, services.metrics, async () => (await redis.ping()) === 'PONG')
    : undefined;
  logger.info(
    {
      queue: env.QUEUE_NAME,
      concurrency: env.WORKER_CONCURRENCY,
      platforms: [...ports.keys()],
      audits: services.audits.scheduler.queueName,
      metricsPort: env.METRICS_PORT || null,
    },
    'worker ready',
  );
  onShutdown(
    async () => {
      await Promise.all([worker.close(), audits?.close()]);
      ops?.close();
      await services.queue.close();
      await services.audits.scheduler.close();
      await services.latestCache?.close();
      await redis.quit().catch(() => undefined);
      logger.info('worker stopped');
      logger.flush();
    },
    (text) => logger.info(text),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`voipnow-worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
