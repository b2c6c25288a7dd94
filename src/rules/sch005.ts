import { defineInputRule } from '../engine/rule.js';

export default defineInputRule({
  meta: {
    id: 'SCH005',
    severity: 'error',
    title: 'A load balancer targets a node that does not exist',
    family: 'schema',
    seed: 'Topology format (spec/topology.md): "a load balancer targeting an unknown node" must be refused.',
    remediation: 'Point the load balancer at node names defined under `nodes`, or add the missing node.',
  },
});
