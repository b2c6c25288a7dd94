import type { z } from 'zod';
import type { Attachment } from '../src/queue/job.js';
import type { AuditService } from '../src/audit/audit-service.js';
import type { Pictures } from '../src/diagram/picture.js';
import type { ChannelSyntax } from '../src/reply/channel-syntax.js';
import type { Reply } from '../src/reply/document.js';
import type { ReplyTarget } from '../src/reply/target.js';
import type { TenantTopologies } from '../src/store/topology-store.js';

/** What a command sees when it runs in the worker. */
export interface CommandContext {
  tenant: string;
  requester: string;
  store: TenantTopologies;
  attachment?: Attachment;
  maxBytes: number;
  /** Set by the adapter from the platform's roles; saving and deleting need it. */
  isAdmin: boolean;
  /** Who may do admin commands, for the refusal message. */
  adminHint: string;
  today?: string;
  /** Where the request came from: the default channel of an audit. */
  target: ReplyTarget;
  /** The chat request's id: a retried job reuses what an earlier attempt did. */
  requestId: string;
  /** The clock live figures end at (tests pin it). @defaultValue now */
  now?: () => Date;
  /** Where monitoring credentials come from (PROMETHEUS_BEARER_TOKEN…). @defaultValue process.env */
  env?: NodeJS.ProcessEnv;
  /** Present where the process runs scheduled audits. */
  audits?: AuditService;
  /** How the asking platform writes channel references; plain names when it registered none. */
  channels?: ChannelSyntax;
  /** Present where the worker draws pictures for answers. */
  pictures?: Pictures;
}

export interface Command<I = unknown> {
  name: string;
  /** Other first words that mean this command. */
  aliases?: string[];
  summary: string;
  usage: string;
  examples: string[];
  input: z.ZodType<I>;
  /** Turns the words after the command name into the raw input that `input` validates. */
  parse(args: string): unknown;
  /** Parent message while the job runs. */
  pending(input: I): string;
  /** May answer synchronously when it needs no I/O (help, rules). */
  run(input: I, ctx: CommandContext): Reply | Promise<Reply>;
}

/** A problem the user can fix: shown as the reply, never retried. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export function defineCommand<I>(command: Command<I>): Command<I> {
  return command;
}

/** Saving, deleting and scheduling change what a whole team sees, so they need the admin permission. */
export function requireAdmin(ctx: CommandContext, what: string): void {
  if (!ctx.isAdmin)
    throw new UserError(
      `Only ${ctx.adminHint} may ${what}.`,
      'Reading, checking and what-if questions are open to everyone.',
    );
}
