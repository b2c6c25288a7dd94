import { z } from 'zod';
import { createRule, type Report } from '../engine/rule.js';
import type { Resource } from '../sizing/catalog.js';
import { scalingAdvice } from '../sizing/scaling.js';

const RESOURCES: readonly Resource[] = ['cpu', 'memory', 'io'];

const share = z.number().gt(0).max(1);

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
    const out: Report<'busy'>[] = [];
    for (const node of ctx.nodes) {
      for (const resource of RESOURCES) {
        const value = node.metrics?.[resource];
        if (value === undefined) continue;
        // Compare the figure the message prints, so "90 %" is never shown at info level.
        const percent = Math.round(value * 100);
        if (percent < Math.round(options.info * 100)) continue;
        out.push({
          node: node.name,
          field: ['metrics', resource],
          severity: percent >= Math.round(options.warning * 100) ? 'warning' : 'info',
          messageId: 'busy',
          data: {
            node: node.name,
            percent,
            resource,
            advice: scalingAdvice(
              node.roles,
              ctx.byRole('sql-slave').filter((s) => ctx.shard(s) === ctx.shard(node)).length,
            ),
          },
        });
      }
    }
    return out;
  },
});
