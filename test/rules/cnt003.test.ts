import { ruleTester } from '../support/rule-tester.js';
import { addNode, removeNode, topology } from '../support/topology.js';

ruleTester('CNT003', {
  valid: [
    { name: 'three', topology: topology() },
    { name: 'one', topology: topology((t) => ['ddb-2', 'ddb-3'].forEach((n) => removeNode(t, n))) },
    {
      name: '128',
      topology: topology((t) => {
        for (let i = 4; i <= 128; i++) addNode(t, `ddb-${i}`, ['ddb'], { instanceType: 'r6i.large' });
        t.network.private = '10.0.0.0/20';
      }),
    },
  ],
  invalid: [
    {
      name: 'none',
      topology: topology((t) => ['ddb-1', 'ddb-2', 'ddb-3'].forEach((n) => removeNode(t, n))),
      errors: [{ at: 'nodes:' }],
    },
    {
      name: '129',
      topology: topology((t) => {
        for (let i = 4; i <= 129; i++) addNode(t, `ddb-${i}`, ['hubring'], { instanceType: 'r6i.large' });
        t.network.private = '10.0.0.0/20';
      }),
      errors: [{ node: 'ddb-129' }],
    },
  ],
});
