import { createRule, type Report } from '../engine/rule.js';
import type { RoleId } from '../topology/roles.js';

const PRIVATE_ONLY: readonly RoleId[] = ['sql-master', 'sql-slave', 'distributed-db', 'elasticsearch', 'worker'];

export default createRule({
  meta: {
    id: 'NET003',
    severity: 'warning',
    title: 'A private-only role is exposed on the public network',
    family: 'networking',
    seed: 'Networking requirements: "We strongly discourage exposing SQL / Distributed Database / Elasticsearch / Worker nodes in a public network."',
    remediation: 'Remove the public address; reach the node through the private network only.',
    messages: {
      exposed: '{{role}} node {{node}} has a public address ({{address}}); the guide strongly discourages exposing it',
    },
  },
  check(ctx) {
    const out: Report<'exposed'>[] = [];
    for (const node of ctx.nodes) {
      if (!node.public) continue;
      const role = PRIVATE_ONLY.find((r) => ctx.has(node, r));
      if (role)
        out.push({
          node: node.name,
          role,
          field: ['public'],
          messageId: 'exposed',
          data: { role, node: node.name, address: node.public },
        });
    }
    return out;
  },
});
