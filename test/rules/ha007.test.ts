import { ruleTester } from '../support/rule-tester.js';
import { findNode, removeNode, topology } from '../support/topology.js';

ruleTester('HA007', {
  valid: [{ name: 'PBX nodes with ha: vm', topology: topology() }],
  invalid: [
    {
      name: 'the only PBX node unprotected',
      topology: topology((t) => {
        removeNode(t, 'pbx-2');
        delete findNode(t, 'pbx-1').ha;
      }),
      errors: [{ node: 'pbx-1', severity: 'warning' }],
    },
    {
      name: 'both of two unprotected',
      topology: topology((t) => {
        delete findNode(t, 'pbx-1').ha;
        findNode(t, 'pbx-2').ha = 'none';
      }),
      errors: [
        { node: 'pbx-1', severity: 'info' },
        { node: 'pbx-2', severity: 'info' },
      ],
    },
  ],
});
