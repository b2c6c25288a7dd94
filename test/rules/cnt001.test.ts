import { ruleTester } from '../support/rule-tester.js';
import { addNode, findNode, removeNode, topology } from '../support/topology.js';

ruleTester('CNT001', {
  valid: [
    { name: 'one master', topology: topology() },
    {
      name: 'one master per shard',
      topology: topology((t) =>
        addNode(t, 'sql-s2', ['sql-master'], { shard: 2, ha: 'vm', instanceType: 'i4i.4xlarge' }),
      ),
    },
  ],
  invalid: [
    {
      name: 'two masters in shard 1',
      topology: topology((t) => addNode(t, 'sql-2', ['mysql-master'], { ha: 'vm', instanceType: 'i4i.4xlarge' })),
      errors: [{ node: 'sql-2' }],
    },
    { name: 'no SQL at all', topology: topology((t) => removeNode(t, 'sql-1')), errors: [{ at: 'nodes:' }] },
    {
      name: 'a shard of slaves only',
      topology: topology((t) => addNode(t, 'sql-s2-r', ['sql-slave'], { shard: 2, instanceType: 'i4i.4xlarge' })),
      errors: [{ node: 'sql-s2-r' }],
    },
    {
      name: 'master moved to shard 2 leaves shard 1 empty',
      topology: topology((t) => (findNode(t, 'sql-1').shard = 2)),
      errors: [{ at: 'nodes:' }],
    },
  ],
});
