import type { Topology } from '../topology/schema.js';
import { PrometheusClient } from './client.js';
import { collectUsage } from './collect.js';
import { credentialsFromEnv, resolveSettings, type Percentile } from './settings.js';
import type { LiveUsage } from './usage.js';

export interface LiveRequest {
  /** An endpoint named outside the file (CLI flag, tenant setting); wins over `monitoring.prometheus`. */
  url?: string;
  window?: string;
  percentile?: Percentile;
  env: NodeJS.ProcessEnv;
  now: Date;
  timeoutMs?: number;
  maxBytes?: number;
  /** Keep the series over the window for a chart. */
  timeline?: boolean;
}

/**
 * Live figures for a topology when an endpoint is named (by the request or the file), else
 * undefined. Endpoint failures come back inside the usage, never as exceptions.
 */
export async function liveUsageFor(topology: Topology, request: LiveRequest): Promise<LiveUsage | undefined> {
  const settings = resolveSettings(topology.monitoring, {
    ...(request.url ? { url: request.url } : {}),
    ...(request.window ? { window: request.window } : {}),
    ...(request.percentile ? { percentile: request.percentile } : {}),
  });
  if (!settings) return undefined;
  const credentials = credentialsFromEnv(request.env);
  const client = new PrometheusClient({
    url: settings.url,
    ...(credentials ? { credentials } : {}),
    ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
    ...(request.maxBytes ? { maxBytes: request.maxBytes } : {}),
  });
  return collectUsage(topology, settings, client, request.now, request.timeline ? { timeline: true } : {});
}
