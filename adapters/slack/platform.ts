import type { Platform } from '../platform.js';
import { PostPacer } from '../../src/reply/post-pacer.js';
import { createSlackApp } from './app.js';
import { slackChannels } from './channels.js';
import { slackClients } from './client.js';
import { RedisInstallationStore } from './installation-store.js';
import { parseAdminPolicy } from './permissions.js';
import { keepingDataOnInstall } from './surfaces.js';
import { SLACK_CHANNEL_BURST, SlackPort, slackResponseHosts } from './port.js';

/** Slack: a single workspace (bot token) or many (OAuth), over Socket Mode or HTTP. */
export const slackPlatform: Platform = {
  id: 'slack',
  channels: slackChannels,
  envKeys: [
    'SLACK_BOT_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_APP_TOKEN',
    'SLACK_CLIENT_ID',
    'SLACK_CLIENT_SECRET',
    'SLACK_STATE_SECRET',
    'SLACK_API_URL',
    'SLACK_ADMINS',
    'SLACK_ADMIN_GROUP',
    'SLACK_CHANNEL_INTERVAL_MS',
    'PORT',
  ],
  configured: (env) => Boolean(env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID),
  misconfiguration: (env) =>
    !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET
      ? 'Slack is configured but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is set: set one.'
      : undefined,
  replyPort(env, redis) {
    const installations = env.SLACK_CLIENT_ID ? new RedisInstallationStore(redis, env.QUEUE_NAME) : undefined;
    return new SlackPort(
      slackClients(env.SLACK_BOT_TOKEN, env.SLACK_API_URL, installations),
      // Replies keep their own accounting (prefix :replies), apart from the audits' pacer.
      new PostPacer(redis, `${env.QUEUE_NAME}:replies`, {
        channelIntervalMs: env.SLACK_CHANNEL_INTERVAL_MS,
        burst: SLACK_CHANNEL_BURST,
      }),
      slackResponseHosts(env.SLACK_API_URL),
    );
  },
  async startReceiver(env, services, logger) {
    const oauth = env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.SLACK_STATE_SECRET;
    const app = createSlackApp({
      ...(env.SLACK_BOT_TOKEN ? { botToken: env.SLACK_BOT_TOKEN } : {}),
      ...(oauth
        ? {
            oauth: {
              clientId: env.SLACK_CLIENT_ID!,
              clientSecret: env.SLACK_CLIENT_SECRET!,
              stateSecret: env.SLACK_STATE_SECRET!,
              installationStore: keepingDataOnInstall(
                new RedisInstallationStore(services.redis, env.QUEUE_NAME),
                services.redis,
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
      presses: { redis: services.redis, prefix: env.QUEUE_NAME },
      surfaces: {
        store: services.store,
        ...(env.AUDITS ? { audits: services.audits } : {}),
        redis: services.redis,
        prefix: env.QUEUE_NAME,
        retentionSeconds: env.SLACK_UNINSTALL_RETENTION_DAYS * 86_400,
      },
    });
    await app.start(env.PORT);
    return {
      mode: env.SLACK_APP_TOKEN ? 'socket mode' : `http on :${env.PORT}/slack/events`,
      stop: async () => {
        await app.stop();
      },
    };
  },
};
