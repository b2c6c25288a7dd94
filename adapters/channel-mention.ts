import type { ChannelRef } from '../src/reply/channel-syntax.js';

/** `<#C123|infra>` or `<#123>`: the channel mention Slack and Discord both send. */
export function channelMention(ref: string): ChannelRef | undefined {
  const mention = /^<#([A-Za-z0-9_-]{1,40})(?:\|([^>]*))?>$/.exec(ref);
  if (!mention) return undefined;
  return { channel: mention[1]!, label: mention[2] ? `#${mention[2]}` : ref };
}
