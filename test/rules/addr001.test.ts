import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('ADDR001', {
  valid: [{ name: 'DNS names on the private network', topology: topology() }],
  invalid: [
    {
      name: 'an IPv4 literal',
      topology: topology((t) => (findNode(t, 'ddb-2').private = '10.20.0.12')),
      errors: [{ node: 'ddb-2' }],
    },
    {
      name: 'an IPv6 literal',
      topology: topology((t) => {
        delete t.network;
        findNode(t, 'web-1').private = 'fd00::12';
      }),
      errors: [{ node: 'web-1' }],
    },
  ],
});
