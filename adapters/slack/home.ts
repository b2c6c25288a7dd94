import type { WebClient } from '@slack/web-api';
import { slackTime } from './time.js';
import type { Logger } from '../../src/ops/logger.js';
import type { AuditLine, Overview, TopologyLine } from '../../src/overview/overview.js';
import { VERDICT_ICON } from '../../src/reply/document.js';
import { tenantHash } from '../../src/store/topology-store.js';
import { escapeMrkdwn } from './text.js';

/** The Home tab's buttons; each value is a topology name or an audit id. */
export const HOME_ACTION = {
  check: 'voipnow_home_check',
  whatif: 'voipnow_home_whatif',
  run: 'voipnow_home_audit_run',
  cancel: 'voipnow_home_audit_cancel',
  upload: 'voipnow_home_upload',
  save: 'voipnow_home_save',
} as const;

/** A Home view holds at most 100 blocks. */
const MAX_BLOCKS = 100;

type Block = Record<string, unknown>;

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const button = (text: string, action: string, value: string, style?: 'primary' | 'danger') => ({
  type: 'button',
  text: plain(text),
  action_id: action,
  value,
  ...(style ? { style } : {}),
});

/** A time every viewer reads in their own time zone: Slack formats `<!date^…>` per reader. */
export function slackDate(at: Date | string): string {
  return slackTime(Math.floor(new Date(at).getTime() / 1000));
}

function topologyBlocks(t: TopologyLine): Block[] {
  return [
    {
      type: 'section',
      block_id: `topology:${t.name}`,
      text: {
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(t.name)}* v${t.version} · ${VERDICT_ICON[t.verdict]} ${escapeMrkdwn(t.summary)}\nsaved by <@${escapeMrkdwn(t.savedBy)}> ${slackDate(t.savedAt)}`,
      },
    },
    {
      type: 'actions',
      block_id: `topology-actions:${t.name}`,
      elements: [
        button('Check', HOME_ACTION.check, t.name),
        button('What if…', HOME_ACTION.whatif, t.name),
        button('Run audit now', HOME_ACTION.run, t.name),
      ],
    },
  ];
}

function auditBlock(a: AuditLine, admin: boolean): Block {
  let state = a.next ? `next run ${slackDate(a.next)}` : 'no next run';
  if (a.stopped) state = `⏹️ stopped ${slackDate(a.stopped.at)}: ${escapeMrkdwn(a.stopped.reason)}`;
  return {
    type: 'section',
    block_id: `audit:${a.id}`,
    text: {
      type: 'mrkdwn',
      text: `*${escapeMrkdwn(a.name)}* · \`${escapeMrkdwn(a.schedule)}\` in ${a.channelLabel}${a.quiet ? ', quiet' : ''}\n${state} · id ${escapeMrkdwn(a.id)}`,
    },
    // Cancelling changes what the whole team gets: only admins see the button (and the command checks again).
    ...(admin ? { accessory: button('Cancel', HOME_ACTION.cancel, a.id, 'danger') } : {}),
  };
}

/** The App Home view of an overview, for one viewer (admins see the admin-only buttons). */
export function renderHome(o: Overview, viewer: { admin: boolean }): { type: 'home'; blocks: Block[] } {
  const blocks: Block[] = [
    { type: 'header', text: plain('VoipNow topologies') },
    {
      type: 'actions',
      block_id: 'home-upload',
      elements: [
        button('Check a file…', HOME_ACTION.upload, 'check', 'primary'),
        ...(viewer.admin ? [button('Save a topology…', HOME_ACTION.save, 'save')] : []),
      ],
    },
  ];
  if (o.topologies.length === 0)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Nothing stored yet: *Save a topology…*, or `/voipnow topology save NAME`.' }],
    });
  for (const t of o.topologies) blocks.push(...topologyBlocks(t));
  if (o.moreTopologies)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${o.moreTopologies} more: \`/voipnow topology list\`` }],
    });
  blocks.push({ type: 'divider' }, { type: 'header', text: plain('Scheduled audits') });
  if (!o.audits)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Scheduled audits are not enabled where I run.' }],
    });
  else if (o.audits.length === 0)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'None yet: `/voipnow audit schedule NAME 0 9 * * 1-5 in #channel`.' }],
    });
  for (const a of o.audits ?? []) blocks.push(auditBlock(a, viewer.admin));
  if (o.moreAudits)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${o.moreAudits} more: \`/voipnow audit list\`` }],
    });
  if (blocks.length > MAX_BLOCKS) {
    blocks.length = MAX_BLOCKS - 1;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'More than fits here: `/voipnow help`.' }] });
  }
  return { type: 'home', blocks };
}

