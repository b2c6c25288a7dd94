import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('ADDR002', {
  valid: [{ name: 'hostnames in public', topology: topology() }],
  invalid: [
    {
      name: 'a SIP node published by IP',
      topology: topology((t) => (findNode(t, 'sip-1').public = '203.0.113.5')),
      errors: [{ node: 'sip-1' }],
    },
    {
      name: 'a load balancer published by IP',
      topology: topology((t) => (t.loadBalancers[1].public = '198.51.100.1')),
      errors: [{ at: 'public: 198.51.100.1' }],
    },
  ],
});
