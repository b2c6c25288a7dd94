import type { Redis } from 'ioredis';
import type { Env } from '../src/config/env.js';
import type { Logger } from '../src/ops/logger.js';
import type { ChannelSyntax } from '../src/reply/channel-syntax.js';
import type { ReplyPort } from '../src/reply/port.js';
import type { Services } from '../src/runtime/services.js';

/** What a running receiver (the inbound half of a platform) gives back: how to stop taking work. */
export interface Receiver {
  /** One word or phrase for the start-up log ("socket mode", "on"). */
  readonly mode: string;
  /** Stops taking new commands; jobs already enqueued are left to the workers. */
  stop(): Promise<void>;
}

/**
 * A chat platform, as the entry points see it: everything about it lives in its adapter folder and
 * is registered once in `adapters/platforms.ts`.
 */
export interface Platform {
  /** The `platform` of a reply target. */
  readonly id: string;
  /** How its users write channel references (`audit schedule … in #infra`), and how answers name one. */
  readonly channels: ChannelSyntax;
  /** Environment variables this platform reads (all part of the shared env schema). */
  readonly envKeys: readonly (keyof Env)[];
  /** Whether the environment turns this platform on. */
  configured(env: Env): boolean;
  /** A configuration that cannot work, as one line for the operator; undefined when fine. */
  misconfiguration?(env: Env): string | undefined;
  /** The outbound half: posts replies and audits (worker processes). */
  replyPort(env: Env, redis: Redis): ReplyPort;
  /** The inbound half: acknowledges commands and enqueues them (bot processes). */
  startReceiver(env: Env, services: Services, logger: Logger): Promise<Receiver>;
}
