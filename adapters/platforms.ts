import { discordPlatform } from './discord/platform.js';
import type { Platform } from './platform.js';
import { slackPlatform } from './slack/platform.js';

/**
 * Every chat platform the bot and worker can serve: adding one is a folder under adapters/ and a
 * line here. (The shell is not listed: it is the terminal `npm start` opens without tokens.)
 */
export const PLATFORMS: readonly Platform[] = [slackPlatform, discordPlatform];

export function configuredPlatforms(env: Parameters<Platform['configured']>[0]): Platform[] {
  return PLATFORMS.filter((p) => p.configured(env));
}
