import { z } from 'zod';
import { isTimeZone } from '../audit/schedule.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalSecret = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/**
 * Every setting the bot and worker read, validated once at start-up. `.env.example` lists the same
 * variables; a test keeps the two in step.
 */
export const envSchema = z.object({
  REDIS_URL: z.url().default('redis://127.0.0.1:6379').describe('Redis for the queue and the topology store'),
  QUEUE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('voipnow')
    .describe('BullMQ queue name (and key prefix of the store)'),
  // Replies mostly wait on Redis and the chat platform, so one process keeps many jobs in flight.
  WORKER_CONCURRENCY: int(1, 256).default(16).describe('Jobs one worker process runs at once'),
  JOB_ATTEMPTS: int(1, 50).default(5).describe('Tries for a job that fails transiently (exponential backoff)'),
  JOB_BACKOFF_MS: int(10, 600_000).default(1000).describe('First retry delay; doubles each try'),
  KEEP_COMPLETED_SECONDS: int(60, 30 * 86_400)
    .default(86_400)
    .describe('How long completed jobs are kept'),
  KEEP_COMPLETED_COUNT: int(10, 1_000_000).default(1000).describe('How many completed jobs are kept at most'),
  KEEP_FAILED_SECONDS: int(60, 90 * 86_400)
    .default(7 * 86_400)
    .describe('How long failed jobs are kept'),
  KEEP_FAILED_COUNT: int(10, 1_000_000).default(5000).describe('How many failed jobs are kept at most'),
  LOCK_DURATION_MS: int(1000, 600_000)
    .default(30_000)
    .describe('Job lock; a worker that dies releases its jobs after this'),
  STALLED_INTERVAL_MS: int(500, 600_000).default(15_000).describe('How often workers look for stalled jobs'),
  REQUEST_EXPIRY_SECONDS: int(10, 86_400)
    .default(900)
    .describe('While Redis is full or away a request waits; one older than this gets an apology instead'),
  MAX_TOPOLOGY_BYTES: int(1024, 64 * 1024 * 1024)
    .default(1024 * 1024)
    .describe('Size cap of a topology file or paste'),
  MAX_TOPOLOGIES_PER_TENANT: int(1, 100_000).default(100).describe('Stored topologies per team, guild or shell user'),
  MAX_VERSIONS_PER_TOPOLOGY: int(2, 10_000).default(100).describe('Versions kept per topology (oldest dropped)'),
  METRICS_PORT: int(0, 65_535).default(9464).describe('Port of /healthz and /metrics for the worker (0 = off)'),
  BOT_METRICS_PORT: int(0, 65_535).default(9465).describe('Port of /healthz and /metrics for the bot (0 = off)'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level'),
  START_REDIS: bool
    .default(true)
    .describe('npm start: start a private redis-server under ./.voipnow when none answers'),
  SHELL_USER: z.string().min(1).max(64).optional().describe('Tenant of the shell adapter (default: the OS user)'),
  VOIPNOW_CONFIG: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .describe(
      "Worker: the operator's .voipnow.yaml (rules, policies, code plugins) every team's chat configuration is layered on; validated at start-up",
    ),
  AUDITS: bool.default(true).describe('Run scheduled audits in the worker (and in the shell)'),
  PICTURES: bool
    .default(true)
    .describe(
      'Attach diagrams to check, whatif and resilience answers, and charts to sizing answers from live figures (drawn in one rendering thread)',
    ),
  AUDIT_CONCURRENCY: int(1, 256).default(8).describe('Audits one worker process runs at once'),
  AUDIT_DEFAULT_TZ: z
    .string()
    .refine(isTimeZone, 'not an IANA time zone')
    .default('UTC')
    .describe('Time zone of an audit schedule that names none'),
  AUDIT_MIN_INTERVAL_SECONDS: int(1, 86_400).default(300).describe('Schedules may not fire more often than this'),
  AUDIT_MAX_PER_TENANT: int(1, 10_000).default(50).describe('Scheduled audits per team, guild or shell user'),
  AUDIT_RUN_EXPIRY_SECONDS: int(10, 7 * 86_400)
    .default(6 * 3600)
    .describe('A run not posted within this long (platform outage) is dropped, not posted late'),
  AUDIT_BACKOFF_MS: int(10, 600_000)
    .default(5000)
    .describe('First retry delay of a failed audit post; doubles up to AUDIT_MAX_BACKOFF_MS'),
  AUDIT_MAX_BACKOFF_MS: int(100, 3_600_000)
    .default(300_000)
    .describe('Longest wait between two tries of an audit post'),
  AUDIT_CHANNEL_INTERVAL_MS: int(1, 60_000).default(1000).describe('Least time between two audit posts to one channel'),
  AUDIT_PLATFORM_POSTS_PER_SECOND: int(1, 1000)
    .default(10)
    .describe('Most audit posts a second to one platform, across all channels and workers'),
  SLACK_BOT_TOKEN: optionalSecret.describe('Slack bot token (xoxb-…)'),
  SLACK_SIGNING_SECRET: optionalSecret.describe('Slack signing secret (HTTP mode)'),
  SLACK_APP_TOKEN: optionalSecret.describe('Slack app-level token (xapp-…); Socket Mode when set'),
  SLACK_CLIENT_ID: z
    .string()
    .optional()
    .describe('Many workspaces (HTTP mode): the app client id; installs at /slack/install'),
  SLACK_CLIENT_SECRET: optionalSecret.describe('Many workspaces: the app client secret'),
  SLACK_STATE_SECRET: optionalSecret.describe('Many workspaces: any long random string, signs the OAuth state'),
  SLACK_API_URL: z.url().optional().describe('Slack Web API base URL, ending in /api/ (tests point it at a fake)'),
  MAX_REQUEST_BYTES: int(1024, 16 * 1024 * 1024)
    .default(512 * 1024)
    .describe('HTTP mode: larger request bodies are refused unread (Slack sends far less)'),
  PORT: int(1, 65_535)
    .default(3000)
    .describe('HTTP mode: where Slack sends commands, events and interactivity (/slack/events)'),
  SLACK_ADMINS: z
    .string()
    .optional()
    .describe('Comma-separated Slack user ids who may save, delete and schedule (default: workspace admins)'),
  SLACK_ADMIN_GROUP: z
    .string()
    .optional()
    .describe('A Slack user group id whose members may save, delete and schedule'),
  // 0 would make every paced post fail (a zero expiry): the least is 1 ms.
  SLACK_CHANNEL_INTERVAL_MS: int(1, 60_000)
    .default(1000)
    .describe("Least time between the bot's posts to one Slack channel"),
  SLACK_UNINSTALL_RETENTION_DAYS: int(0, 3650)
    .default(30)
    .describe(
      "Days a workspace's topologies and audit history are kept after it uninstalls the app (0: deleted at once)",
    ),
  DISCORD_TOKEN: optionalSecret.describe('Discord bot token'),
  DISCORD_APPLICATION_ID: z.string().optional().describe('Discord application id'),
  DISCORD_GUILD_ID: z.string().optional().describe('Register guild commands here (development)'),
  DISCORD_API_URL: z
    .url()
    .optional()
    .describe('Discord REST API base URL, e.g. https://discord.com/api (tests point it at a fake)'),
  DISCORD_ADMIN_ROLE: z
    .string()
    .regex(/^\d{5,25}$/)
    .optional()
    .describe('Role id whose members may save, delete and schedule (Manage Server always may)'),
  DISCORD_CHANNELS: z
    .string()
    .optional()
    .describe('Comma-separated channel ids where plain messages are read (needs the Message Content intent)'),
});

export type Env = z.output<typeof envSchema>;

/** Settings that are each in range but make no sense together, with the variable to change. */
function inconsistencies(env: Env): { name: string; message: string }[] {
  const out: { name: string; message: string }[] = [];
  if (env.AUDIT_MAX_BACKOFF_MS < env.AUDIT_BACKOFF_MS)
    out.push({ name: 'AUDIT_MAX_BACKOFF_MS', message: `must be at least AUDIT_BACKOFF_MS (${env.AUDIT_BACKOFF_MS})` });
  if (env.STALLED_INTERVAL_MS > env.LOCK_DURATION_MS)
    out.push({
      name: 'STALLED_INTERVAL_MS',
      message: `must be at most LOCK_DURATION_MS (${env.LOCK_DURATION_MS}), or stalled jobs wait long after their lock expired`,
    });
  return out;
}

export class ConfigError extends Error {}

/** Reads the environment; a bad value stops start-up with the variable named and why. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const issues = parsed.success
    ? inconsistencies(parsed.data)
    : parsed.error.issues.map((i) => ({ name: String(i.path[0]), message: i.message }));
  if (parsed.success && issues.length === 0) return parsed.data;
  const lines = issues.map((i) => `  ${i.name}: ${i.message} (got "${String(source[i.name] ?? '')}")`);
  throw new ConfigError(
    `invalid configuration; fix these environment variables (see .env.example):\n${lines.join('\n')}`,
  );
}

/** Tokens and secrets, for redaction in logs. */
export function secretsOf(env: Env): string[] {
  return [
    env.SLACK_BOT_TOKEN,
    env.SLACK_SIGNING_SECRET,
    env.SLACK_APP_TOKEN,
    env.SLACK_CLIENT_SECRET,
    env.SLACK_STATE_SECRET,
    env.DISCORD_TOKEN,
  ].filter((s): s is string => Boolean(s));
}
