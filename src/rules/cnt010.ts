import { createRule, type Report } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'CNT010',
    severity: 'error',
    title: 'One node runs both sql-master and sql-slave',
    family: 'counts',
    seed: 'How many nodes?: SQL Master "1/1" and SQL Slave "0/4": a slave holds a replica of the master, so it runs on a node of its own.',
    remediation:
      "Move the `sql-slave` role to another node: a slave on the master's node replicates nothing and fails with it.",
    messages: {
      masterAndSlave: '{{node}} runs both sql-master and sql-slave; a slave must replicate a master on another node',
    },
  },
  check(ctx) {
    const out: Report<'masterAndSlave'>[] = [];
    for (const node of ctx.nodes) {
      if (!ctx.has(node, 'sql-master') || !ctx.has(node, 'sql-slave')) continue;
      out.push({
        role: 'sql-slave',
        node: node.name,
        field: ['roles'],
        messageId: 'masterAndSlave',
        data: { node: node.name },
      });
    }
    return out;
  },
});
