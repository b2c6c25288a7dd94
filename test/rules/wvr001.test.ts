import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

const waived = (expires: string) =>
  topology((t) => {
    delete findNode(t, 'sql-1').ha;
    t.waivers = [{ rule: 'HA001', node: 'sql-1', reason: 'hypervisor FT', expires }];
  });

ruleTester('WVR001', {
  valid: [
    { name: 'expires today', topology: waived('2026-11-25'), today: '2026-11-25' },
    { name: 'expires later', topology: waived('2027-01-01'), today: '2026-11-25' },
  ],
  invalid: [
    {
      name: 'expired yesterday',
      topology: waived('2026-11-24'),
      today: '2026-11-25',
      errors: [{ node: 'sql-1', at: '- rule: HA001' }],
    },
  ],
});
