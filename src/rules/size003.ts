import { defineRule, type Report } from '../engine/rule.js';
import type { Resource } from '../sizing/catalog.js';
import { scalingAdvice } from '../sizing/scaling.js';

const RESOURCES: readonly Resource[] = ['cpu', 'memory', 'io'];

export default defineRule({
  meta: {
    id: 'SIZE003',
    severity: 'info',
    title: 'A node runs at or above 80 % of a resource',
    family: 'sizing',
    seed: 'When to add new nodes?: "The answer to this question can be provided by the same data which also allows you to upgrade the hardware of the existing nodes." How many nodes?: Web, Worker "add nodes dynamically, based on the utilization"; SQL "We support sharding"; Distributed Database count fixed.',
    remediation: 'Follow the advice for the role: add nodes, add a SQL slave or shard, or scale the node up.',
  },
  check(ctx) {
    const out: Report[] = [];
    for (const node of ctx.nodes) {
      for (const resource of RESOURCES) {
        const value = node.metrics?.[resource];
        if (value === undefined) continue;
        // Compare the figure the message prints, so "90 %" is never shown at info level.
        const percent = Math.round(value * 100);
        if (percent < 80) continue;
        out.push({
          node: node.name,
          field: ['metrics', resource],
          severity: percent >= 90 ? 'warning' : 'info',
          message: `node ${node.name} runs at ${percent} % ${resource}; ${scalingAdvice(node.roles, ctx.byRole('sql-slave').filter((s) => ctx.shard(s) === ctx.shard(node)).length)}`,
        });
      }
    }
    return out;
  },
});
