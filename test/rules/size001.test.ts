import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('SIZE001', {
  valid: [
    { name: 'reference-sized instance types', topology: topology() },
    { name: 'unknown resources are not judged', topology: topology((t) => delete findNode(t, 'sql-1').instanceType) },
    {
      name: 'explicit resources at the reference',
      topology: topology((t) => (findNode(t, 'web-1').resources = { vcpus: 8, memoryGiB: 8 })),
    },
  ],
  invalid: [
    {
      name: 'a small SQL master',
      topology: topology((t) => (findNode(t, 'sql-1').instanceType = 'm7i.xlarge')),
      errors: [{ node: 'sql-1' }],
    },
    {
      name: 'explicit resources below High-CPU Extra Large',
      topology: topology((t) => {
        delete findNode(t, 'sip-1').instanceType;
        findNode(t, 'sip-1').resources = { vcpus: 4, memoryGiB: 8 };
      }),
      errors: [{ node: 'sip-1' }],
    },
    {
      name: 'explicit resources override the type',
      topology: topology((t) => (findNode(t, 'worker-1').resources = { vcpus: 2 })),
      errors: [{ node: 'worker-1' }],
    },
  ],
});
