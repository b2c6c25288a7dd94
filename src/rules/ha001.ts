import { createRule } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'HA001',
    severity: 'warning',
    title: 'A SQL master without virtualization-layer HA',
    family: 'high-availability',
    seed: 'High Availability: SQL: "system functionality is totally lost when master MySQL node goes down." OS LEVEL: "Protect MySQL master node with virtualization layer HA technologies."',
    remediation: 'Protect the SQL master at the virtualization layer (`ha: vm`).',
    messages: {
      noVmHa: 'sql-master {{node}} has no ha: vm; its loss takes the whole system down',
    },
  },
  check(ctx) {
    return ctx
      .byRole('sql-master')
      .filter((node) => node.ha !== 'vm')
      .map((node) => ({
        role: 'sql-master' as const,
        node: node.name,
        messageId: 'noVmHa',
        data: { node: node.name },
      }));
  },
});
