import type { Topology, TopologyNode } from '../topology/schema.js';
import type { RoleId } from '../topology/roles.js';
import {
  INSTANCE_TYPES,
  LEVEL_RANK,
  roleProfile,
  roleReference,
  STORAGE_RANK,
  type InstanceType,
  type Resource,
  type StorageKind,
} from './catalog.js';
import { resolveResources, type ResolvedResources } from './resources.js';
import { scalingAdvice } from './scaling.js';
import { describeNeeds, nodeNeeds, shortfalls, type Needs } from './needs.js';

export interface NodeSizing {
  node: string;
  roles: RoleId[];
  have?: ResolvedResources;
  instanceType?: string;
  /** What the node's roles need together: the sum of their references (the seed's profiles). */
  needs: { vcpus: number; memoryGiB: number; storage: StorageKind };
  /** The needs in words: "16 vCPU, 64 GiB, ssd or faster storage". */
  needsText: string;
  references: { role: RoleId; seedExample: string; type: string; current: string }[];
  recommended?: string;
  status: 'ok' | 'undersized' | 'unknown';
  advice: string[];
}

export interface SizingReport {
  topology: string;
  nodes: NodeSizing[];
}

function family(roles: readonly RoleId[]): string[] {
  const profiles = roles.map((r) => roleProfile(r)).filter((p) => p !== undefined);
  const high = (res: Resource) => profiles.some((p) => LEVEL_RANK[p[res]] >= LEVEL_RANK.high);
  if (high('io')) return ['i4i', 'i3'];
  if (high('cpu') && high('memory')) return ['m7i', 'm6i', 'm5'];
  if (high('memory')) return ['r6i', 'r5'];
  if (high('cpu')) return ['c7i', 'c6i', 'c5'];
  return ['t3', 'm7i'];
}

function smallestFitting(families: readonly string[], needs: Needs): InstanceType | undefined {
  const fits = (t: InstanceType) =>
    t.generation === 'current' &&
    t.vcpus >= needs.vcpus &&
    t.memoryGiB >= needs.memoryGiB &&
    STORAGE_RANK[t.storage] >= STORAGE_RANK[needs.storage];
  const bySize = (a: InstanceType, b: InstanceType) => a.vcpus - b.vcpus || a.memoryGiB - b.memoryGiB;
  for (const fam of families) {
    const found = INSTANCE_TYPES.filter((t) => t.family === fam && fits(t)).sort(bySize)[0];
    if (found) return found;
  }
  return INSTANCE_TYPES.filter(fits).sort(bySize)[0];
}

function sizeNode(node: TopologyNode, topology: Topology): NodeSizing {
  const roles = [...new Set(node.roles)];
  const have = resolveResources(node);
  const needs = nodeNeeds(roles);
  const references = roles.flatMap((role) => {
    const ref = roleReference(role);
    return ref ? [{ role, seedExample: ref.seedExample, type: ref.type.type, current: ref.current.type }] : [];
  });
  const recommended = references.length ? smallestFitting(family(roles), needs)?.type : undefined;
  const advice: string[] = [];
  let status: NodeSizing['status'] = 'unknown';
  if (needs.parts.length === 0) {
    advice.push(`no sizing reference for ${roles.join(', ')} in the role guide`);
  } else if (have) {
    const short = shortfalls(have, needs);
    status = short.length ? 'undersized' : 'ok';
    if (short.length)
      advice.push(
        `below the reference for its roles: ${short.join(', ')}${recommended ? `; consider ${recommended}` : ''}`,
      );
    if (have.vcpus === undefined || have.memoryGiB === undefined)
      advice.push(
        `declares ${[have.vcpus !== undefined ? 'vCPUs' : '', have.memoryGiB !== undefined ? 'memory' : '', have.storage ? 'storage' : ''].filter(Boolean).join(' and ')} only; declare vcpus and memoryGiB (or a known instance type) to compare the rest`,
      );
  } else {
    advice.push(
      `no resources declared${node.instanceType ? ` and instance type ${node.instanceType} is not in the catalogue` : ''}; ${recommended ? `${recommended} fits its roles` : 'declare resources to compare'}`,
    );
  }
  const busy = (['cpu', 'memory', 'io'] as const).filter((r) => (node.metrics?.[r] ?? 0) >= 0.8);
  if (busy.length) {
    const slaves = topology.nodes.filter(
      (n) => n.roles.includes('sql-slave') && (n.shard ?? 1) === (node.shard ?? 1),
    ).length;
    advice.push(
      `busy (${busy.map((r) => `${r} ${Math.round(node.metrics![r]! * 100)} %`).join(', ')}): ${scalingAdvice(roles, slaves)}`,
    );
  } else if (!node.metrics) {
    advice.push('no metrics: monitor the node to know when to scale');
  }
  return {
    node: node.name,
    roles,
    ...(have ? { have } : {}),
    ...(node.instanceType ? { instanceType: node.instanceType } : {}),
    needs: { vcpus: needs.vcpus, memoryGiB: needs.memoryGiB, storage: needs.storage },
    needsText: describeNeeds(needs),
    references,
    ...(recommended ? { recommended } : {}),
    status,
    advice,
  };
}

/** Per-node sizing advice from the seed's role profiles and reference sizes. Pure. */
export function sizeTopology(topology: Topology): SizingReport {
  return { topology: topology.name, nodes: topology.nodes.map((n) => sizeNode(n, topology)) };
}
