import { ruleTester } from '../support/rule-tester.js';
import { topology } from '../support/topology.js';

ruleTester('NET006', {
  valid: [
    { name: 'a /22 for 16 nodes', topology: topology() },
    { name: 'no network given', topology: topology((t) => delete t.network) },
    {
      name: 'exactly twice the nodes (/26: 62 usable for 16 nodes)',
      topology: topology((t) => (t.network.private = '10.0.0.0/26')),
    },
  ],
  invalid: [
    {
      name: 'a /28 (14 usable) for 16 nodes',
      topology: topology((t) => (t.network.private = '10.0.0.0/28')),
      errors: [{ at: 'private: 10.0.0.0/28' }],
    },
    {
      name: 'a /27 (30 usable) for 16 nodes',
      topology: topology((t) => (t.network.private = '192.168.1.0/27')),
      errors: [{ at: 'private: 192.168.1.0/27' }],
    },
  ],
});
