import { REST } from '@discordjs/rest';
import type { Platform } from '../platform.js';
import { createDiscordClient } from './app.js';
import { PostPacer } from '../../src/reply/post-pacer.js';
import { discordChannels } from './channels.js';
import { DISCORD_CHANNEL_BURST, DiscordPort } from './port.js';

/** Discord: one bot token, the gateway for commands and REST for replies. */
export const discordPlatform: Platform = {
  id: 'discord',
  channels: discordChannels,
  envKeys: [
    'DISCORD_TOKEN',
    'DISCORD_APPLICATION_ID',
    'DISCORD_GUILD_ID',
    'DISCORD_API_URL',
    'DISCORD_ADMIN_ROLE',
    'DISCORD_CHANNELS',
  ],
  configured: (env) => Boolean(env.DISCORD_TOKEN),
  replyPort(env, redis) {
    const rest = new REST({ version: '10', ...(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {}) });
    // Discord allows about five messages per five seconds in a channel: a burst of five, then one a second.
    return new DiscordPort(
      rest.setToken(env.DISCORD_TOKEN!),
      new PostPacer(redis, `${env.QUEUE_NAME}:replies`, { channelIntervalMs: 1000, burst: DISCORD_CHANNEL_BURST }),
    );
  },
  async startReceiver(env, services, logger) {
    const client = createDiscordClient({
      token: env.DISCORD_TOKEN!,
      ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
      producer: services.producer,
      store: services.store,
      ...(env.AUDITS ? { audits: services.audits } : {}),
      maxBytes: env.MAX_TOPOLOGY_BYTES,
      ...(env.DISCORD_ADMIN_ROLE ? { adminRole: env.DISCORD_ADMIN_ROLE } : {}),
      channels: (env.DISCORD_CHANNELS ?? '')
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
      logger,
      metrics: services.metrics,
      presses: { redis: services.redis, prefix: env.QUEUE_NAME },
    });
    await client.login(env.DISCORD_TOKEN);
    return { mode: 'on', stop: () => client.destroy() };
  },
};
