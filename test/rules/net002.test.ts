import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('NET002', {
  valid: [
    { name: 'sip and pbx public, web behind public balancers', topology: topology() },
    {
      name: 'web with its own public address and no balancer',
      topology: topology((t) => {
        t.loadBalancers = [];
        findNode(t, 'web-1').public = 'w1.example.com';
        findNode(t, 'web-2').public = 'w2.example.com';
      }),
    },
  ],
  invalid: [
    {
      name: 'sip without public',
      topology: topology((t) => delete findNode(t, 'sip-1').public),
      errors: [{ node: 'sip-1' }],
    },
    {
      name: 'pbx without public',
      topology: topology((t) => delete findNode(t, 'pbx-2').public),
      errors: [{ node: 'pbx-2' }],
    },
    {
      name: 'web behind balancers without public address',
      topology: topology((t) => t.loadBalancers.forEach((lb: { public?: string }) => delete lb.public)),
      errors: [{ node: 'web-1' }, { node: 'web-2' }],
    },
  ],
});
