#!/usr/bin/env node
import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { voipnowCommand } from '../../adapters/discord/commands.js';
import { messageCommands } from '../../adapters/discord/status.js';
import { loadDotEnv } from '../config/dotenv.js';
import { ConfigError, loadEnv } from '../config/env.js';

/**
 * `npm run discord:register`: registers /voipnow for the guild in DISCORD_GUILD_ID (instant, for
 * development) or, with `--global`, for every guild (Discord may take up to an hour to show it).
 */
async function main(): Promise<void> {
  loadDotEnv();
  const env = loadEnv();
  const global = process.argv.includes('--global');
  if (!env.DISCORD_TOKEN || !env.DISCORD_APPLICATION_ID)
    throw new ConfigError(
      'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (Developer Portal → your application → General Information).',
    );
  if (!global && !env.DISCORD_GUILD_ID)
    throw new ConfigError('Set DISCORD_GUILD_ID to register in one server, or pass --global.');
  const rest = new REST({ version: '10', ...(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {}) }).setToken(
    env.DISCORD_TOKEN,
  );
  const route = global
    ? Routes.applicationCommands(env.DISCORD_APPLICATION_ID)
    : Routes.applicationGuildCommands(env.DISCORD_APPLICATION_ID, env.DISCORD_GUILD_ID!);
  const registered = (await rest.put(route, {
    body: [voipnowCommand().toJSON(), ...messageCommands().map((c) => c.toJSON())],
  })) as { name: string; type?: number }[];
  process.stdout.write(
    `Registered ${registered.map((c) => (c.type === 3 ? `“${c.name}”` : `/${c.name}`)).join(', ')} ${global ? 'globally' : `in guild ${env.DISCORD_GUILD_ID}`}.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`discord:register: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
