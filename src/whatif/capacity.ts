import type { RuleContext } from '../engine/context.js';
import { nodeList } from '../engine/node-list.js';
import type { Resource } from '../sizing/catalog.js';
import type { RoleId } from '../topology/roles.js';
import type { TopologyNode } from '../topology/schema.js';

/** Roles whose load moves onto the survivors when nodes are lost. */
export const SHARED_LOAD: readonly RoleId[] = ['sip', 'pbx', 'worker', 'web'];
const MOVED: readonly Resource[] = ['cpu', 'memory'];

export interface SurvivorLoad {
  node: string;
  resource: Resource;
  /** Utilisation before and after the lost nodes' load is spread, 0..1 (after may exceed 1). */
  before: number;
  after: number;
  /** "p95 over 7d" or "from the file". */
  basis: string;
}

export interface Capacity {
  survivors: SurvivorLoad[];
  /** Survivors pushed past 100 % of a resource. */
  overloaded: string[];
}

/** What a survivor above 100 % means per role: the documented reading (README, "Capacity-aware what-if"). */
export const OVERLOAD_READING: Partial<Record<RoleId, string>> = {
  worker: 'requests queue up on the surviving workers',
  web: 'the surviving web nodes slow down or refuse requests',
  sip: 'the lost group is re-registered on SIP nodes that cannot carry it, so the surviving customers lose service as well: the outage is no longer one group',
  pbx: 'the lost group’s new calls land on PBX nodes that cannot carry them, so calls of the surviving customers drop or are refused as well: the outage is no longer one group',
};

function weight(ctx: RuleContext, node: TopologyNode, resource: Resource): number | undefined {
  const r = ctx.resources(node);
  return resource === 'cpu' ? r?.vcpus : r?.memoryGiB;
}

/**
 * Moves the lost nodes' load onto the survivors of the role, in proportion to their size (vCPUs
 * for CPU, memory for memory; equal shares when sizes are not all known). Undefined when no
 * resource has figures for every node of the role.
 */
export function survivorLoad(role: RoleId, ctx: RuleContext, failed: ReadonlySet<TopologyNode>): Capacity | undefined {
  const all = ctx.byRole(role);
  const lost = all.filter((n) => failed.has(n));
  const alive = all.filter((n) => !failed.has(n));
  if (lost.length === 0 || alive.length === 0) return undefined;
  const survivors: SurvivorLoad[] = [];
  for (const resource of MOVED) {
    const used = all.map((n) => ctx.utilisation(n));
    // The load that moves must be known; a survivor without figures still takes its share of it.
    if (all.some((n, i) => failed.has(n) && used[i]?.values[resource] === undefined)) continue;
    const weights = all.map((n) => weight(ctx, n, resource));
    const sized = weights.every((w) => w !== undefined && w > 0);
    const w = (i: number) => (sized ? weights[i]! : 1);
    let moved = 0;
    let room = 0;
    all.forEach((n, i) => {
      if (failed.has(n)) moved += used[i]!.values[resource]! * w(i);
      else room += w(i);
    });
    all.forEach((n, i) => {
      const u = used[i];
      const before = u?.values[resource];
      if (failed.has(n) || !u || before === undefined) return;
      survivors.push({
        node: n.name,
        resource,
        before,
        after: before + moved / room,
        basis: u.source[resource] === 'live' ? `${u.percentile} over ${u.window}` : 'from the file',
      });
    });
  }
  if (survivors.length === 0) return undefined;
  const overloaded = [...new Set(survivors.filter((s) => s.after > 1).map((s) => s.node))];
  return { survivors, overloaded };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

export function describeOverload(role: RoleId, capacity: Capacity): string {
  const worst = capacity.survivors
    .filter((s) => s.after > 1)
    .map((s) => `${s.node} ${s.resource} ${pct(s.before)} → ${pct(s.after)}`);
  return `Survivors would run above 100 % (${nodeList(worst, 4)}): ${OVERLOAD_READING[role] ?? 'the service slows down'}.`;
}

/** One line per survivor and resource: "sip-2 cpu 50 % → 105 % (p95 over 7d)". */
export function survivorLines(capacity: Capacity): string[] {
  return capacity.survivors.map(
    (s) => `${s.node} ${s.resource} ${pct(s.before)} → ${pct(s.after)}${s.after > 1 ? ' OVER' : ''} (${s.basis})`,
  );
}
