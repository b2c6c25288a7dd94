import { createRule, type Report } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'SIZE005',
    severity: 'warning',
    title: 'A SQL node uses HDD storage',
    family: 'sizing',
    seed: 'Hardware requirements, Role based resource consumption: SQL I/O "Very High"; example "High I/O Quadruple Extra Large Instance".',
    remediation: 'Put SQL nodes on SSD or NVMe storage.',
    messages: {
      hdd: 'SQL node {{node}} uses HDD storage; SQL I/O is Very High',
    },
  },
  check(ctx) {
    const out: Report<'hdd'>[] = [];
    for (const node of ctx.nodes) {
      if (!ctx.has(node, 'sql-master') && !ctx.has(node, 'sql-slave')) continue;
      const have = ctx.resources(node);
      if (have?.storage !== 'hdd') continue;
      out.push({
        node: node.name,
        role: ctx.has(node, 'sql-master') ? 'sql-master' : 'sql-slave',
        field: have.from === 'resources' && node.resources?.storage ? ['resources', 'storage'] : [have.from],
        messageId: 'hdd',
        data: { node: node.name },
      });
    }
    return out;
  },
});
