import { createRule } from '../engine/rule.js';
import { REQUIRE_ROLE_MESSAGES, requireRole } from '../engine/role-presence.js';

export default createRule({
  meta: {
    id: 'CNT006',
    severity: 'error',
    title: 'No SIP node',
    family: 'counts',
    seed: 'How many nodes?: SIP "1/No limit": "You can start with one and add more as capacity increases demand it."',
    remediation: 'Add at least one `sip` node with a public address.',
    messages: REQUIRE_ROLE_MESSAGES,
  },
  check: requireRole('sip'),
});
