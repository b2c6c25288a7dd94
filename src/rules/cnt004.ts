import { createRule } from '../engine/rule.js';
import { REQUIRE_ROLE_MESSAGES, requireRole } from '../engine/role-presence.js';

export default createRule({
  meta: {
    id: 'CNT004',
    severity: 'error',
    title: 'No Elasticsearch node',
    family: 'counts',
    seed: 'How many nodes?: Elasticsearch "1/Cluster": "It is recommended to deploy an Elasticsearch cluster."',
    remediation: 'Add at least one `elasticsearch` node (three for a cluster that tolerates a failure).',
    messages: REQUIRE_ROLE_MESSAGES,
  },
  check: requireRole('elasticsearch'),
});
