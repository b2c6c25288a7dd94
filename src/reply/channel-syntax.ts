/** A channel an audit posts to: the id the platform's API takes and how answers name it. */
export interface ChannelRef {
  channel: string;
  label: string;
}

/** Why what the user typed is not a channel: a one-line refusal and what to do instead. */
export interface ChannelProblem {
  problem: string;
  hint?: string;
}

/**
 * How one chat platform writes channel references. Each platform module (adapters/) supplies its
 * own, so commands read `in #infra` without knowing which platform asked.
 */
export interface ChannelSyntax {
  /** A channel as a user of this platform writes it (`<#C123|infra>`, `#infra`). */
  parse(ref: string): ChannelRef | ChannelProblem;
  /** How answers name the channel a request came from. */
  label(channel: string): string;
}

/** Plain names (`#infra`, `infra`): for a platform that registers no syntax of its own. */
export const PLAIN_CHANNELS: ChannelSyntax = {
  parse(ref) {
    const plain = /^#?([a-z0-9][a-z0-9._-]{0,79})$/i.exec(ref);
    if (!plain) return { problem: `"${ref.slice(0, 60)}" is not a channel.` };
    return { channel: plain[1]!, label: `#${plain[1]}` };
  },
  label: (channel) => `#${channel}`,
};
