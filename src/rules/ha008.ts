import { createRule } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'HA008',
    severity: 'warning',
    title: 'A single Infrastructure Controller without virtualization-layer HA',
    family: 'high-availability',
    seed: 'High Availability: Infrastructure Controller: "Infrastructure provisioning affected." OS LEVEL: "Protect Infrastructure Controller node using virtualization layer HA technologies."',
    remediation: 'Set `ha: vm` on the controller (protect it at the virtualization layer) or run a second controller.',
    messages: {
      loneController:
        'infrastructure controller {{node}} is the only one and has no ha: vm; provisioning stops when it fails',
    },
  },
  check(ctx) {
    const nodes = ctx.byRole('infrastructure-controller');
    const only = nodes[0];
    if (nodes.length !== 1 || !only || only.ha === 'vm') return [];
    return [
      {
        role: 'infrastructure-controller',
        node: only.name,
        messageId: 'loneController',
        data: { node: only.name },
      },
    ];
  },
});
