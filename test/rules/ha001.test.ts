import { ruleTester } from '../support/rule-tester.js';
import { addNode, findNode, topology } from '../support/topology.js';

ruleTester('HA001', {
  valid: [{ name: 'master with ha: vm', topology: topology() }],
  invalid: [
    {
      name: 'master without ha',
      topology: topology((t) => delete findNode(t, 'sql-1').ha),
      errors: [{ node: 'sql-1' }],
    },
    {
      name: 'master with ha: none',
      topology: topology((t) => (findNode(t, 'sql-1').ha = 'none')),
      errors: [{ node: 'sql-1' }],
    },
    {
      name: "a second shard's master",
      topology: topology((t) => addNode(t, 'sql-s2', ['sql-master'], { shard: 2, instanceType: 'i4i.4xlarge' })),
      errors: [{ node: 'sql-s2' }],
    },
  ],
});
