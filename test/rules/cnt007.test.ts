import { ruleTester } from '../support/rule-tester.js';
import { removeNode, topology } from '../support/topology.js';

ruleTester('CNT007', {
  valid: [
    { name: 'present', topology: topology() },
    { name: 'one is enough', topology: topology((t) => ['pbx-2'].forEach((n) => removeNode(t, n))) },
  ],
  invalid: [
    {
      name: 'no pbx node',
      topology: topology((t) => ['pbx-1', 'pbx-2'].forEach((n) => removeNode(t, n))),
      errors: [{ at: 'nodes:' }],
    },
  ],
});
