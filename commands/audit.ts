import { z } from 'zod';
import { timeText } from '../src/reply/time.js';
import { auditReply, changeLine } from '../src/audit/audit-reply.js';
import { auditIdFor, type AuditSpec } from '../src/audit/audit-spec.js';
import type { AuditService } from '../src/audit/audit-service.js';
import { performAudit } from '../src/audit/perform.js';
import { parseSchedule } from '../src/audit/schedule.js';
import { PLAIN_CHANNELS, type ChannelRef } from '../src/reply/channel-syntax.js';
import { VERDICT_ICON, type Reply } from '../src/reply/document.js';
import { defineCommand, requireAdmin, UserError, type CommandContext } from './command.js';
import { fromStore } from './topology-source.js';

const name = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a topology name: letters, digits, - _ .');
const input = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('schedule'),
    name,
    schedule: z.string().max(200),
    channel: z.string().min(1).max(200).optional(),
    tz: z.string().min(1).max(64).optional(),
    quiet: z.boolean(),
  }),
  z.object({ action: z.literal('list') }),
  z.object({ action: z.literal('cancel'), id: z.string().min(1).max(100) }),
  z.object({ action: z.literal('run'), name }),
  z.object({ action: z.literal('history'), name }),
]);
type Input = z.infer<typeof input>;

const ACTIONS = ['schedule', 'list', 'cancel', 'run', 'history'];
const USAGE =
  'audit schedule NAME CRON [in #channel] [tz ZONE] [quiet] | audit list | audit cancel ID | audit run NAME | audit history NAME';
const SCHEDULE_EXAMPLE = 'Example: `audit schedule prod 0 9 * * 1-5 in #infra tz Europe/Bucharest quiet`';

/** A channel as the asking platform writes it (its module in adapters/ says how). */
function channelOf(ref: string, ctx: CommandContext): ChannelRef {
  const parsed = (ctx.channels ?? PLAIN_CHANNELS).parse(ref);
  if ('problem' in parsed) throw new UserError(parsed.problem, parsed.hint ?? SCHEDULE_EXAMPLE);
  return parsed;
}

function service(ctx: CommandContext): AuditService {
  if (!ctx.audits)
    throw new UserError(
      'Scheduled audits are not enabled where I run.',
      'Ask whoever runs the bot to run a worker with audits on.',
    );
  return ctx.audits;
}

function describe(spec: AuditSpec): string {
  const zone = 'tz' in spec.repeat ? ` (${spec.repeat.tz})` : '';
  return `\`${spec.scheduleText}\`${zone} in ${spec.channelLabel}${spec.quiet ? ', quiet' : ''}`;
}

