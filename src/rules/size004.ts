import { createRule, type Report } from '../engine/rule.js';
import type { RuleContext } from '../engine/context.js';
import { nodeList } from '../engine/node-list.js';

type Ids =
  | 'noneMonitored'
  | 'someUnmonitored'
  | 'endpointFailed'
  | 'noSeries'
  | 'noSeriesAtAll'
  | 'someSeriesMissing'
  | 'unmapped';

function live(ctx: RuleContext): Report<Ids>[] {
  const usage = ctx.usage!;
  if (usage.failure)
    return [
      {
        messageId: 'endpointFailed',
        data: { endpoint: usage.endpoint },
        figures: { failure: usage.failure },
        remediation:
          'Check that the endpoint answers from where the bot runs, or correct it (`config prometheus URL`, --prometheus).',
      },
    ];
  const total = ctx.nodes.length;
  if (usage.missing.length === total && total > 1) {
    const first = usage.missing[0]!;
    return [
      {
        node: first.node,
        nodes: usage.missing.map((m) => m.node),
        messageId: 'noSeriesAtAll',
        data: { endpoint: usage.endpoint, node: first.node, selector: first.selector },
      },
    ];
  }
  return usage.missing.map((m): Report<Ids> => {
    if (m.reason) return { node: m.node, messageId: 'unmapped', data: { node: m.node, reason: m.reason } };
    const data = { node: m.node, endpoint: usage.endpoint, selector: m.selector };
    return m.resources.length === 3
      ? { node: m.node, messageId: 'noSeries', data }
      : { node: m.node, messageId: 'someSeriesMissing', data: { ...data, resources: m.resources.join(' or ') } };
  });
}

export default createRule({
  meta: {
    id: 'SIZE004',
    severity: 'info',
    title: 'Nodes carry no metrics',
    family: 'sizing',
    seed: 'When to add new nodes?: "All nodes must be monitored in order to have timely and insightful information available that allows to take infrastructure scaling decisions."',
    remediation:
      'Monitor every node (node_exporter scraped by the Prometheus named in `monitoring:` or `config prometheus`), or record its cpu, memory and io utilisation under `metrics`.',
    messages: {
      noneMonitored:
        'no node carries metrics ({{count}} nodes); monitoring data is what tells you when to add nodes or scale up',
      someUnmonitored: '{{count}} of {{total}} nodes carry no metrics: {{nodes}}',
      endpointFailed:
        "monitoring endpoint {{endpoint}} could not be read: {{failure}}; figures come from the file's metrics",
      noSeries: 'node {{node}} has no series at {{endpoint}}: {{selector}} found nothing',
      someSeriesMissing: 'node {{node}} has no {{resources}} series at {{endpoint}}: {{selector}} found nothing for it',
      noSeriesAtAll:
        'no node of the topology has series at {{endpoint}}; {{node}} was looked up with {{selector}}; check the mapping (monitoring.label, monitoring.template)',
      unmapped: 'node {{node}} cannot be looked up: {{reason}}',
    },
  },
  check(ctx) {
    if (ctx.usage && !ctx.usage.failure) return live(ctx);
    const out: Report<Ids>[] = ctx.usage ? live(ctx) : [];
    const bare = ctx.nodes.filter((n) => !n.metrics || Object.keys(n.metrics).length === 0).map((n) => n.name);
    if (bare.length === 0) return out;
    if (bare.length === ctx.nodes.length)
      return [...out, { node: bare[0], nodes: bare, messageId: 'noneMonitored', data: { count: bare.length } }];
    const data = { count: bare.length, total: ctx.nodes.length, nodes: nodeList(bare) };
    return [...out, { node: bare[0], nodes: bare, messageId: 'someUnmonitored', data }];
  },
});
