import { createRule, type Report } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'LIFE002',
    severity: 'error',
    title: 'A SIP node was removed',
    family: 'lifetime',
    baseline: true,
    seed: 'How many nodes?: SIP: "The SIP role uses dynamic sharding. This means that customers are assigned automatically to one of the existing SIP roles. That\'s why you cannot remove SIP nodes after these are provisioned."',
    remediation: 'Keep the node with the sip role; add capacity instead of removing SIP nodes.',
    messages: {
      removed:
        'SIP node {{node}} was removed; SIP nodes cannot be removed once provisioned (their customers are sharded to them)',
      roleDropped: 'node {{node}} no longer runs sip; SIP nodes cannot be removed once provisioned',
    },
  },
  check(ctx) {
    if (!ctx.baseline) return [];
    const now = new Map(ctx.nodes.map((n) => [n.name, n]));
    const out: Report<'removed' | 'roleDropped'>[] = [];
    for (const old of ctx.baseline.nodes) {
      if (!old.roles.includes('sip')) continue;
      const current = now.get(old.name);
      if (!current) {
        out.push({
          role: 'sip',
          node: old.name,
          field: ['nodes'],
          messageId: 'removed',
          data: { node: old.name },
        });
      } else if (!ctx.has(current, 'sip')) {
        out.push({
          role: 'sip',
          node: current.name,
          field: ['roles'],
          messageId: 'roleDropped',
          data: { node: current.name },
        });
      }
    }
    return out;
  },
});
