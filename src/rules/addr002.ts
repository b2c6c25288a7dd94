import { defineRule, type Report } from '../engine/rule.js';
import { isIpLiteral } from '../topology/address.js';

export default defineRule({
  meta: {
    id: 'ADDR002',
    severity: 'warning',
    title: 'A public address is an IP literal',
    family: 'networking',
    seed: 'Addressing requirements: "Always use an addressing scheme in the public network. Ask your customers to connect to a hostname, not directly to the IP address."',
    remediation: 'Publish a hostname (e.g. sip.example.com) and give it as the public address.',
  },
  check({ topology, nodes }) {
    const out: Report[] = [];
    for (const node of nodes) {
      if (node.public && isIpLiteral(node.public)) {
        out.push({
          node: node.name,
          field: ['public'],
          message: `node ${node.name} uses the IP ${node.public} as its public address; customers should connect to a hostname`,
        });
      }
    }
    topology.loadBalancers?.forEach((lb, i) => {
      if (lb.public && isIpLiteral(lb.public)) {
        out.push({
          field: ['loadBalancers', i, 'public'],
          message: `load balancer ${lb.name} uses the IP ${lb.public} as its public address; publish a hostname`,
        });
      }
    });
    return out;
  },
});
