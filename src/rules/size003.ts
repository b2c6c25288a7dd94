import { z } from 'zod';
import { createRule, type Report } from '../engine/rule.js';
import type { RuleContext } from '../engine/context.js';
import { describeForecast } from '../monitoring/forecast-text.js';
import { provenance } from '../monitoring/utilisation.js';
import type { Resource } from '../sizing/catalog.js';
import { scalingAdvice } from '../sizing/scaling.js';
import type { TopologyNode } from '../topology/schema.js';

const RESOURCES: readonly Resource[] = ['cpu', 'memory', 'io'];

const share = z.number().gt(0).max(1);

const advice = (ctx: RuleContext, node: TopologyNode) =>
  scalingAdvice(node.roles, ctx.byRole('sql-slave').filter((s) => ctx.shard(s) === ctx.shard(node)).length);

type Ids = 'busy' | 'busyLive' | 'forecast';

export default createRule({
  meta: {
    id: 'SIZE003',
    severity: 'info',
    title: 'A node runs at or above 80 % of a resource',
    family: 'sizing',
    seed: 'When to add new nodes?: "The answer to this question can be provided by the same data which also allows you to upgrade the hardware of the existing nodes." How many nodes?: Web, Worker "add nodes dynamically, based on the utilization"; SQL "We support sharding"; Distributed Database count fixed.',
    remediation: 'Follow the advice for the role: add nodes, add a SQL slave or shard, or scale the node up.',
    messages: {
      busy: 'node {{node}} runs at {{percent}} % {{resource}}; {{advice}}',
      busyLive: 'node {{node}} runs at {{percent}} % {{resource}} ({{basis}}); {{advice}}',
      forecast: '{{trend}}; {{advice}}',
    },
  },
  options: z
    .strictObject({
      /** Share of a resource at which a node is reported (info). */
      info: share.default(0.8).describe('Share of a resource at which a node is reported (info)'),
      /** Share at which the report becomes a warning. */
      warning: share.default(0.9).describe('Share at which the report becomes a warning'),
    })
    .refine((o) => o.info <= o.warning, { message: 'info must not be above warning' }),
  check(ctx, options) {
    const out: Report<Ids>[] = [];
    for (const node of ctx.nodes) {
      const u = ctx.utilisation(node);
      if (!u) continue;
      for (const resource of RESOURCES) {
        const value = u.values[resource];
        if (value === undefined) continue;
        // Compare the figure the message prints, so "90 %" is never shown at info level.
        const percent = Math.round(value * 100);
        if (percent < Math.round(options.info * 100)) continue;
        const severity = percent >= Math.round(options.warning * 100) ? 'warning' : 'info';
        const data = { node: node.name, resource, advice: advice(ctx, node) };
        if (u.source[resource] === 'live')
          // Live figures move between runs: the percentage is a figure, the level is identity.
          out.push({
            node: node.name,
            severity,
            messageId: 'busyLive',
            data: { ...data, level: severity },
            figures: { percent, basis: provenance(u, resource) },
          });
        else
          out.push({
            node: node.name,
            field: ['metrics', resource],
            severity,
            messageId: 'busy',
            data: { ...data, percent },
          });
      }
      // A trend that will cross 80 % is the "timely" information the guide asks monitoring for.
      const forecasts = ctx.usage && !ctx.usage.failure ? (ctx.usage.nodes[node.name]?.forecasts ?? []) : [];
      for (const trend of forecasts) {
        if (Math.round((u.values[trend.resource] ?? 0) * 100) >= Math.round(options.info * 100)) continue;
        out.push({
          node: node.name,
          severity: 'info',
          messageId: 'forecast',
          data: { node: node.name, resource: trend.resource, advice: advice(ctx, node) },
          figures: { trend: describeForecast(node.name, trend) },
        });
      }
    }
    return out;
  },
});
