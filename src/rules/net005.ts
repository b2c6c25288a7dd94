import { createRule, type Report } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'NET005',
    severity: 'error',
    title: 'A Web node is not behind a public HTTP load balancer',
    family: 'networking',
    seed: 'Networking requirements, Web Management Interface: "a HTTP load balancer (that obviously runs on a public IP) is required."',
    remediation: 'Add the node to the `targets` of a load balancer that has a `public` address.',
    messages: {
      noPublicBalancer: 'web node {{node}} is not the target of any load balancer with a public address',
    },
  },
  check(ctx) {
    const out: Report<'noPublicBalancer'>[] = [];
    for (const node of ctx.byRole('web')) {
      if (!ctx.balancersOf(node.name).some((lb) => lb.public)) {
        out.push({
          node: node.name,
          role: 'web',
          messageId: 'noPublicBalancer',
          data: { node: node.name },
        });
      }
    }
    return out;
  },
});
