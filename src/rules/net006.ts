import { z } from 'zod';
import { createRule } from '../engine/rule.js';
import { parseCidr, usableAddresses } from '../topology/address.js';

export default createRule({
  meta: {
    id: 'NET006',
    severity: 'warning',
    title: 'The private network leaves no room to expand',
    family: 'networking',
    seed: 'Addressing requirements: "Carefully plan the private network to allow expansion."',
    remediation: 'Use a larger private block (at least twice the node count in usable addresses), e.g. a /22 or wider.',
    messages: {
      noRoom:
        'network.private {{network}} has {{usable}} usable addresses, fewer than {{factorWord}} the {{count}} nodes; plan for expansion',
    },
  },
  options: z.strictObject({
    /** Usable addresses wanted per node, so the network can grow. */
    factor: z.number().min(1).max(64).default(2).describe('Usable addresses wanted per node'),
  }),
  check({ topology }, { factor }) {
    const text = topology.network?.private;
    const cidr = text ? parseCidr(text) : undefined;
    if (!cidr) return [];
    const usable = usableAddresses(cidr);
    const needed = BigInt(Math.ceil(topology.nodes.length * factor));
    if (usable >= needed) return [];
    return [
      {
        field: ['network', 'private'],
        messageId: 'noRoom',
        data: {
          network: text!,
          usable: usable.toString(),
          factorWord: factor === 2 ? 'twice' : `${factor} times`,
          count: topology.nodes.length,
        },
      },
    ];
  },
});
