import { quorumTolerance } from '../engine/context.js';
import { nodeList } from '../engine/node-list.js';
import { z } from 'zod';
import { createRule, type Report } from '../engine/rule.js';
import { sqlShards } from '../engine/shards.js';
import type { TopologyNode } from '../topology/schema.js';
import type { RoleId } from '../topology/roles.js';

const DOMAINS = ['host', 'zone'] as const;
type Domain = (typeof DOMAINS)[number];
const QUORUM_ROLES: readonly RoleId[] = ['distributed-db', 'elasticsearch'];
const WHOLE_ROLES: readonly RoleId[] = ['sip', 'pbx', 'web', 'worker'];

function groupBy(nodes: readonly TopologyNode[], domain: Domain): Map<string, TopologyNode[]> {
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

export default createRule({
  meta: {
    id: 'HA010',
    severity: 'warning',
    title: 'One host or zone can take down a cluster or a whole role',
    family: 'high-availability',
    seed: 'High Availability: "distribution does not mean high-availability, yet it will improve the overall system resiliency on certain class of events." "Based on the above conclusions, it becomes obvious that distribution does not come with High Availability guarantees."',
    remediation:
      'Spread the nodes of the role over more hosts or zones so that no single one holds a quorum-breaking share or all of them.',
    messages: {
      quorum:
        '{{domain}} {{key}} holds {{count}} of {{total}} {{role}} nodes ({{nodes}}); losing it breaks quorum (tolerance {{tolerance}})',
      wholeRole: '{{domain}} {{key}} holds all {{role}} nodes ({{nodes}}); one {{domain}} failure takes them all',
      wholeShard:
        '{{domain}} {{key}} holds the sql-master of shard {{shard}} with all its slaves ({{nodes}}); one {{domain}} failure takes them all',
    },
  },
  options: z.strictObject({
    /** The failure domains checked, as node fields. */
    domains: z
      .array(z.enum(DOMAINS))
      .min(1)
      .default([...DOMAINS])
      .describe('Failure domains checked, as node fields: host, zone'),
  }),
  check(ctx, options) {
    const out: Report<'quorum' | 'wholeRole' | 'wholeShard'>[] = [];
    for (const domain of new Set(options.domains)) {
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
            messageId: 'quorum',
            data: {
              domain,
              key,
              count: group.length,
              total: nodes.length,
              role,
              nodes: nodeList(group.map((n) => n.name)),
              tolerance,
            },
          });
        }
      }
      const wholes: { shard?: number; role: RoleId; nodes: readonly TopologyNode[] }[] = WHOLE_ROLES.map((role) => ({
        role,
        nodes: ctx.byRole(role),
      }));
      for (const shard of sqlShards(ctx)) {
        if (shard.masters.length > 0 && shard.slaves.length > 0) {
          wholes.push({
            shard: shard.id,
            role: 'sql-master',
            nodes: [...shard.masters, ...shard.slaves],
          });
        }
      }
      for (const { shard, role, nodes } of wholes) {
        if (nodes.length < 2) continue;
        const groups = groupBy(nodes, domain);
        const [key, group] = [...groups][0] ?? [];
        if (groups.size !== 1 || !group || group.length !== nodes.length) continue;
        const names = nodeList(group.map((n) => n.name));
        out.push({
          role,
          node: group[0]!.name,
          nodes: group.map((n) => n.name),
          field: [domain],
          ...(shard === undefined
            ? { messageId: 'wholeRole' as const, data: { domain, key: key!, role, nodes: names } }
            : { messageId: 'wholeShard' as const, data: { domain, key: key!, shard, nodes: names } }),
        });
      }
    }
    return out;
  },
});
