import { createRule } from '../engine/rule.js';
import { REQUIRE_ROLE_MESSAGES, requireRole } from '../engine/role-presence.js';

export default createRule({
  meta: {
    id: 'CNT009',
    severity: 'error',
    title: 'No Worker node',
    family: 'counts',
    seed: 'How many nodes?: Worker "1/No limit": "You can add nodes dynamically, based on the worker layer utilization."',
    remediation: 'Add at least one `worker` node (two, so one survives a failure).',
    messages: REQUIRE_ROLE_MESSAGES,
  },
  check: requireRole('worker'),
});
