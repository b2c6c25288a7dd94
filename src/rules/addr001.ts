import { defineRule, type Report } from '../engine/rule.js';
import { isIpLiteral } from '../topology/address.js';

export default defineRule({
  meta: {
    id: 'ADDR001',
    severity: 'warning',
    title: 'A private address is an IP literal',
    family: 'networking',
    seed: 'Addressing requirements: "Use an addressing scheme even in the private network. By using DNS, when an IP renumbering occurs in the infrastructure, you do not have to reconfigure roles."',
    remediation: 'Use a DNS name on the private network (e.g. sql-1.int.example.com) instead of the IP address.',
  },
  check({ nodes }) {
    const out: Report[] = [];
    for (const node of nodes) {
      if (node.private && isIpLiteral(node.private)) {
        out.push({
          node: node.name,
          field: ['private'],
          message: `node ${node.name} uses the IP ${node.private} as its private address; use a DNS name so renumbering needs no role reconfiguration`,
        });
      }
    }
    return out;
  },
});
