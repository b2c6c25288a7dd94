import { quorumTolerance } from '../engine/context.js';
import { nodeList } from '../engine/node-list.js';
import { defineRule, type Report } from '../engine/rule.js';
import { sqlShards } from '../engine/shards.js';
import type { TopologyNode } from '../topology/schema.js';
import type { RoleId } from '../topology/roles.js';

const DOMAINS = ['host', 'zone'] as const;
const QUORUM_ROLES: readonly RoleId[] = ['distributed-db', 'elasticsearch'];
const WHOLE_ROLES: readonly RoleId[] = ['sip', 'pbx', 'web', 'worker'];

function groupBy(nodes: readonly TopologyNode[], domain: 'host' | 'zone'): Map<string, TopologyNode[]> {
  const groups = new Map<string, TopologyNode[]>();
  for (const node of nodes) {
    const key = node[domain];
    if (key === undefined) continue;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(node);
  }
  return groups;
}

export default defineRule({
  meta: {
    id: 'HA010',
    severity: 'warning',
    title: 'One host or zone can take down a cluster or a whole role',
    family: 'high-availability',
    seed: 'High Availability: "distribution does not mean high-availability, yet it will improve the overall system resiliency on certain class of events." "Based on the above conclusions, it becomes obvious that distribution does not come with High Availability guarantees."',
    remediation:
      'Spread the nodes of the role over more hosts or zones so that no single one holds a quorum-breaking share or all of them.',
  },
  check(ctx) {
    const out: Report[] = [];
    for (const domain of DOMAINS) {
      for (const role of QUORUM_ROLES) {
        const nodes = ctx.byRole(role);
        if (nodes.length < 2) continue;
        const tolerance = quorumTolerance(nodes.length);
        for (const [key, group] of groupBy(nodes, domain)) {
          if (group.length <= tolerance) continue;
          out.push({
            role,
            node: group[0]!.name,
            nodes: group.map((n) => n.name),
            field: [domain],
            message: `${domain} ${key} holds ${group.length} of ${nodes.length} ${role} nodes (${nodeList(group.map((n) => n.name))}); losing it breaks quorum (tolerance ${tolerance})`,
          });
        }
      }
      const wholes: { label: string; role: RoleId; nodes: readonly TopologyNode[] }[] = WHOLE_ROLES.map((role) => ({
        label: `all ${role} nodes`,
        role,
        nodes: ctx.byRole(role),
      }));
      for (const shard of sqlShards(ctx)) {
        if (shard.masters.length > 0 && shard.slaves.length > 0) {
          wholes.push({
            label: `the sql-master of shard ${shard.id} with all its slaves`,
            role: 'sql-master',
            nodes: [...shard.masters, ...shard.slaves],
          });
        }
      }
      for (const { label, role, nodes } of wholes) {
        if (nodes.length < 2) continue;
        const groups = groupBy(nodes, domain);
        const [key, group] = [...groups][0] ?? [];
        if (groups.size !== 1 || !group || group.length !== nodes.length) continue;
        out.push({
          role,
          node: group[0]!.name,
          nodes: group.map((n) => n.name),
          field: [domain],
          message: `${domain} ${key} holds ${label} (${nodeList(group.map((n) => n.name))}); one ${domain} failure takes them all`,
        });
      }
    }
    return out;
  },
});
