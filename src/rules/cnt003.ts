import { createRule } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'CNT003',
    severity: 'error',
    title: 'Distributed Database nodes are fewer than 1 or more than 128',
    family: 'counts',
    seed: 'How many nodes?: Distributed Database "1/128": "The number of distributed database nodes must not be changed for the system lifetime, but this is not a problem because, for the start, you can use virtual machines or instances with very limited resources."',
    remediation:
      'Deploy between 1 and 128 `distributed-db` nodes; choose the final count now, as it is fixed for the system lifetime.',
    messages: {
      none: 'no node runs the distributed-db role; the system needs between 1 and 128',
      tooMany: '{{count}} nodes run distributed-db; the maximum is 128',
    },
  },
  check(ctx) {
    const nodes = ctx.byRole('distributed-db');
    if (nodes.length === 0)
      return [
        {
          role: 'distributed-db',
          field: ['nodes'],
          messageId: 'none',
        },
      ];
    if (nodes.length > 128) {
      return [
        {
          role: 'distributed-db',
          node: nodes[128]!.name,
          messageId: 'tooMany',
          data: { count: nodes.length },
        },
      ];
    }
    return [];
  },
});
