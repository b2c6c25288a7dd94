import { ruleTester } from '../support/rule-tester.js';
import { addNode, topology } from '../support/topology.js';

ruleTester('CNT010', {
  valid: [
    {
      name: 'master and slave on separate nodes',
      topology: topology((t) => addNode(t, 'sql-r1', ['sql-slave'], { shard: 1, instanceType: 'i4i.4xlarge' })),
    },
    { name: 'no slave at all', topology: topology() },
  ],
  invalid: [
    {
      name: 'master node also runs sql-slave',
      topology: topology((t) => {
        const master = t.nodes.find((n: { name: string }) => n.name === 'sql-1');
        master.roles = ['sql-master', 'sql-slave'];
      }),
      errors: [{ node: 'sql-1' }],
    },
  ],
});
