import { liveUsageFor } from '../src/monitoring/live.js';
import type { LiveUsage } from '../src/monitoring/usage.js';
import type { Topology } from '../src/topology/schema.js';
import type { CommandContext } from './command.js';

/**
 * Live figures for a chat command: only from the endpoint an admin set for the tenant
 * (`config prometheus URL`). A file's own `monitoring.prometheus` is not followed in chat — anyone
 * may upload a file, and the bot must not be pointed at arbitrary hosts — but its mapping and
 * window are used.
 */
export async function chatUsage(
  ctx: CommandContext,
  topology: Topology,
  options: { timeline?: boolean } = {},
): Promise<LiveUsage | undefined> {
  const prometheus = (await ctx.store.settings().current())?.settings.monitoring?.prometheus;
  if (!prometheus) return undefined;
  return liveUsageFor(topology, {
    url: prometheus,
    env: ctx.env ?? process.env,
    now: ctx.now?.() ?? new Date(),
    ...(options.timeline ? { timeline: true } : {}),
  });
}

/** The "why?" of a live figure: one line per resource query, with window and step. */
export function whyText(usage: LiveUsage): string {
  return [
    `Live figures from ${usage.endpoint}: ${usage.percentile} over ${usage.window} ending ${usage.end}, step ${usage.step}, one range query per resource (${usage.queries} sent).`,
    ...(usage.failure ? [`The endpoint failed: ${usage.failure}`] : []),
    ...usage.explain.map((e) => `${e.resource}: ${e.promql}`),
  ].join('\n');
}
