import { ruleTester } from '../support/rule-tester.js';
import { removeNode, topology } from '../support/topology.js';

ruleTester('CNT004', {
  valid: [
    { name: 'present', topology: topology() },
    { name: 'one is enough', topology: topology((t) => ['es-2', 'es-3'].forEach((n) => removeNode(t, n))) },
  ],
  invalid: [
    {
      name: 'no elasticsearch node',
      topology: topology((t) => ['es-1', 'es-2', 'es-3'].forEach((n) => removeNode(t, n))),
      errors: [{ at: 'nodes:' }],
    },
  ],
});
