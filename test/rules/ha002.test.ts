import { ruleTester } from '../support/rule-tester.js';
import { addNode, removeNode, topology } from '../support/topology.js';

const ddb = (n: number) =>
  topology((t) => {
    ['ddb-1', 'ddb-2', 'ddb-3'].forEach((x) => removeNode(t, x));
    for (let i = 1; i <= n; i++) addNode(t, `ddb-${i}`, ['distributed-db'], { instanceType: 'r6i.large' });
  });

ruleTester('HA002', {
  valid: [
    { name: 'three', topology: ddb(3) },
    { name: 'five', topology: ddb(5) },
  ],
  invalid: [
    { name: 'one', topology: ddb(1), errors: [{ node: 'ddb-1', severity: 'warning' }] },
    { name: 'two', topology: ddb(2), errors: [{ node: 'ddb-1', severity: 'warning' }] },
    { name: 'four', topology: ddb(4), errors: [{ node: 'ddb-1', severity: 'info' }] },
  ],
});
