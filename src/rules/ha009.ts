import { createRule } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'HA009',
    severity: 'warning',
    title: 'A single Worker node',
    family: 'high-availability',
    seed: 'High Availability: Worker: "System is not affected as long as a sufficient number of worker nodes survive the event in order to be able to process requests." APP LEVEL: "Deploy a sufficient number of Worker nodes."',
    remediation: 'Deploy at least two worker nodes so that one survives a failure.',
    messages: {
      loneWorker: 'worker {{node}} is the only worker; if it fails no node is left to process requests',
    },
  },
  check(ctx) {
    const nodes = ctx.byRole('worker');
    if (nodes.length !== 1) return [];
    return [
      {
        role: 'worker',
        node: nodes[0]!.name,
        messageId: 'loneWorker',
        data: { node: nodes[0]!.name },
      },
    ];
  },
});
