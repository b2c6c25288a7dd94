import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('NET003', {
  valid: [
    { name: 'private-only roles stay private', topology: topology() },
    { name: 'a controller may have one', topology: topology((t) => (findNode(t, 'ic-1').public = 'ic.example.com')) },
  ],
  invalid: [
    {
      name: 'sql master exposed',
      topology: topology((t) => (findNode(t, 'sql-1').public = 'db.example.com')),
      errors: [{ node: 'sql-1' }],
    },
    {
      name: 'worker exposed',
      topology: topology((t) => (findNode(t, 'worker-1').public = 'w.example.com')),
      errors: [{ node: 'worker-1' }],
    },
    {
      name: 'elasticsearch exposed',
      topology: topology((t) => (findNode(t, 'es-2').public = 'es.example.com')),
      errors: [{ node: 'es-2' }],
    },
    {
      name: 'distributed-db exposed',
      topology: topology((t) => (findNode(t, 'ddb-3').public = 'ddb.example.com')),
      errors: [{ node: 'ddb-3' }],
    },
  ],
});
