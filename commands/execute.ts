import type { ChatJob } from '../src/queue/job.js';
import type { ChannelSyntax } from '../src/reply/channel-syntax.js';
import type { Reply } from '../src/reply/document.js';
import type { AuditService } from '../src/audit/audit-service.js';
import type { Pictures } from '../src/diagram/picture.js';
import type { TopologyStore } from '../src/store/topology-store.js';
import { UserError } from './command.js';
import { helpReply } from './help.js';
import { allCommands, commandByName } from './index.js';

export interface ExecutorOptions {
  store: TopologyStore;
  maxBytes: number;
  today?: () => string;
  audits?: AuditService;
  /** Channel-reference syntax by platform id (the platform list's); plain names for any other. */
  channels?: ReadonlyMap<string, ChannelSyntax>;
  /** Draws the pictures attached to check, whatif and diagram answers; without it, answers are text. */
  pictures?: Pictures;
  /** Clock and environment of live monitoring queries. */
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
}

function errorReply(error: UserError): Reply {
  return {
    title: 'That did not work',
    verdict: 'error',
    summary: `🚫 ${error.message}`,
    text: [error.message, error.hint].filter(Boolean).join('\n'),
  };
}

function channelsOf(options: ExecutorOptions, platform: string): { channels?: ChannelSyntax } {
  const channels = options.channels?.get(platform);
  return channels ? { channels } : {};
}

/** The worker side of the command set: validates the job's input again and runs the command. */
export function createExecutor(options: ExecutorOptions): (job: ChatJob) => Promise<Reply> {
  return async (job) => {
    const command = commandByName(job.command);
    if (!command) return helpReply(allCommands(), `I don't know the command "${job.command}".`);
    const input = command.input.safeParse(job.input);
    if (!input.success)
      return helpReply(allCommands(), `That is not how \`${command.name}\` works.`, `Usage: ${command.usage}`);
    try {
      return await command.run(input.data, {
        tenant: job.target.tenant,
        requester: job.target.requester,
        store: options.store.forTenant(job.target.tenant),
        ...(job.attachment ? { attachment: job.attachment } : {}),
        maxBytes: options.maxBytes,
        isAdmin: job.admin,
        adminHint: job.adminHint,
        ...(options.today ? { today: options.today() } : {}),
        target: job.target,
        requestId: job.requestId,
        ...(options.audits ? { audits: options.audits } : {}),
        ...channelsOf(options, job.target.platform),
        ...(options.pictures ? { pictures: options.pictures } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.env ? { env: options.env } : {}),
      });
    } catch (error) {
      if (error instanceof UserError) return errorReply(error);
      throw error;
    }
  };
}
