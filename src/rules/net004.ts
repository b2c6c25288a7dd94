import { createRule, type Report } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'NET004',
    severity: 'info',
    title: 'An Infrastructure Controller has a public address',
    family: 'networking',
    seed: 'Networking requirements: Infrastructure Controller, public network "Optional": "necessary only if it\'s impossible to access the infrastructure controller management interface through private network."',
    remediation: 'Keep the public address only if the management interface cannot be reached over the private network.',
    messages: {
      controllerPublic:
        "infrastructure controller {{node}} has a public address; it is needed only if the management interface can't be reached privately",
    },
  },
  check(ctx) {
    const out: Report<'controllerPublic'>[] = [];
    for (const node of ctx.byRole('infrastructure-controller')) {
      if (node.public)
        out.push({
          node: node.name,
          role: 'infrastructure-controller',
          field: ['public'],
          messageId: 'controllerPublic',
          data: { node: node.name },
        });
    }
    return out;
  },
});
