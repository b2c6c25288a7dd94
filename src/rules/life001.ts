import { createRule } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'LIFE001',
    severity: 'error',
    title: 'The Distributed Database node count changed',
    family: 'lifetime',
    baseline: true,
    seed: 'How many nodes?: Distributed Database: "The number of distributed database nodes must not be changed for the system lifetime."',
    remediation:
      'Restore the previous distributed-db node count; resize the existing nodes instead of adding or removing them.',
    messages: {
      countChanged:
        'distributed-db nodes went from {{before}} to {{after}}; the count is fixed for the system lifetime',
    },
  },
  check(ctx) {
    if (!ctx.baseline) return [];
    const before = ctx.baseline.nodes.filter((n) => n.roles.includes('distributed-db')).length;
    const now = ctx.byRole('distributed-db');
    if (before === now.length) return [];
    const first = now.find(
      (n) => !ctx.baseline!.nodes.some((b) => b.name === n.name && b.roles.includes('distributed-db')),
    );
    return [
      {
        role: 'distributed-db',
        ...(first ? { node: first.name } : { field: ['nodes'] }),
        messageId: 'countChanged',
        data: { before, after: now.length },
      },
    ];
  },
});
