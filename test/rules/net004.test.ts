import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('NET004', {
  valid: [{ name: 'controller on the private network only', topology: topology() }],
  invalid: [
    {
      name: 'controller with a public address',
      topology: topology((t) => (findNode(t, 'ic-1').public = 'ic.example.com')),
      errors: [{ node: 'ic-1', severity: 'info' }],
    },
  ],
});
