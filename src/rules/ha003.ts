import { clusterSizeReports } from '../engine/cluster-size.js';
import { createRule } from '../engine/rule.js';

export default createRule({
  meta: {
    id: 'HA003',
    severity: 'warning',
    title: 'Fewer than 3 Elasticsearch nodes, or an even number',
    family: 'high-availability',
    seed: 'High Availability: Elasticsearch: "System is not affected as long as quorum exists." APP LEVEL: "Deploy an Elasticsearch cluster." How many nodes?: "It is recommended to deploy an Elasticsearch cluster."',
    remediation: 'Deploy an Elasticsearch cluster with an odd number of nodes, at least 3.',
    messages: {
      tooFew: '{{nodes}} no failure (quorum needs 3 or more); deploy an Elasticsearch cluster of 3 or more',
      even: '{{count}} {{role}} nodes tolerate {{tolerance}}, no more than {{fewer}} would; an odd count uses nodes better',
    },
  },
  check: (ctx) => clusterSizeReports(ctx, 'elasticsearch', 3),
});
