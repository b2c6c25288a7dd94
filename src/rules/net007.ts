import { createRule, type Report } from '../engine/rule.js';
import { cidrContains, isIpLiteral, parseCidr } from '../topology/address.js';

export default createRule({
  meta: {
    id: 'NET007',
    severity: 'error',
    title: 'A private IP address lies outside the private network',
    family: 'networking',
    seed: 'Networking requirements: every role requires the private network.',
    remediation: 'Give the node an address inside `network.private`, or correct the network block.',
    messages: {
      outside: "node {{node}}'s private address {{address}} is outside network.private {{network}}",
    },
  },
  check({ topology, nodes }) {
    const text = topology.network?.private;
    const cidr = text ? parseCidr(text) : undefined;
    if (!cidr) return [];
    const out: Report<'outside'>[] = [];
    for (const node of nodes) {
      if (node.private && isIpLiteral(node.private) && cidrContains(cidr, node.private) !== true) {
        out.push({
          node: node.name,
          field: ['private'],
          messageId: 'outside',
          data: { node: node.name, address: node.private, network: text! },
        });
      }
    }
    return out;
  },
});
