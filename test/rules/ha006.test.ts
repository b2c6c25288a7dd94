import { ruleTester } from '../support/rule-tester.js';
import { findNode, removeNode, topology } from '../support/topology.js';

ruleTester('HA006', {
  valid: [{ name: 'SIP nodes with ha: vm', topology: topology() }],
  invalid: [
    {
      name: 'the only SIP node unprotected',
      topology: topology((t) => {
        removeNode(t, 'sip-2');
        delete findNode(t, 'sip-1').ha;
      }),
      errors: [{ node: 'sip-1', severity: 'warning' }],
    },
    {
      name: 'one of two unprotected',
      topology: topology((t) => delete findNode(t, 'sip-2').ha),
      errors: [{ node: 'sip-2', severity: 'info' }],
    },
  ],
});
