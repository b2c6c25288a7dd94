import { defineRule } from '../engine/rule.js';
import { requireRole } from '../engine/role-presence.js';

export default defineRule({
  meta: {
    id: 'CNT006',
    severity: 'error',
    title: 'No SIP node',
    family: 'counts',
    seed: 'How many nodes?: SIP "1/No limit": "You can start with one and add more as capacity increases demand it."',
    remediation: 'Add at least one `sip` node with a public address.',
  },
  check: requireRole('sip'),
});
