import { createRule, type Report } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'HA004',
    severity: 'warning',
    title: 'A load balancer in front of Web nodes has no health check',
    family: 'high-availability',
    seed: 'High Availability: Web Management Interface: "System is not affected as long as a health based balancer is configured to distribute requests to web management interface nodes."',
    remediation: 'Set `healthCheck: true` so the balancer stops sending requests to a failed web node.',
    messages: {
      noHealthCheck:
        'load balancer {{balancer}} sends requests to web nodes ({{nodes}}) without a health check; a failed web node would keep receiving requests',
    },
  },
  check(ctx) {
    const out: Report<'noHealthCheck'>[] = [];
    const web = new Set(ctx.byRole('web').map((n) => n.name));
    ctx.topology.loadBalancers?.forEach((lb, i) => {
      if (lb.healthCheck) return;
      const webTargets = lb.targets.filter((t) => web.has(t));
      if (webTargets.length === 0) return;
      out.push({
        role: 'web',
        nodes: webTargets,
        field: ['loadBalancers', i],
        messageId: 'noHealthCheck',
        data: { balancer: lb.name, nodes: webTargets.join(', ') },
      });
    });
    return out;
  },
});
