import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('NET001', {
  valid: [{ name: 'every node has a private address', topology: topology() }],
  invalid: [
    {
      name: 'a worker without private address',
      topology: topology((t) => delete findNode(t, 'worker-2').private),
      errors: [{ node: 'worker-2' }],
    },
    {
      name: 'two nodes without',
      topology: topology((t) => {
        delete findNode(t, 'sql-1').private;
        delete findNode(t, 'sip-2').private;
      }),
      errors: [{ node: 'sql-1' }, { node: 'sip-2' }],
    },
  ],
});
