import { ruleTester } from '../support/rule-tester.js';
import { addNode, findNode, topology } from '../support/topology.js';

const grown = (extensions: number) =>
  topology((t) => {
    t.system.extensions = extensions;
    addNode(t, 'ddb-4', ['distributed-db'], { instanceType: 'r6i.large' });
  });

ruleTester('LIFE003', {
  valid: [
    { name: 'no baseline', topology: grown(1000) },
    { name: '3 extensions', topology: grown(3), baseline: topology() },
    {
      name: 'existing distributed-db nodes with many extensions',
      topology: topology((t) => (t.system.extensions = 900)),
      baseline: topology(),
    },
  ],
  invalid: [
    { name: 'a new node with 4 extensions', topology: grown(4), baseline: topology(), errors: [{ node: 'ddb-4' }] },
    {
      name: 'an existing node gains the role',
      topology: topology((t) => {
        t.system.extensions = 50;
        findNode(t, 'worker-1').roles = ['worker', 'ddb'];
      }),
      baseline: topology(),
      errors: [{ node: 'worker-1' }],
    },
  ],
});