export interface HomePublisherOptions {
  clientFor(team: string): Promise<WebClient>;
  overviewFor(tenant: string): Promise<Overview>;
  isAdmin(client: WebClient, user: string): Promise<boolean>;
  logger: Logger;
  /** Changes within this long of each other are published once. */
  debounceMs: number;
  /** Viewers remembered per workspace for refreshes (the most recent ones). */
  maxViewers?: number;
}

/**
 * Publishes the Home tab: when a person opens it, and again for the people who have opened it when
 * the workspace's topologies or audits change. Changes are coalesced per workspace, and a refresh
 * publishes one view at a time, which keeps a burst of saves within `views.publish`'s rate tier
 * (the client waits out any 429 itself).
 */
export class HomePublisher {
  private readonly viewers = new Map<string, Set<string>>();
  private readonly teamsByHash = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly o: HomePublisherOptions) {}

  /** Someone opened the Home tab: publish for them, and remember them for refreshes. */
  async opened(team: string, user: string, client?: WebClient): Promise<void> {
    const seen = this.viewers.get(team) ?? new Set<string>();
    seen.delete(user);
    seen.add(user);
    for (const oldest of seen) {
      if (seen.size <= (this.o.maxViewers ?? 50)) break;
      seen.delete(oldest);
    }
    this.viewers.set(team, seen);
    this.teamsByHash.set(tenantHash(`slack:${team}`), team);
    await this.publish(team, user, client);
  }

  async publish(team: string, user: string, client?: WebClient): Promise<void> {
    const c = client ?? (await this.o.clientFor(team));
    const [overview, admin] = await Promise.all([
      this.o.overviewFor(`slack:${team}`),
      this.o.isAdmin(c, user).catch(() => false),
    ]);
    await c.views.publish({ user_id: user, view: renderHome(overview, { admin }) as never });
  }

  /** A tenant's stored data changed (by its key hash); undefined: maybe any tenant's. */
  changed(hash: string | undefined): void {
    const teams = hash === undefined ? [...this.viewers.keys()] : [this.teamsByHash.get(hash)].filter(Boolean);
    for (const team of teams as string[]) {
      if (this.timers.has(team)) continue;
      this.timers.set(
        team,
        setTimeout(() => {
          this.timers.delete(team);
          void this.refresh(team);
        }, this.o.debounceMs),
      );
    }
  }

  private async refresh(team: string): Promise<void> {
    // One refresh per workspace at a time; a change meanwhile schedules the next.
    await this.running.get(team);
    const run = (async () => {
      for (const user of [...(this.viewers.get(team) ?? [])]) {
        await this.publish(team, user).catch((error: unknown) =>
          this.o.logger.warn({ team, user, err: (error as Error).message }, 'home refresh failed'),
        );
      }
    })();
    this.running.set(team, run);
    await run;
    if (this.running.get(team) === run) this.running.delete(team);
  }

  /** The workspace uninstalled the app: no more refreshes there. */
  forget(team: string): void {
    this.viewers.delete(team);
    clearTimeout(this.timers.get(team));
    this.timers.delete(team);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
