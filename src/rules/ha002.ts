import { clusterSizeReports } from '../engine/cluster-size.js';
import { createRule } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'HA002',
    severity: 'warning',
    title: 'The Distributed Database cluster tolerates no failure, or has an even size',
    family: 'high-availability',
    seed: 'High Availability: Distributed Database: "System is not affected as long as quorum exists." APP LEVEL: "Deploy a HubRing cluster."',
    remediation:
      'Deploy an odd number of distributed-db nodes, at least 3 (decide before go-live: the count is fixed for the system lifetime).',
    messages: {
      tooFew: '{{nodes}} no failure (quorum needs 3 or more); deploy a HubRing cluster of 3 or more before go-live',
      even: '{{count}} {{role}} nodes tolerate {{tolerance}}, no more than {{fewer}} would; an odd count uses nodes better',
    },
  },
  check: (ctx) => clusterSizeReports(ctx, 'distributed-db', 3),
});
