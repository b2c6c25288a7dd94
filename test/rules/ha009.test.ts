import { ruleTester } from '../support/rule-tester.js';
import { removeNode, topology } from '../support/topology.js';

ruleTester('HA009', {
  valid: [{ name: 'two workers', topology: topology() }],
  invalid: [
    { name: 'one worker', topology: topology((t) => removeNode(t, 'worker-2')), errors: [{ node: 'worker-1' }] },
  ],
});
