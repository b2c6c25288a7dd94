import { defineRule } from '../engine/rule.js';
import { requireRole } from '../engine/role-presence.js';

export default defineRule({
  meta: {
    id: 'CNT009',
    severity: 'error',
    title: 'No Worker node',
    family: 'counts',
    seed: 'How many nodes?: Worker "1/No limit": "You can add nodes dynamically, based on the worker layer utilization."',
    remediation: 'Add at least one `worker` node (two, so one survives a failure).',
  },
  check: requireRole('worker'),
});
