import { defineRule } from '../engine/rule.js';
import { parseCidr, usableAddresses } from '../topology/address.js';

export default defineRule({
  meta: {
    id: 'NET006',
    severity: 'warning',
    title: 'The private network leaves no room to expand',
    family: 'networking',
    seed: 'Addressing requirements: "Carefully plan the private network to allow expansion."',
    remediation: 'Use a larger private block (at least twice the node count in usable addresses), e.g. a /22 or wider.',
  },
  check({ topology }) {
    const text = topology.network?.private;
    const cidr = text ? parseCidr(text) : undefined;
    if (!cidr) return [];
    const usable = usableAddresses(cidr);
    const needed = BigInt(topology.nodes.length * 2);
    if (usable >= needed) return [];
    return [
      {
        field: ['network', 'private'],
        message: `network.private ${text} has ${usable} usable addresses, fewer than twice the ${topology.nodes.length} nodes; plan for expansion`,
      },
    ];
  },
});
