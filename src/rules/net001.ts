import { defineRule, type Report } from '../engine/rule.js';

export default defineRule({
  meta: {
    id: 'NET001',
    severity: 'error',
    title: 'A node has no private address',
    family: 'networking',
    seed: 'Networking requirements: "Private Network * Required" for every role; "* The private network is also required for administrative tasks by all roles."',
    remediation: 'Give the node a `private` address (a DNS name on the private network).',
  },
  check({ nodes }) {
    const out: Report[] = [];
    for (const node of nodes) {
      if (!node.private)
        out.push({
          node: node.name,
          message: `node ${node.name} has no private address; every role needs the private network`,
        });
    }
    return out;
  },
});
