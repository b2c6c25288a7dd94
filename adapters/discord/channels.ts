import type { ChannelSyntax } from '../../src/reply/channel-syntax.js';
import { channelMention } from '../channel-mention.js';

/** Discord: only a mention (`<#123>`); a bare name cannot be resolved to a channel id. */
export const discordChannels: ChannelSyntax = {
  parse(ref) {
    return (
      channelMention(ref) ?? {
        problem: `"${ref.slice(0, 60)}" is not a channel I can post in.`,
        hint: 'Pick the channel from the list as you type `#`, so that Discord turns it into a link.',
      }
    );
  },
  label: (channel) => `<#${channel}>`,
};
