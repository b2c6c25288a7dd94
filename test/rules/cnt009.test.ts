import { ruleTester } from '../support/rule-tester.js';
import { removeNode, topology } from '../support/topology.js';

ruleTester('CNT009', {
  valid: [
    { name: 'present', topology: topology() },
    { name: 'one is enough', topology: topology((t) => ['worker-2'].forEach((n) => removeNode(t, n))) },
  ],
  invalid: [
    {
      name: 'no worker node',
      topology: topology((t) => ['worker-1', 'worker-2'].forEach((n) => removeNode(t, n))),
      errors: [{ at: 'nodes:' }],
    },
  ],
});
