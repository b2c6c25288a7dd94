import { clusterSizeReports } from '../engine/cluster-size.js';
import { defineRule } from '../engine/rule.js';

export default defineRule({
  meta: {
    id: 'HA002',
    severity: 'warning',
    title: 'The Distributed Database cluster tolerates no failure, or has an even size',
    family: 'high-availability',
    seed: 'High Availability: Distributed Database: "System is not affected as long as quorum exists." APP LEVEL: "Deploy a HubRing cluster."',
    remediation:
      'Deploy an odd number of distributed-db nodes, at least 3 (decide before go-live: the count is fixed for the system lifetime).',
  },
  check: (ctx) => clusterSizeReports(ctx, 'distributed-db', 3, 'deploy a HubRing cluster of 3 or more before go-live'),
});
