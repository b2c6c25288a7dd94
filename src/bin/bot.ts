#!/usr/bin/env node
import { createDiscordClient } from '../../adapters/discord/app.js';
import { createSlackApp } from '../../adapters/slack/app.js';
import { RedisInstallationStore } from '../../adapters/slack/installation-store.js';
import { parseAdminPolicy } from '../../adapters/slack/permissions.js';
import { keepingDataOnInstall } from '../../adapters/slack/surfaces.js';
import { loadDotEnv } from '../config/dotenv.js';
import { ConfigError, loadEnv, secretsOf } from '../config/env.js';
import { startOpsServer } from '../ops/http.js';
import { createLogger } from '../ops/logger.js';
import { connectRedisFailFast, redisAnswers } from '../runtime/redis.js';
import { createServices, logQueueErrors } from '../runtime/services.js';
import { onShutdown } from './lifecycle.js';

/** The bot process: chat adapters that acknowledge and enqueue; workers do the rest. */
async function main(): Promise<void> {
  loadDotEnv();
  const env = loadEnv();
  const logger = createLogger({ level: env.LOG_LEVEL, secrets: secretsOf(env), name: 'voipnow-bot' });
  const oauth = env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.SLACK_STATE_SECRET;
  const slackWanted = Boolean(env.SLACK_BOT_TOKEN || oauth);
  if (!slackWanted && !env.DISCORD_TOKEN) {
    throw new ConfigError(
      'No chat platform is configured: set SLACK_BOT_TOKEN (with SLACK_APP_TOKEN for Socket Mode, or SLACK_SIGNING_SECRET for HTTP mode), SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for many workspaces, or DISCORD_TOKEN. For a chat in this terminal, run `npm start` without tokens.',
    );
  }
  if (slackWanted && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'Slack is configured but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is set: set one.',
    );
  }
  if (!(await redisAnswers(env.REDIS_URL)))
    throw new ConfigError(`Nothing answers at REDIS_URL=${env.REDIS_URL}; start Redis or point REDIS_URL at one.`);
  const redis = connectRedisFailFast(env.REDIS_URL);
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection error'));
  const services = createServices(env, redis);
  logQueueErrors(services, logger);
  const slack = !slackWanted
    ? undefined
    : createSlackApp({
        ...(env.SLACK_BOT_TOKEN ? { botToken: env.SLACK_BOT_TOKEN } : {}),
        ...(oauth
          ? {
              oauth: {
                clientId: env.SLACK_CLIENT_ID!,
                clientSecret: env.SLACK_CLIENT_SECRET!,
                stateSecret: env.SLACK_STATE_SECRET!,
                installationStore: keepingDataOnInstall(
                  new RedisInstallationStore(redis, env.QUEUE_NAME),
                  redis,
                  env.QUEUE_NAME,
                ),
              },
            }
          : {}),
        ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
        ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
        ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
        port: env.PORT,
        producer: services.producer,
        policy: parseAdminPolicy(env.SLACK_ADMINS, env.SLACK_ADMIN_GROUP),
        maxBytes: env.MAX_TOPOLOGY_BYTES,
        maxRequestBytes: env.MAX_REQUEST_BYTES,
        logger,
        metrics: services.metrics,
        surfaces: {
          store: services.store,
          ...(env.AUDITS ? { audits: services.audits } : {}),
          redis,
          prefix: env.QUEUE_NAME,
          retentionSeconds: env.SLACK_UNINSTALL_RETENTION_DAYS * 86_400,
        },
      });
  await slack?.start(env.PORT);
  const discord = env.DISCORD_TOKEN
    ? createDiscordClient({
        token: env.DISCORD_TOKEN,
        ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
        producer: services.producer,
        store: services.store,
        maxBytes: env.MAX_TOPOLOGY_BYTES,
        ...(env.DISCORD_ADMIN_ROLE ? { adminRole: env.DISCORD_ADMIN_ROLE } : {}),
        channels: (env.DISCORD_CHANNELS ?? '')
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
        logger,
        metrics: services.metrics,
      })
    : undefined;
  await discord?.login(env.DISCORD_TOKEN);
  const ops = env.BOT_METRICS_PORT
    ? await startOpsServer(env.BOT_METRICS_PORT, services.metrics, async () => (await redis.ping()) === 'PONG')
    : undefined;
  let slackMode = 'off';
  if (slack) slackMode = env.SLACK_APP_TOKEN ? 'socket mode' : `http on :${env.PORT}/slack/events`;
  logger.info(
    {
      slack: slackMode,
      discord: discord ? 'on' : 'off',
      metricsPort: env.BOT_METRICS_PORT || null,
    },
    'bot ready',
  );
  onShutdown(
    async () => {
      await slack?.stop();
      await discord?.destroy();
      ops?.close();
      await services.queue.close();
      await services.audits.scheduler.close();
      await redis.quit().catch(() => undefined);
      logger.flush();
    },
    (text) => logger.info(text),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`voipnow-bot: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
