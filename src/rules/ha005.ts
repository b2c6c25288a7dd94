import { createRule } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'HA005',
    severity: 'warning',
    title: 'The Web nodes sit behind a single load balancer',
    family: 'high-availability',
    seed: 'High Availability: Web Management Interface, APP LEVEL: "Use a redundant load balancer in front of web management interface nodes."',
    remediation: 'Add a second (redundant) load balancer targeting the web nodes.',
    messages: {
      singleBalancer:
        'the web nodes are reachable only through load balancer {{balancer}}; it is the only one with a public address, a single point of failure',
    },
  },
  check(ctx) {
    const web = ctx.byRole('web');
    // A balancer without a public address serves no user: only public ones make the web reachable.
    const balancers = new Set(web.flatMap((n) => ctx.balancersOf(n.name)).filter((lb) => lb.public));
    if (balancers.size !== 1) return [];
    const [lb] = balancers;
    const index = ctx.topology.loadBalancers!.indexOf(lb!);
    return [
      {
        role: 'web',
        nodes: web.map((n) => n.name),
        field: ['loadBalancers', index],
        messageId: 'singleBalancer',
        data: { balancer: lb!.name },
      },
    ];
  },
});
