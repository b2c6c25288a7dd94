import { ruleTester } from '../support/rule-tester.js';
import { removeNode, topology } from '../support/topology.js';

ruleTester('CNT005', {
  valid: [
    { name: 'present', topology: topology() },
    { name: 'one is enough', topology: topology((t) => ['web-2'].forEach((n) => removeNode(t, n))) },
  ],
  invalid: [
    {
      name: 'no web node',
      topology: topology((t) => ['web-1', 'web-2'].forEach((n) => removeNode(t, n))),
      errors: [{ at: 'nodes:' }],
    },
  ],
});
