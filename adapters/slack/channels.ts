import { PLAIN_CHANNELS, type ChannelSyntax } from '../../src/reply/channel-syntax.js';
import { channelMention } from '../channel-mention.js';

/** Slack: a mention (`<#C123|infra>`), or a plain `#infra`, a name the Slack API resolves when posting. */
export const slackChannels: ChannelSyntax = {
  parse(ref) {
    const mention = channelMention(ref);
    if (mention) return mention;
    const plain = PLAIN_CHANNELS.parse(ref);
    return 'problem' in plain ? plain : { channel: `#${plain.channel}`, label: plain.label };
  },
  label: (channel) => `<#${channel}>`,
};
