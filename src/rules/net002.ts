import { createRule, type Report } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'NET002',
    severity: 'error',
    title: 'A SIP, PBX or Web node has no public address',
    family: 'networking',
    seed: 'Networking requirements: Web Management Interface, SIP and PBX: "Public Network Required" ("a HTTP load balancer (that obviously runs on a public IP) is required" for web).',
    remediation: 'Give the node a `public` address; for a web node, put it behind a load balancer that has one.',
    messages: {
      noPublic: '{{role}} node {{node}} has no public address; {{ROLE}} must be reachable from the public network',
      webUnreachable: 'web node {{node}} has no public address and no load balancer with a public address targets it',
    },
  },
  check(ctx) {
    const out: Report<'noPublic' | 'webUnreachable'>[] = [];
    for (const role of ['sip', 'pbx'] as const) {
      for (const node of ctx.byRole(role)) {
        if (!node.public)
          out.push({
            node: node.name,
            role,
            messageId: 'noPublic',
            data: { role, node: node.name, ROLE: role.toUpperCase() },
          });
      }
    }
    for (const node of ctx.byRole('web')) {
      if (node.public || ctx.balancersOf(node.name).some((lb) => lb.public)) continue;
      out.push({
        node: node.name,
        role: 'web',
        messageId: 'webUnreachable',
        data: { node: node.name },
      });
    }
    return out;
  },
});
