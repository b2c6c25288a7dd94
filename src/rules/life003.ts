import { createRule, type Report } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'LIFE003',
    severity: 'error',
    title: 'The Distributed Database role is assigned on a system with more than 3 extensions',
    family: 'lifetime',
    baseline: true,
    seed: 'Networking requirements, Distributed Database: "If there are more than 3 extensions on the server, the Distributed Database role cannot be assigned."',
    remediation:
      'Do not add the distributed-db role now; the Distributed Database is laid out before extensions are provisioned.',
    messages: {
      lateDistributedDb:
        'node {{node}} gains the distributed-db role while the system has {{extensions}} extensions (more than 3)',
    },
  },
  check(ctx) {
    const extensions = ctx.topology.system?.extensions ?? 0;
    if (!ctx.baseline || extensions <= 3) return [];
    const before = new Set(ctx.baseline.nodes.filter((n) => n.roles.includes('distributed-db')).map((n) => n.name));
    const out: Report<'lateDistributedDb'>[] = [];
    for (const node of ctx.byRole('distributed-db')) {
      if (!before.has(node.name)) {
        out.push({
          node: node.name,
          role: 'distributed-db',
          field: ['roles'],
          messageId: 'lateDistributedDb',
          data: { node: node.name, extensions },
        });
      }
    }
    return out;
  },
});
