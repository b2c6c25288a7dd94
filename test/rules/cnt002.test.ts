import { ruleTester } from '../support/rule-tester.js';
import { addNode, topology } from '../support/topology.js';

const slaves =
  (n: number, shard = 1) =>
  (t: Record<string, any>) => {
    for (let i = 1; i <= n; i++)
      addNode(t, `sql-r${shard}-${i}`, ['sql-slave'], { shard, instanceType: 'i4i.4xlarge' });
  };

ruleTester('CNT002', {
  valid: [
    { name: 'no slaves', topology: topology() },
    { name: 'four slaves', topology: topology(slaves(4)) },
  ],
  invalid: [
    { name: 'five slaves', topology: topology(slaves(5)), errors: [{ node: 'sql-r1-5' }] },
    {
      name: 'five slaves in shard 2',
      topology: topology((t) => {
        addNode(t, 'sql-m2', ['sql-master'], { shard: 2, ha: 'vm', instanceType: 'i4i.4xlarge' });
        slaves(5, 2)(t);
      }),
      errors: [{ node: 'sql-r2-5' }],
    },
  ],
});
