import { ruleTester } from '../support/rule-tester.js';
import { topology } from '../support/topology.js';

ruleTester('HA004', {
  valid: [
    { name: 'health-checked balancers', topology: topology() },
    {
      name: 'a balancer in front of no web node',
      topology: topology((t) =>
        t.loadBalancers.push({ name: 'lb-sip', public: 'sip.example.com', targets: ['sip-1'] }),
      ),
    },
  ],
  invalid: [
    {
      name: 'health check off',
      topology: topology((t) => (t.loadBalancers[0].healthCheck = false)),
      errors: [{ at: '- name: lb-a' }],
    },
    {
      name: 'health check left out',
      topology: topology((t) => delete t.loadBalancers[1].healthCheck),
      errors: [{ at: '- name: lb-b' }],
    },
  ],
});
