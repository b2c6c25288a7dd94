import { ruleTester } from '../support/rule-tester.js';
import { addNode, findNode, topology } from '../support/topology.js';

ruleTester('HA008', {
  valid: [
    { name: 'single controller with ha: vm', topology: topology() },
    {
      name: 'two controllers without',
      topology: topology((t) => {
        delete findNode(t, 'ic-1').ha;
        addNode(t, 'ic-2', ['ic'], { instanceType: 't3.small' });
      }),
    },
  ],
  invalid: [
    {
      name: 'single controller without ha',
      topology: topology((t) => delete findNode(t, 'ic-1').ha),
      errors: [{ node: 'ic-1' }],
    },
  ],
});
