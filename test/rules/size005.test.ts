import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('SIZE005', {
  valid: [
    { name: 'NVMe SQL', topology: topology() },
    {
      name: 'HDD on a web node is not SQL',
      topology: topology((t) => (findNode(t, 'web-1').resources = { storage: 'hdd' })),
    },
  ],
  invalid: [
    {
      name: 'declared HDD',
      topology: topology((t) => (findNode(t, 'sql-1').resources = { storage: 'hdd' })),
      errors: [{ node: 'sql-1' }],
    },
    {
      name: 'a previous-generation HDD type',
      topology: topology((t) => (findNode(t, 'sql-1').instanceType = 'm1.large')),
      errors: [{ node: 'sql-1' }],
    },
  ],
});
