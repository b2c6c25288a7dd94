import { defineRule, type Report } from '../engine/rule.js';
import { cidrContains, isIpLiteral, parseCidr } from '../topology/address.js';

export default defineRule({
  meta: {
    id: 'NET007',
    severity: 'error',
    title: 'A private IP address lies outside the private network',
    family: 'networking',
    seed: 'Networking requirements: every role requires the private network.',
    remediation: 'Give the node an address inside `network.private`, or correct the network block.',
  },
  check({ topology, nodes }) {
    const text = topology.network?.private;
    const cidr = text ? parseCidr(text) : undefined;
    if (!cidr) return [];
    const out: Report[] = [];
    for (const node of nodes) {
      if (node.private && isIpLiteral(node.private) && cidrContains(cidr, node.private) !== true) {
        out.push({
          node: node.name,
          field: ['private'],
          message: `node ${node.name}'s private address ${node.private} is outside network.private ${text}`,
        });
      }
    }
    return out;
  },
});
