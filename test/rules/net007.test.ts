import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('NET007', {
  valid: [
    { name: 'DNS names are not compared', topology: topology() },
    { name: 'an IP inside the block', topology: topology((t) => (findNode(t, 'sql-1').private = '10.20.3.254')) },
    {
      name: 'no block to compare with',
      topology: topology((t) => {
        delete t.network;
        findNode(t, 'sql-1').private = '172.16.0.4';
      }),
    },
  ],
  invalid: [
    {
      name: 'an IP outside the block',
      topology: topology((t) => (findNode(t, 'sql-1').private = '10.20.4.1')),
      errors: [{ node: 'sql-1' }],
    },
    {
      name: 'an IPv6 address in an IPv4 plan',
      topology: topology((t) => (findNode(t, 'es-1').private = 'fd00::1')),
      errors: [{ node: 'es-1' }],
    },
  ],
});
