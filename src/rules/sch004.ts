import { defineInputRule } from '../engine/rule.js';

export default defineInputRule({
  meta: {
    id: 'SCH004',
    severity: 'error',
    title: 'Two nodes share a name, or a key is duplicated',
    family: 'schema',
    seed: 'Topology format (spec/topology.md): node names are unique in the file; duplicate keys must be refused.',
    remediation: 'Rename one of the nodes, or remove the repeated key.',
  },
});
