import type { LoadBalancer, Topology, TopologyNode } from '../topology/schema.js';
import type { RoleId } from '../topology/roles.js';
import { resolveResources, type ResolvedResources } from '../sizing/resources.js';
import type { LiveUsage } from '../monitoring/usage.js';
import { nodeUtilisation, type Utilisation } from '../monitoring/utilisation.js';

/** Indexes built once per check so that every rule is linear in the node count. */
export interface RuleContext {
  topology: Topology;
  baseline?: Topology;
  nodes: readonly TopologyNode[];
  byRole(role: RoleId): readonly TopologyNode[];
  has(node: TopologyNode, role: RoleId): boolean;
  /** Load balancers whose targets include the node. */
  balancersOf(name: string): readonly LoadBalancer[];
  resources(node: TopologyNode): ResolvedResources | undefined;
  /** SQL shard of a node (default 1). */
  shard(node: TopologyNode): number;
  /** Live figures from the monitoring endpoint, when the check was given some. */
  usage?: LiveUsage;
  /** The node's utilisation: live figures where there are some, else the file's `metrics:`. */
  utilisation(node: TopologyNode): Utilisation | undefined;
}

export function createContext(topology: Topology, baseline?: Topology, usage?: LiveUsage): RuleContext {
  const byRole = new Map<RoleId, TopologyNode[]>();
  const roleSets = new Map<TopologyNode, Set<RoleId>>();
  for (const node of topology.nodes) {
    const set = new Set(node.roles);
    roleSets.set(node, set);
    for (const role of set) {
      let list = byRole.get(role);
      if (!list) byRole.set(role, (list = []));
      list.push(node);
    }
  }
  const balancers = new Map<string, LoadBalancer[]>();
  for (const lb of topology.loadBalancers ?? []) {
    for (const target of new Set(lb.targets)) {
      let list = balancers.get(target);
      if (!list) balancers.set(target, (list = []));
      list.push(lb);
    }
  }
  return {
    topology,
    ...(baseline ? { baseline } : {}),
    nodes: topology.nodes,
    byRole: (role) => byRole.get(role) ?? [],
    has: (node, role) => roleSets.get(node)?.has(role) ?? node.roles.includes(role),
    balancersOf: (name) => balancers.get(name) ?? [],
    resources: (node) => resolveResources(node),
    shard: (node) => node.shard ?? 1,
    ...(usage ? { usage } : {}),
    utilisation: (node) => nodeUtilisation(node, usage),
  };
}

/** A cluster of n voting nodes tolerates floor((n-1)/2) failures. */
export function quorumTolerance(n: number): number {
  return n <= 0 ? 0 : Math.floor((n - 1) / 2);
}
