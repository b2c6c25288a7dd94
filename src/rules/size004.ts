import { createRule } from '../engine/rule.js';
import { nodeList } from '../engine/node-list.js';

export default createRule({
  meta: {
    id: 'SIZE004',
    severity: 'info',
    title: 'Nodes carry no metrics',
    family: 'sizing',
    seed: 'When to add new nodes?: "All nodes must be monitored in order to have timely and insightful information available that allows to take infrastructure scaling decisions."',
    remediation: 'Monitor every node and record its cpu, memory and io utilisation under `metrics`.',
    messages: {
      noneMonitored:
        'no node carries metrics ({{count}} nodes); monitoring data is what tells you when to add nodes or scale up',
      someUnmonitored: '{{count}} of {{total}} nodes carry no metrics: {{nodes}}',
    },
  },
  check(ctx) {
    const bare = ctx.nodes.filter((n) => !n.metrics || Object.keys(n.metrics).length === 0).map((n) => n.name);
    if (bare.length === 0) return [];
    if (bare.length === ctx.nodes.length)
      return [{ node: bare[0], nodes: bare, messageId: 'noneMonitored', data: { count: bare.length } }];
    const data = { count: bare.length, total: ctx.nodes.length, nodes: nodeList(bare) };
    return [{ node: bare[0], nodes: bare, messageId: 'someUnmonitored', data }];
  },
});
