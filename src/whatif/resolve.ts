import type { TopologyNode } from '../topology/schema.js';
import { nodeList, plural } from '../engine/node-list.js';
import { SHARED_LOAD } from './capacity.js';
import type { Count, Target } from './question.js';
import { LEVEL_RANK, type Outcome, type Simulator } from './simulate.js';

export type Resolution =
  | { ok: true; failed: Set<TopologyNode>; balancers: Set<string>; readAs: string[]; notes: string[] }
  | { ok: false; problem: string; candidates: string[] };

/** One thing that can fail together: a node, every node of a host or zone, or a balancer. */
export interface Unit {
  label: string;
  nodes: readonly TopologyNode[];
  balancer?: string;
}

/** Larger is worse: level, then customers hit, then dropped calls, then how many roles are hit. */
export function severity(o: Outcome): number[] {
  return [
    LEVEL_RANK[o.overall],
    o.customersHit.share,
    o.callsDropped ? 1 : 0,
    o.impacts.filter((i) => i.level !== 'none').length,
  ];
}

export function compareSeverity(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

class Problem extends Error {
  constructor(
    readonly problem: string,
    readonly candidates: string[] = [],
  ) {
    super(problem);
  }
}

const names = (nodes: readonly TopologyNode[]) =>
  nodeList(
    nodes.map((n) => n.name),
    8,
  );

function domainUnits(sim: Simulator, kind: 'host' | 'zone'): Unit[] {
  const groups = new Map<string, TopologyNode[]>();
  for (const n of sim.topology.nodes) {
    const key = n[kind];
    if (key === undefined) continue;
    const list = groups.get(key) ?? [];
    list.push(n);
    groups.set(key, list);
  }
  return [...groups].map(([name, nodes]) => ({ label: `${kind} ${name}`, nodes }));
}

export function unitsOf(sim: Simulator, kind: 'node' | 'host' | 'zone' | 'balancer'): Unit[] {
  if (kind === 'node') return sim.topology.nodes.map((n) => ({ label: `node ${n.name}`, nodes: [n] }));
  if (kind === 'balancer')
    return (sim.topology.loadBalancers ?? []).map((lb) => ({
      label: `load balancer ${lb.name}`,
      nodes: [],
      balancer: lb.name,
    }));
  return domainUnits(sim, kind);
}

const SIGNATURES = new WeakMap<TopologyNode, string>();

function signature(sim: Simulator, node: TopologyNode): string {
  let key = SIGNATURES.get(node);
  if (key === undefined) {
    const roles = [...new Set(node.roles)].sort();
    key = [
      roles.join(','),
      roles.some((r) => r.startsWith('sql-')) ? sim.ctx.shard(node) : '',
      node.ha ?? 'none',
      roles.includes('web')
        ? sim.ctx
            .balancersOf(node.name)
            .map((lb) => lb.name)
            .join(',')
        : '',
      roles.includes('worker') ? (node.metrics?.cpu ?? '') : '',
      // With live figures a survivor's load decides the level, so nodes carrying different loads differ.
      sim.ctx.usage && roles.some((r) => SHARED_LOAD.includes(r)) ? liveLoad(sim, node) : '',
    ].join('|');
    SIGNATURES.set(node, key);
  }
  return key;
}

function liveLoad(sim: Simulator, node: TopologyNode): string {
  const u = sim.ctx.utilisation(node);
  return `${u?.values.cpu ?? ''},${u?.values.memory ?? ''}`;
}

/**
 * Single nodes that would hurt alike: the same roles, shard, protection, balancers and (for workers) load.
 * Of such a group only the node with the most customers can be the worst (ties: the first in the file),
 * so a role of hundreds of nodes costs one simulation per group, not one per node.
 */
function representatives(sim: Simulator, units: readonly Unit[]): number[] {
  const best = new Map<string, number>();
  const out: number[] = [];
  units.forEach((unit, i) => {
    const node = unit.nodes[0];
    if (unit.balancer || unit.nodes.length !== 1 || !node) {
      out.push(i);
      return;
    }
    const key = signature(sim, node);
    const seen = best.get(key);
    if (seen === undefined || (node.customers ?? 0) > (units[seen]!.nodes[0]!.customers ?? 0)) best.set(key, i);
  });
  return [...out, ...best.values()].sort((a, b) => a - b);
}

/**
 * Picks `count` units, worst first, on top of what already fails: the catalogue's worst case for "a PBX
 * node" or "2 SIP nodes". Greedy: each pick is the one that hurts most given the picks before it.
 */
function worstUnits(
  sim: Simulator,
  pool: readonly Unit[],
  count: number,
  failed: Set<TopologyNode>,
  balancers: Set<string>,
): Unit[] {
  const chosen: Unit[] = [];
  const left = [...pool];
  for (let k = 0; k < count && left.length; k++) {
    let best = 0;
    let bestScore: number[] | undefined;
    representatives(sim, left).forEach((i) => {
      const unit = left[i]!;
      const f = new Set(failed);
      unit.nodes.forEach((n) => f.add(n));
      const b = unit.balancer ? new Set([...balancers, unit.balancer]) : balancers;
      const score = severity(sim.run(f, b));
      if (!bestScore || compareSeverity(score, bestScore) > 0) {
        best = i;
        bestScore = score;
      }
    });
    const unit = left.splice(best, 1)[0]!;
    chosen.push(unit);
    unit.nodes.forEach((n) => failed.add(n));
    if (unit.balancer) balancers.add(unit.balancer);
  }
  return chosen;
}

function checkCount(count: Count, total: number | undefined, available: number, label: string, many: string): void {
  if (total !== undefined && total !== available) {
    throw new Problem(
      `the question counts ${total} ${many}, but there ${available === 1 ? 'is' : 'are'} ${plural(available, label, many)}`,
      [
        `all ${available} ${many}`,
        ...(typeof count === 'number' && count < available ? [`${count} of the ${available} ${many}`] : []),
      ],
    );
  }
  if (typeof count === 'number' && count > available) {
    throw new Problem(
      `the question asks for ${count} ${many}, but there ${available === 1 ? 'is' : 'are'} only ${available}`,
      [`all ${available} ${many}`],
    );
  }
}

const customersOf = (nodes: readonly TopologyNode[]) =>
  nodes.every((n) => n.customers !== undefined) && nodes.length
    ? `, ${nodes.reduce((s, n) => s + (n.customers ?? 0), 0)} customers`
    : '';

/** Matches what a question names to the nodes and balancers that fail, and says how it read each part. */
export function resolveTargets(targets: readonly Target[], sim: Simulator): Resolution {
  const failed = new Set<TopologyNode>();
  const balancers = new Set<string>();
  const readAs: string[] = [];
  const notes: string[] = [];
  const { topology, ctx } = sim;
  // Named things first, so that "sip-1 and a PBX node" picks the worst PBX node given sip-1 is down.
  const ordered = [
    ...targets.filter((t) => t.kind !== 'role' && t.kind !== 'any'),
    ...targets.filter((t) => t.kind === 'role' || t.kind === 'any'),
  ];
  try {
    for (const target of ordered) {
      switch (target.kind) {
        case 'node': {
          const node = topology.nodes.find((n) => n.name === target.name)!;
          failed.add(node);
          readAs.push(`node ${node.name} (${node.roles.join(', ')})`);
          break;
        }
        case 'host':
        case 'zone': {
          const hit = topology.nodes.filter((n) => n[target.kind] === target.name);
          hit.forEach((n) => failed.add(n));
          readAs.push(`${target.kind} ${target.name}: ${names(hit)}`);
          break;
        }
        case 'balancer':
          balancers.add(target.name);
          readAs.push(`load balancer ${target.name}`);
          break;
        case 'role': {
          const family = target.roles.length > 1 ? 'sql' : target.role;
          const scope = `${target.shard !== undefined ? ` of shard ${target.shard}` : ''}${target.within ? ` in ${target.within.kind} ${target.within.name}` : ''}`;
          const label = `${family} node${scope}`;
          const many = `${family} nodes${scope}`;
          const pool = ctx.nodes.filter(
            (n) =>
              target.roles.some((r) => ctx.has(n, r)) &&
              (target.shard === undefined || ctx.shard(n) === target.shard) &&
              (!target.within || n[target.within.kind as 'host' | 'zone'] === target.within.name),
          );
          if (pool.length === 0) {
            const anywhere = ctx.nodes.filter((n) => target.roles.some((r) => ctx.has(n, r)));
            throw new Problem(
              `no node runs ${family}${scope} in ${topology.name}`,
              anywhere.length && scope ? [`all ${anywhere.length} ${family} nodes`] : [],
            );
          }
          checkCount(target.count, target.total, pool.length, label, many);
          if (target.count === 'all' || target.count >= pool.length) {
            pool.forEach((n) => failed.add(n));
            readAs.push(
              pool.length === 1 ? `the only ${label}: ${pool[0]!.name}` : `all ${pool.length} ${many}: ${names(pool)}`,
            );
            break;
          }
          const picked = worstUnits(
            sim,
            pool.filter((n) => !failed.has(n)).map((n) => ({ label: n.name, nodes: [n] })),
            target.count,
            failed,
            balancers,
          ).flatMap((u) => u.nodes);
          readAs.push(
            `${target.count} of the ${pool.length} ${many}, worst case: ${names(picked)}${customersOf(picked)}`,
          );
          notes.push(
            `worst case: of the ${pool.length} ${many}, the question's ${target.count} ${target.count === 1 ? 'is' : 'are'} taken to be ${names(picked)}`,
          );
          break;
        }
        case 'any': {
          const pool = unitsOf(sim, target.of);
          const what = target.of === 'balancer' ? 'load balancer' : target.of;
          if (pool.length === 0)
            throw new Problem(
              target.of === 'balancer'
                ? `${topology.name} has no load balancer`
                : `no node declares a ${target.of} in ${topology.name}`,
            );
          checkCount(target.count, target.total, pool.length, what, `${what}s`);
          const count = target.count === 'all' ? pool.length : target.count;
          const picked = worstUnits(sim, pool, count, failed, balancers);
          const detail = (u: Unit) => (u.balancer ? u.label : `${u.label} (${names(u.nodes)})`);
          if (count === pool.length) readAs.push(`every ${what}: ${picked.map(detail).join(', ')}`);
          else if (count === 1) readAs.push(`the worst single ${what}: ${detail(picked[0]!)}`);
          else readAs.push(`the worst ${count} of the ${pool.length} ${what}s: ${picked.map(detail).join(', ')}`);
          break;
        }
      }
    }
  } catch (error) {
    if (error instanceof Problem) return { ok: false, problem: error.problem, candidates: error.candidates };
    throw error;
  }
  return { ok: true, failed, balancers, readAs, notes };
}
