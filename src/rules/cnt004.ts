import { defineRule } from '../engine/rule.js';
import { requireRole } from '../engine/role-presence.js';

export default defineRule({
  meta: {
    id: 'CNT004',
    severity: 'error',
    title: 'No Elasticsearch node',
    family: 'counts',
    seed: 'How many nodes?: Elasticsearch "1/Cluster": "It is recommended to deploy an Elasticsearch cluster."',
    remediation: 'Add at least one `elasticsearch` node (three for a cluster that tolerates a failure).',
  },
  check: requireRole('elasticsearch'),
});
