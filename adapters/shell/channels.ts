import { PLAIN_CHANNELS, type ChannelSyntax } from '../../src/reply/channel-syntax.js';

/** The shell has one place to answer: the terminal; a named channel is taken as written. */
export const shellChannels: ChannelSyntax = {
  parse: (ref) => PLAIN_CHANNELS.parse(ref),
  label: () => 'the terminal',
};
