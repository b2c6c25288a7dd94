import { defineInputRule } from '../engine/rule.js';

export default defineInputRule({
  meta: {
    id: 'SCH002',
    severity: 'error',
    title: 'A field is missing, of the wrong type or out of range',
    family: 'schema',
    seed: 'Topology format (spec/topology.md): wrong types and negative or out-of-range numbers must be refused, naming the place.',
    remediation:
      'Correct the field at the path given; `voipnow schema` prints the JSON Schema your editor can use to autocomplete.',
  },
});
