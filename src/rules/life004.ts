import { createRule, type Report } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'LIFE004',
    severity: 'info',
    title: 'A PBX node was removed',
    family: 'lifetime',
    baseline: true,
    seed: 'How many nodes?: PBX: "The PBX nodes are dynamically chosen by VoipNow. This means that you can remove PBX nodes that are not used."',
    remediation: 'Allowed: make sure the PBX node was no longer in use before removing it.',
    messages: {
      pbxRemoved: 'PBX node {{node}} was removed; that is allowed when it was no longer used',
    },
  },
  check(ctx) {
    if (!ctx.baseline) return [];
    const now = new Map(ctx.nodes.map((n) => [n.name, n]));
    const out: Report<'pbxRemoved'>[] = [];
    for (const old of ctx.baseline.nodes) {
      if (!old.roles.includes('pbx')) continue;
      const current = now.get(old.name);
      if (current && ctx.has(current, 'pbx')) continue;
      out.push({
        role: 'pbx',
        ...(current ? { node: current.name, field: ['roles'] } : { node: old.name, field: ['nodes'] }),
        messageId: 'pbxRemoved',
        data: { node: old.name },
      });
    }
    return out;
  },
});
