import { createRule, type Report } from '../engine/rule.js';
import { isIpLiteral } from '../topology/address.js';

export default createRule({
  meta: {
    id: 'ADDR001',
    severity: 'warning',
    title: 'A private address is an IP literal',
    family: 'networking',
    seed: 'Addressing requirements: "Use an addressing scheme even in the private network. By using DNS, when an IP renumbering occurs in the infrastructure, you do not have to reconfigure roles."',
    remediation: 'Use a DNS name on the private network (e.g. sql-1.int.example.com) instead of the IP address.',
    messages: {
      ipPrivate:
        'node {{node}} uses the IP {{address}} as its private address; use a DNS name so renumbering needs no role reconfiguration',
    },
  },
  check({ nodes }) {
    const out: Report<'ipPrivate'>[] = [];
    for (const node of nodes) {
      if (node.private && isIpLiteral(node.private)) {
        out.push({
          node: node.name,
          field: ['private'],
          messageId: 'ipPrivate',
          data: { node: node.name, address: node.private },
        });
      }
    }
    return out;
  },
});
