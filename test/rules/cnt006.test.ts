import { ruleTester } from '../support/rule-tester.js';
import { removeNode, topology } from '../support/topology.js';

ruleTester('CNT006', {
  valid: [
    { name: 'present', topology: topology() },
    { name: 'one is enough', topology: topology((t) => ['sip-2'].forEach((n) => removeNode(t, n))) },
  ],
  invalid: [
    {
      name: 'no sip node',
      topology: topology((t) => ['sip-1', 'sip-2'].forEach((n) => removeNode(t, n))),
      errors: [{ at: 'nodes:' }],
    },
  ],
});
