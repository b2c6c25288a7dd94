import { createRule, type Report } from '../engine/rule.js';
import { nodeNeeds, shortfalls } from '../sizing/needs.js';

export default createRule({
  meta: {
    id: 'SIZE001',
    severity: 'warning',
    title: "A node's resources are below the sum of the references of the roles it runs",
    family: 'sizing',
    seed: 'Hardware requirements, Role based resource consumption: the "Example: Amazon EC2 Instance Type" column (High I/O Quadruple Extra Large for SQL, Large for Distributed Database and Elasticsearch, High-CPU Extra Large for Web, SIP, PBX and Worker, Small for the Infrastructure Controller).',
    remediation:
      "Give the node at least the sum of its roles' reference resources (`voipnow sizing` recommends a current instance type), or move a role to another node.",
    messages: {
      undersized: 'node {{node}} is below the reference size: {{shortfalls}}',
    },
  },
  check(ctx) {
    const out: Report<'undersized'>[] = [];
    for (const node of ctx.nodes) {
      const have = ctx.resources(node);
      if (!have) continue;
      // The same figures as `voipnow sizing`: a node running several roles needs the sum of their references.
      const short = shortfalls(have, nodeNeeds(node.roles));
      if (short.length === 0) continue;
      out.push({
        node: node.name,
        field: [have.from],
        messageId: 'undersized',
        data: { node: node.name, shortfalls: short.join(', ') },
      });
    }
    return out;
  },
});