async function schedule(i: Extract<Input, { action: 'schedule' }>, ctx: CommandContext): Promise<Reply> {
  requireAdmin(ctx, 'schedule audits');
  const audits = service(ctx);
  const tz = i.tz ?? audits.defaultTz;
  const parsed = parseSchedule(i.schedule, tz, audits.minIntervalMs);
  if (!parsed.ok) throw new UserError(parsed.message, `${parsed.hint}\n${SCHEDULE_EXAMPLE}`);
  if (!(await fromStore(() => ctx.store.exists(i.name))))
    throw new UserError(`No topology named "${i.name}" here; save it first with \`topology save ${i.name}\`.`);
  const here = ctx.target.channel;
  const where = i.channel
    ? channelOf(i.channel, ctx)
    : { channel: here, label: (ctx.channels ?? PLAIN_CHANNELS).label(here) };
  const refused = await audits.destination?.(ctx.target, where.channel);
  if (refused)
    throw new UserError(
      `I will not post audits in ${where.label}: ${refused}.`,
      'Schedule it in a channel of this server (pick it from the list as you type `#`).',
    );
  const id = auditIdFor(i.name, ctx.target.platform, where.channel);
  const spec: AuditSpec = {
    id,
    name: i.name,
    platform: ctx.target.platform,
    channel: where.channel,
    channelLabel: where.label,
    repeat: parsed.schedule.repeat,
    scheduleText: parsed.schedule.text,
    quiet: i.quiet,
    createdBy: ctx.requester,
    createdAt: new Date().toISOString(),
  };
  const tenant = audits.store.forTenant(ctx.tenant);
  const stored = await tenant.put(spec);
  const existed = stored === 'replaced';
  if (stored === 'full')
    throw new UserError(
      `This workspace already has ${audits.store.limits.maxAudits} audits, the most it may.`,
      'Cancel one with `audit cancel ID` (`audit list` shows them).',
    );
  const next = await audits.scheduler.upsert(ctx.tenant, spec);
  const upcoming = 'every' in spec.repeat ? [] : parsed.schedule.next;
  return {
    title: existed ? `Audit ${id} updated` : `Audit ${id} scheduled`,
    verdict: 'info',
    summary: `⏰ ${existed ? 'Updated' : 'Scheduled'} audit ${id}: ${i.name}, ${describe(spec)}`,
    fields: [
      { label: 'ID', value: id },
      { label: 'Topology', value: i.name },
      { label: 'Schedule', value: describe(spec) },
      { label: 'Posts', value: spec.quiet ? 'only when a finding is new or resolved' : 'every run' },
      ...(next ? [{ label: 'Next run', value: timeText(next) }] : []),
    ],
    ...(upcoming.length > 1
      ? {
          text: `Then: ${upcoming
            .slice(1)
            .map((d) => timeText(d))
            .join(', ')}`,
        }
      : {}),
    actions: [
      { label: 'Run now', command: `audit run ${i.name}` },
      { label: 'Cancel', command: `audit cancel ${id}` },
    ],
  };
}

function scheduleState(spec: AuditSpec, next: Date | undefined): string {
  if (spec.stopped) return `⏹️ stopped ${timeText(spec.stopped.at)}: ${spec.stopped.reason}`;
  return next ? `next ${timeText(next)}` : 'no next run';
}

async function list(ctx: CommandContext): Promise<Reply> {
  const audits = service(ctx);
  const { specs, broken } = await audits.store.forTenant(ctx.tenant).listAll();
  const next = await Promise.all(
    specs.map((s) => (s.stopped ? Promise.resolve(undefined) : audits.scheduler.next(ctx.tenant, s.id))),
  );
  return {
    title: 'Scheduled audits',
    verdict: 'info',
    summary: `⏰ ${specs.length} scheduled audit(s)${broken.length ? `, ${broken.length} unreadable` : ''}`,
    ...(specs.length + broken.length === 0 ? { text: `None yet. ${SCHEDULE_EXAMPLE}` } : {}),
    sections: [
      ...(specs.length
        ? [
            {
              heading: 'Audits',
              items: specs.map((s, n) => ({
                text: `${s.id}: ${s.name}, ${describe(s)}`,
                detail: scheduleState(s, next[n]),
              })),
            },
          ]
        : []),
      ...(broken.length
        ? [
            {
              heading: 'Unreadable (kept, with their schedules; not run until fixed)',
              severity: 'warning' as const,
              items: broken.map((b) => ({
                text: `${b.id}: ⚠️ broken, the stored audit does not parse`,
                detail: `${b.problem.slice(0, 300)}. \`audit cancel ${b.id}\` removes it.`,
              })),
            },
          ]
        : []),
    ],
  };
}

async function cancel(id: string, ctx: CommandContext): Promise<Reply> {
  requireAdmin(ctx, 'cancel audits');
  const audits = service(ctx);
  const tenant = audits.store.forTenant(ctx.tenant);
  // An unreadable audit can be cancelled too: it is the way out for its owner.
  const spec = await tenant.read(id);
  if (!spec) throw new UserError(`No audit with the id "${id.slice(0, 100)}" here.`, '`audit list` shows the ids.');
  await audits.scheduler.remove(ctx.tenant, id);
  await tenant.remove(id);
  return {
    title: `Audit ${id} cancelled`,
    verdict: 'info',
    summary: spec.ok
      ? `🛑 Cancelled audit ${id} (${spec.value.name}, ${describe(spec.value)})`
      : `🛑 Cancelled the unreadable audit ${id}`,
  };
}

