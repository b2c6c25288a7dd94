import { ruleTester } from '../support/rule-tester.js';
import { addNode, removeNode, topology } from '../support/topology.js';

ruleTester('CNT008', {
  valid: [
    { name: 'one', topology: topology() },
    {
      name: 'three',
      topology: topology((t) =>
        ['ic-2', 'ic-3'].forEach((n) => addNode(t, n, ['controller'], { instanceType: 't3.small' })),
      ),
    },
  ],
  invalid: [
    { name: 'none', topology: topology((t) => removeNode(t, 'ic-1')), errors: [{ at: 'nodes:' }] },
    {
      name: 'four',
      topology: topology((t) =>
        ['ic-2', 'ic-3', 'ic-4'].forEach((n) => addNode(t, n, ['ic'], { instanceType: 't3.small' })),
      ),
      errors: [{ node: 'ic-4' }],
    },
  ],
});
