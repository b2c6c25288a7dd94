import { createRule } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'CNT008',
    severity: 'error',
    title: 'Infrastructure Controller nodes are fewer than 1 or more than 3',
    family: 'counts',
    seed: 'How many nodes?: Infrastructure Controller "1/3": "A single node running the infrastructure controller is necessary, but it can be protected with Fault Tollerance technologies."',
    remediation: 'Run between 1 and 3 `infrastructure-controller` nodes; protect a single one with `ha: vm`.',
    messages: {
      none: 'no node runs the infrastructure-controller role; the system needs between 1 and 3',
      tooMany: '{{count}} nodes run infrastructure-controller; the maximum is 3',
    },
  },
  check(ctx) {
    const nodes = ctx.byRole('infrastructure-controller');
    if (nodes.length === 0) {
      return [
        {
          role: 'infrastructure-controller',
          field: ['nodes'],
          messageId: 'none',
        },
      ];
    }
    if (nodes.length > 3) {
      return [
        {
          role: 'infrastructure-controller',
          node: nodes[3]!.name,
          nodes: nodes.map((n) => n.name),
          messageId: 'tooMany',
          data: { count: nodes.length },
        },
      ];
    }
    return [];
  },
});