async function runNow(topology: string, ctx: CommandContext): Promise<Reply> {
  const audits = service(ctx);
  const result = await performAudit({
    topologies: ctx.store,
    audits: audits.store.forTenant(ctx.tenant),
    name: topology,
    auditId: 'on request',
    runId: `run:${ctx.requestId}`,
    quiet: false,
    maxBytes: ctx.maxBytes,
    ...(ctx.today ? { today: ctx.today } : {}),
  });
  if (result === 'missing')
    throw new UserError(`No topology named "${topology}" here; \`topology list\` shows the saved ones.`);
  return auditReply(result.run);
}

async function history(topology: string, ctx: CommandContext): Promise<Reply> {
  const runs = await service(ctx).store.forTenant(ctx.tenant).history(topology);
  return {
    title: `Audits of ${topology}`,
    verdict: 'info',
    summary: `🕘 ${topology}: ${runs.length} audit(s) kept`,
    ...(runs.length === 0 ? { text: `No audits of ${topology} yet: \`audit run ${topology}\` runs one now.` } : {}),
    sections: runs.length
      ? [
          {
            heading: 'Newest first',
            items: runs.map((r) => ({
              text: `${timeText(r.at)} · v${r.version} · ${VERDICT_ICON[r.verdict]} ${r.summary}`,
              detail: `${changeLine(r)}${r.post ? '' : ' · quiet, not posted'} · ${r.auditId}`,
            })),
          },
        ]
      : [],
  };
}

export default defineCommand<Input>({
  name: 'audit',
  aliases: ['audits'],
  summary: 'Re-check a stored topology on a schedule and post what changed',
  usage: USAGE,
  examples: [
    'audit schedule prod 0 9 * * 1-5 in #infra tz Europe/Bucharest',
    'audit schedule prod every 4h quiet',
    'audit list',
    'audit run prod',
    'audit history prod',
  ],
  input,
  parse(args) {
    const words = args.trim().split(/\s+/).filter(Boolean);
    let action = (words.shift() ?? 'list').toLowerCase();
    // "audit prod": run it now.
    if (!ACTIONS.includes(action)) {
      words.unshift(action);
      action = 'run';
    }
    if (action !== 'schedule')
      return action === 'cancel' ? { action, id: words[0] } : { action, ...(words[0] ? { name: words[0] } : {}) };
    const [target, ...rest] = words;
    const when: string[] = [];
    let channel: string | undefined;
    let tz: string | undefined;
    let quiet = false;
    for (let k = 0; k < rest.length; k++) {
      const word = rest[k]!;
      const lower = word.toLowerCase();
      if (lower === 'in' && rest[k + 1]) channel = rest[++k];
      else if ((lower === 'tz' || lower === 'timezone') && rest[k + 1]) tz = rest[++k];
      else if (lower === 'quiet' || lower === 'quietly') quiet = true;
      else when.push(word);
    }
    return {
      action,
      name: target,
      schedule: when.join(' '),
      ...(channel ? { channel } : {}),
      ...(tz ? { tz } : {}),
      quiet,
    };
  },
  pending: (i) => {
    const words = {
      schedule: `Scheduling an audit of ${'name' in i ? i.name : ''}…`,
      list: 'Listing audits…',
      cancel: 'Cancelling the audit…',
      run: `Auditing ${'name' in i ? i.name : ''}…`,
      history: `Reading the audits of ${'name' in i ? i.name : ''}…`,
    };
    return words[i.action];
  },
  async run(i, ctx) {
    switch (i.action) {
      case 'schedule':
        return schedule(i, ctx);
      case 'list':
        return list(ctx);
      case 'cancel':
        return cancel(i.id, ctx);
      case 'run':
        return runNow(i.name, ctx);
      case 'history':
        return history(i.name, ctx);
    }
  },
});
