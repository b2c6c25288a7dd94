import { discordPlatform } from './discord/platform.js';
import type { ChannelSyntax } from '../src/reply/channel-syntax.js';
import type { Platform } from './platform.js';
import { shellChannels } from './shell/channels.js';
import { slackPlatform } from './slack/platform.js';

/**
 * Every chat platform the bot and worker can serve: adding one is a folder under adapters/ and a
 * line here. (The shell is not listed: it is the terminal `npm start` opens without tokens.)
 */
export const PLATFORMS: readonly Platform[] = [slackPlatform, discordPlatform];

/** Channel syntax of every place a job can come from: the listed platforms and the shell. */
export const CHANNEL_SYNTAX: ReadonlyMap<string, ChannelSyntax> = new Map([
  ...PLATFORMS.map((p) => [p.id, p.channels] as const),
  ['shell', shellChannels],
]);

export function configuredPlatforms(env: Parameters<Platform['configured']>[0]): Platform[] {
  return PLATFORMS.filter((p) => p.configured(env));
}
