import { createRule } from '../engine/rule.js';
import { REQUIRE_ROLE_MESSAGES, requireRole } from '../engine/role-presence.js';

export default createRule({
  meta: {
    id: 'CNT007',
    severity: 'error',
    title: 'No PBX node',
    family: 'counts',
    seed: 'How many nodes?: PBX "1/No limit": "You can start with one and add more capacity when telephony utilization information shows this."',
    remediation: 'Add at least one `pbx` node with a public address.',
    messages: REQUIRE_ROLE_MESSAGES,
  },
  check: requireRole('pbx'),
});
