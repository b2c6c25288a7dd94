import { ruleTester } from '../support/rule-tester.js';
import { topology } from '../support/topology.js';

ruleTester('HA005', {
  valid: [
    { name: 'two balancers', topology: topology() },
    { name: 'no balancer (NET005 covers it)', topology: topology((t) => (t.loadBalancers = [])) },
  ],
  invalid: [
    { name: 'a single balancer', topology: topology((t) => t.loadBalancers.pop()), errors: [{ at: '- name: lb-a' }] },
    {
      name: 'two balancers, only one with a public address',
      topology: topology((t) => delete t.loadBalancers[1].public),
      errors: [{ at: '- name: lb-a' }],
    },
  ],
});
