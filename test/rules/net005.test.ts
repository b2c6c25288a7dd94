import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('NET005', {
  valid: [{ name: 'web nodes behind public balancers', topology: topology() }],
  invalid: [
    {
      name: 'no balancer at all',
      topology: topology((t) => {
        t.loadBalancers = [];
        findNode(t, 'web-1').public = 'w1.example.com';
        findNode(t, 'web-2').public = 'w2.example.com';
      }),
      errors: [{ node: 'web-1' }, { node: 'web-2' }],
    },
    {
      name: 'one web node left out',
      topology: topology((t) => t.loadBalancers.forEach((lb: { targets: string[] }) => (lb.targets = ['web-1']))),
      errors: [{ node: 'web-2' }],
    },
  ],
});
