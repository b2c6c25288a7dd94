import { defineRule, type Report } from '../engine/rule.js';
import type { RoleId } from '../topology/roles.js';

const PRIVATE_ONLY: readonly RoleId[] = ['sql-master', 'sql-slave', 'distributed-db', 'elasticsearch', 'worker'];

export default defineRule({
  meta: {
    id: 'NET003',
    severity: 'warning',
    title: 'A private-only role is exposed on the public network',
    family: 'networking',
    seed: 'Networking requirements: "We strongly discourage exposing SQL / Distributed Database / Elasticsearch / Worker nodes in a public network."',
    remediation: 'Remove the public address; reach the node through the private network only.',
  },
  check(ctx) {
    const out: Report[] = [];
    for (const node of ctx.nodes) {
      if (!node.public) continue;
      const role = PRIVATE_ONLY.find((r) => ctx.has(node, r));
      if (role)
        out.push({
          node: node.name,
          role,
          field: ['public'],
          message: `${role} node ${node.name} has a public address (${node.public}); the guide strongly discourages exposing it`,
        });
    }
    return out;
  },
});
