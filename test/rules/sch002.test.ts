import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('SCH002', {
  valid: [{ name: 'a complete topology', topology: topology() }],
  invalid: [
    { name: 'missing name', topology: topology((t) => delete t.name), errors: [{ line: 1 }] },
    {
      name: 'a string where a number goes',
      topology: topology((t) => (findNode(t, 'sip-1').customers = 'many')),
      errors: [{ at: 'customers: many' }],
    },
    {
      name: 'a negative number',
      topology: topology((t) => (t.system.extensions = -4)),
      errors: [{ at: 'extensions: -4' }],
    },
    {
      name: 'a metric over 1',
      topology: topology((t) => (findNode(t, 'web-1').metrics.cpu = 7)),
      errors: [{ at: 'cpu: 7' }],
    },
    {
      name: 'an unknown field',
      topology: topology((t) => (findNode(t, 'web-1').colour = 'blue')),
      errors: [{ at: 'colour: blue' }],
    },
    { name: 'wrong version', topology: topology((t) => (t.version = 2)), errors: [{ at: 'version: 2' }] },
    {
      name: 'a bad CIDR',
      topology: topology((t) => (t.network.private = '10.0.0.0/99')),
      errors: [{ at: 'private: 10.0.0.0/99' }],
    },
  ],
});
