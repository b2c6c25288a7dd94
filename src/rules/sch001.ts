import { defineInputRule } from '../engine/rule.js';

export default defineInputRule({
  meta: {
    id: 'SCH001',
    severity: 'error',
    title: 'The file is not valid YAML or JSON',
    family: 'schema',
    seed: 'Topology format (spec/topology.md): "Not YAML or JSON; YAML with alias expansion beyond a small bound (billion laughs); files over the size cap" must be refused.',
    remediation:
      'Fix the syntax at the line and column given, or attach the topology as a UTF-8 YAML or JSON file under the size cap.',
  },
});
