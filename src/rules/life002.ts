import { defineRule, type Report } from '../engine/rule.js';

export default defineRule({
  meta: {
    id: 'LIFE002',
    severity: 'error',
    title: 'A SIP node was removed',
    family: 'lifetime',
    baseline: true,
    seed: 'How many nodes?: SIP: "The SIP role uses dynamic sharding. This means that customers are assigned automatically to one of the existing SIP roles. That\'s why you cannot remove SIP nodes after these are provisioned."',
    remediation: 'Keep the node with the sip role; add capacity instead of removing SIP nodes.',
  },
  check(ctx) {
    if (!ctx.baseline) return [];
    const now = new Map(ctx.nodes.map((n) => [n.name, n]));
    const out: Report[] = [];
    for (const old of ctx.baseline.nodes) {
      if (!old.roles.includes('sip')) continue;
      const current = now.get(old.name);
      if (!current) {
        out.push({
          role: 'sip',
          node: old.name,
          field: ['nodes'],
          message: `SIP node ${old.name} was removed; SIP nodes cannot be removed once provisioned (their customers are sharded to them)`,
        });
      } else if (!ctx.has(current, 'sip')) {
        out.push({
          role: 'sip',
          node: current.name,
          field: ['roles'],
          message: `node ${current.name} no longer runs sip; SIP nodes cannot be removed once provisioned`,
        });
      }
    }
    return out;
  },
});
