import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('SCH003', {
  valid: [
    { name: 'role ids', topology: topology() },
    {
      name: 'aliases in any case and separator',
      topology: topology((t) => {
        findNode(t, 'sql-1').roles = ['MySQL_Master'];
        findNode(t, 'web-1').roles = ['Web UI'];
        findNode(t, 'ic-1').roles = ['IC'];
      }),
    },
  ],
  invalid: [
    {
      name: 'an unknown role',
      topology: topology((t) => (findNode(t, 'web-1').roles = ['webb'])),
      errors: [{ at: '- webb' }],
    },
  ],
});
