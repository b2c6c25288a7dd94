import { ruleTester } from '../support/rule-tester.js';
import { addNode, removeNode, topology } from '../support/topology.js';

const es = (n: number) =>
  topology((t) => {
    ['es-1', 'es-2', 'es-3'].forEach((x) => removeNode(t, x));
    for (let i = 1; i <= n; i++) addNode(t, `es-${i}`, ['es'], { instanceType: 'r6i.large' });
  });

ruleTester('HA003', {
  valid: [
    { name: 'three', topology: es(3) },
    { name: 'seven', topology: es(7) },
  ],
  invalid: [
    { name: 'one', topology: es(1), errors: [{ node: 'es-1', severity: 'warning' }] },
    { name: 'two', topology: es(2), errors: [{ node: 'es-1', severity: 'warning' }] },
    { name: 'six', topology: es(6), errors: [{ node: 'es-1', severity: 'info' }] },
  ],
});
