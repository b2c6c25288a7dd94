import { createRule, type Report } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'NET001',
    severity: 'error',
    title: 'A node has no private address',
    family: 'networking',
    seed: 'Networking requirements: "Private Network * Required" for every role; "* The private network is also required for administrative tasks by all roles."',
    remediation: 'Give the node a `private` address (a DNS name on the private network).',
    messages: {
      noPrivate: 'node {{node}} has no private address; every role needs the private network',
    },
  },
  check({ nodes }) {
    const out: Report<'noPrivate'>[] = [];
    for (const node of nodes) {
      if (!node.private)
        out.push({
          node: node.name,
          messageId: 'noPrivate',
          data: { node: node.name },
        });
    }
    return out;
  },
});
