import { createRule } from '../engine/rule.js';
import { REQUIRE_ROLE_MESSAGES, requireRole } from '../engine/role-presence.js';

export default createRule({
  meta: {
    id: 'CNT005',
    severity: 'error',
    title: 'No Web Management Interface node',
    family: 'counts',
    seed: 'How many nodes?: Web Management Interface "1/No limit".',
    remediation: 'Add at least one `web` node behind a public HTTP load balancer.',
    messages: REQUIRE_ROLE_MESSAGES,
  },
  check: requireRole('web'),
});
