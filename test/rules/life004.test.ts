import { ruleTester } from '../support/rule-tester.js';
import { removeNode, topology } from '../support/topology.js';

ruleTester('LIFE004', {
  valid: [
    { name: 'no baseline', topology: topology((t) => removeNode(t, 'pbx-2')) },
    { name: 'PBX nodes kept', topology: topology(), baseline: topology() },
  ],
  invalid: [
    {
      name: 'a PBX node removed',
      topology: topology((t) => removeNode(t, 'pbx-2')),
      baseline: topology(),
      errors: [{ node: 'pbx-2', severity: 'info', at: 'nodes:' }],
    },
  ],
});
