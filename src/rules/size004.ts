import { defineRule } from '../engine/rule.js';
import { nodeList } from '../engine/node-list.js';

export default defineRule({
  meta: {
    id: 'SIZE004',
    severity: 'info',
    title: 'Nodes carry no metrics',
    family: 'sizing',
    seed: 'When to add new nodes?: "All nodes must be monitored in order to have timely and insightful information available that allows to take infrastructure scaling decisions."',
    remediation: 'Monitor every node and record its cpu, memory and io utilisation under `metrics`.',
  },
  check(ctx) {
    const bare = ctx.nodes.filter((n) => !n.metrics || Object.keys(n.metrics).length === 0).map((n) => n.name);
    if (bare.length === 0) return [];
    const message =
      bare.length === ctx.nodes.length
        ? `no node carries metrics (${bare.length} nodes); monitoring data is what tells you when to add nodes or scale up`
        : `${bare.length} of ${ctx.nodes.length} nodes carry no metrics: ${nodeList(bare)}`;
    return [{ node: bare[0], nodes: bare, message }];
  },
});
