import { ruleTester } from '../support/rule-tester.js';
import { topology } from '../support/topology.js';

ruleTester('SCH005', {
  valid: [{ name: 'targets exist', topology: topology() }],
  invalid: [
    {
      name: 'a target that is not a node',
      topology: topology((t) => t.loadBalancers[0].targets.push('web-9')),
      errors: [{ at: '- web-9' }],
    },
  ],
});
