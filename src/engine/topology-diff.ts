import type { Topology, TopologyNode } from '../topology/schema.js';
import type { Finding } from './finding.js';
import { findingKey } from './finding-identity.js';

export interface NodeChange {
  node: string;
  rolesAdded: string[];
  rolesRemoved: string[];
  /** Other fields whose value changed: `ha: none → vm`. */
  fields: string[];
}

export interface TopologyDiff {
  nodesAdded: { node: string; roles: string[] }[];
  nodesRemoved: { node: string; roles: string[] }[];
  nodesChanged: NodeChange[];
  findingsNew: Finding[];
  findingsResolved: Finding[];
  findingsUnchanged: number;
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What changed between two versions: nodes and roles, then findings new and resolved. Pure. */
export function diffTopologies(
  before: Topology,
  after: Topology,
  findingsBefore: readonly Finding[],
  findingsAfter: readonly Finding[],
): TopologyDiff {
  const old = new Map(before.nodes.map((n) => [n.name, n]));
  const now = new Map(after.nodes.map((n) => [n.name, n]));
  const nodesAdded = after.nodes.filter((n) => !old.has(n.name)).map((n) => ({ node: n.name, roles: n.roles }));
  const nodesRemoved = before.nodes.filter((n) => !now.has(n.name)).map((n) => ({ node: n.name, roles: n.roles }));
  const nodesChanged: NodeChange[] = [];
  for (const n of after.nodes) {
    const o = old.get(n.name);
    if (!o) continue;
    const rolesAdded = n.roles.filter((r) => !o.roles.includes(r));
    const rolesRemoved = o.roles.filter((r) => !n.roles.includes(r));
    const fields: string[] = [];
    for (const key of new Set([...Object.keys(o), ...Object.keys(n)]) as Set<keyof TopologyNode>) {
      if (key === 'roles' || key === 'name') continue;
      if (JSON.stringify(o[key]) !== JSON.stringify(n[key])) fields.push(`${key}: ${show(o[key])} → ${show(n[key])}`);
    }
    if (rolesAdded.length || rolesRemoved.length || fields.length)
      nodesChanged.push({ node: n.name, rolesAdded, rolesRemoved, fields });
  }
  const beforeKeys = new Set(findingsBefore.filter((f) => !f.suppressed).map(findingKey));
  const afterKeys = new Set(findingsAfter.filter((f) => !f.suppressed).map(findingKey));
  return {
    nodesAdded,
    nodesRemoved,
    nodesChanged,
    findingsNew: findingsAfter.filter((f) => !f.suppressed && !beforeKeys.has(findingKey(f))),
    findingsResolved: findingsBefore.filter((f) => !f.suppressed && !afterKeys.has(findingKey(f))),
    findingsUnchanged: [...afterKeys].filter((k) => beforeKeys.has(k)).length,
  };
}
