import { createRule, type Report } from '../engine/rule.js';
import { isIpLiteral } from '../topology/address.js';

export default createRule({
  meta: {
    id: 'ADDR002',
    severity: 'warning',
    title: 'A public address is an IP literal',
    family: 'networking',
    seed: 'Addressing requirements: "Always use an addressing scheme in the public network. Ask your customers to connect to a hostname, not directly to the IP address."',
    remediation: 'Publish a hostname (e.g. sip.example.com) and give it as the public address.',
    messages: {
      ipPublic: 'node {{node}} uses the IP {{address}} as its public address; customers should connect to a hostname',
      ipBalancer: 'load balancer {{balancer}} uses the IP {{address}} as its public address; publish a hostname',
    },
  },
  check({ topology, nodes }) {
    const out: Report<'ipPublic' | 'ipBalancer'>[] = [];
    for (const node of nodes) {
      if (node.public && isIpLiteral(node.public)) {
        out.push({
          node: node.name,
          field: ['public'],
          messageId: 'ipPublic',
          data: { node: node.name, address: node.public },
        });
      }
    }
    topology.loadBalancers?.forEach((lb, i) => {
      if (lb.public && isIpLiteral(lb.public)) {
        out.push({
          field: ['loadBalancers', i, 'public'],
          messageId: 'ipBalancer',
          data: { balancer: lb.name, address: lb.public },
        });
      }
    });
    return out;
  },
});
