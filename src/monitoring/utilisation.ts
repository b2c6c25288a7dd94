import type { Resource } from '../sizing/catalog.js';
import type { TopologyNode } from '../topology/schema.js';
import type { Percentile } from './settings.js';
import type { LiveUsage } from './usage.js';

/** The utilisation the rules, sizing and what-if read for a node: live when there is some, else the file's. */
export interface Utilisation {
  values: Partial<Record<Resource, number>>;
  /** Where each value came from. */
  source: Partial<Record<Resource, 'live' | 'file'>>;
  percentile?: Percentile;
  window?: string;
}

export function nodeUtilisation(node: TopologyNode, usage: LiveUsage | undefined): Utilisation | undefined {
  const live = usage && !usage.failure ? usage.nodes[node.name] : undefined;
  const out: Utilisation = { values: {}, source: {} };
  for (const resource of ['cpu', 'memory', 'io'] as const) {
    const figure = live?.figures[resource];
    if (figure) {
      out.values[resource] = figure[usage!.percentile];
      out.source[resource] = 'live';
    } else if (node.metrics?.[resource] !== undefined) {
      out.values[resource] = node.metrics[resource];
      out.source[resource] = 'file';
    }
  }
  if (Object.keys(out.values).length === 0) return undefined;
  if (live) {
    out.percentile = usage!.percentile;
    out.window = usage!.window;
  }
  return out;
}

/** "p95 over 7d" for a live value, "from the file" otherwise. */
export function provenance(u: Utilisation, resource: Resource): string {
  return u.source[resource] === 'live' ? `${u.percentile} over ${u.window}` : 'from the file';
}
