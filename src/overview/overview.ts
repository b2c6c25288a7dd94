import type { TenantAudits } from '../audit/audit-store.js';
import { checkTextCached } from '../engine/memo.js';
import { summaryLine, verdictOf } from '../format/verdict.js';
import type { Verdict } from '../reply/document.js';
import type { TenantTopologies } from '../store/topology-store.js';

/** A stored topology as the overview shows it: its newest version, who saved it, and how it checks now. */
export interface TopologyLine {
  name: string;
  version: number;
  savedBy: string;
  savedAt: string;
  verdict: Verdict;
  /** "0 errors, 1 warning, 2 info", or why it could not be checked. */
  summary: string;
}

/** A scheduled audit: its schedule, where it posts, when it runs next, or why it stopped. */
export interface AuditLine {
  id: string;
  name: string;
  schedule: string;
  channelLabel: string;
  quiet: boolean;
  next?: Date;
  stopped?: { reason: string; at: string };
}

/** What a team's App Home (Slack) or `/voipnow status` (Discord) shows. */
export interface Overview {
  topologies: TopologyLine[];
  /** Stored topologies past the shown ones (the views have room for a few dozen). */
  moreTopologies: number;
  /** Undefined where audits are not enabled. */
  audits?: AuditLine[];
  moreAudits: number;
}

export interface OverviewSources {
  topologies: TenantTopologies;
  audits?: { store: TenantAudits; next(auditId: string): Promise<Date | undefined> };
  maxBytes: number;
  today?: string;
  /** At most this many topologies and audits each. */
  limit?: number;
}

async function topologyLine(
  store: TenantTopologies,
  name: string,
  maxBytes: number,
  today: string | undefined,
): Promise<TopologyLine | undefined> {
  const pair = await store.latestPair(name).catch(() => undefined);
  // Deleted between the listing and this read.
  if (!pair) return undefined;
  const { latest, previous } = pair;
  // The same check a `check NAME` runs (previous version as baseline); memoised, so cheap on refresh.
  const result = checkTextCached(latest.text, {
    maxBytes,
    config: await store.settings().engine(),
    ...(previous ? { baselineText: previous.text } : {}),
    ...(today ? { today } : {}),
  });
  return {
    name,
    version: latest.version,
    savedBy: latest.author,
    savedAt: latest.savedAt,
    verdict: result.valid ? verdictOf(result.summary) : 'error',
    summary: result.valid ? summaryLine(result.summary) : 'does not parse any more',
  };
}

/** Reads a tenant's overview from the topology and audit stores. */
export async function loadOverview(s: OverviewSources): Promise<Overview> {
  const limit = s.limit ?? 20;
  const names = await s.topologies.list();
  const lines = await Promise.all(
    names.slice(0, limit).map((t) => topologyLine(s.topologies, t.name, s.maxBytes, s.today)),
  );
  const overview: Overview = {
    topologies: lines.filter((l): l is TopologyLine => l !== undefined),
    moreTopologies: Math.max(0, names.length - limit),
    moreAudits: 0,
  };
  if (!s.audits) return overview;
  const audits = s.audits;
  const specs = await audits.store.list();
  overview.moreAudits = Math.max(0, specs.length - limit);
  overview.audits = await Promise.all(
    specs.slice(0, limit).map(async (spec) => {
      const next = spec.stopped ? undefined : await audits.next(spec.id).catch(() => undefined);
      const zone = 'tz' in spec.repeat ? ` (${spec.repeat.tz})` : '';
      return {
        id: spec.id,
        name: spec.name,
        schedule: `${spec.scheduleText}${zone}`,
        channelLabel: spec.channelLabel,
        quiet: spec.quiet,
        ...(next ? { next } : {}),
        ...(spec.stopped ? { stopped: spec.stopped } : {}),
      };
    }),
  );
  return overview;
}
