import { explainFor } from '../monitoring/collect.js';
import type { LiveUsage } from '../monitoring/usage.js';

/**
 * What `--explain` prints: the queries behind every live figure, with window and step, and how a
 * single node's figure reads on its own (paste it into Prometheus to see the same numbers).
 */
export function formatExplainText(usage: LiveUsage | undefined, nodes: readonly string[]): string {
  if (!usage) return '\nNo live figures: no monitoring endpoint named (monitoring.prometheus or --prometheus).\n';
  const lines = ['', `How the live figures were read (${usage.endpoint}):`];
  if (usage.failure) lines.push(`  the endpoint failed: ${usage.failure}`);
  lines.push(
    `  window ${usage.window} ending ${usage.end}, step ${usage.step}, one range query per resource (${usage.queries} sent);`,
    `  p50/p95/p99/max over the points of each node; rules and sizing read the ${usage.percentile}.`,
  );
  for (const e of usage.explain) lines.push(`  ${e.resource}: ${e.promql}`);
  for (const node of nodes) {
    for (const resource of ['cpu', 'memory', 'io'] as const) {
      const e = explainFor(usage, node, resource);
      const f = usage.nodes[node]?.figures[resource];
      if (!e || !f) continue;
      lines.push(
        `  ${node} ${resource} = ${Math.round(f[usage.percentile] * 100)} % (${usage.percentile} of ${f.points} points): ${e.promql}`,
      );
    }
  }
  for (const m of usage.missing) lines.push(`  ${m.node}: no ${m.resources.join('/')} series for ${m.selector}`);
  return lines.join('\n') + '\n';
}
