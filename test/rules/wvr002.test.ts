import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('WVR002', {
  valid: [
    {
      name: 'a waiver in use',
      topology: topology((t) => {
        delete findNode(t, 'sql-1').ha;
        t.waivers = [{ rule: 'HA001', reason: 'FT' }];
      }),
    },
  ],
  invalid: [
    {
      name: 'waives a rule that does not fire',
      topology: topology((t) => (t.waivers = [{ rule: 'HA001', reason: 'FT' }])),
      errors: [{ at: '- rule: HA001' }],
    },
    {
      name: 'names the wrong node',
      topology: topology((t) => {
        delete findNode(t, 'sql-1').ha;
        t.waivers = [{ rule: 'HA001', node: 'sql-9', reason: 'FT' }];
      }),
      errors: [{ node: 'sql-9', at: '- rule: HA001' }],
    },
  ],
});
