import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('SIZE002', {
  valid: [
    { name: 'one role per node', topology: topology() },
    {
      name: 'a High role with a Low one',
      topology: topology((t) => (findNode(t, 'web-1').roles = ['web', 'infrastructure-controller'])),
    },
  ],
  invalid: [
    {
      name: 'sip and pbx share CPU',
      topology: topology((t) => (findNode(t, 'sip-1').roles = ['sip', 'pbx'])),
      errors: [{ node: 'sip-1' }],
    },
    {
      name: 'distributed-db and elasticsearch share memory',
      topology: topology((t) => (findNode(t, 'ddb-1').roles = ['ddb', 'es'])),
      errors: [{ node: 'ddb-1' }],
    },
  ],
});
