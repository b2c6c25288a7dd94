import { ruleTester } from '../support/rule-tester.js';
import { addNode, removeNode, topology } from '../support/topology.js';

ruleTester('LIFE001', {
  valid: [
    {
      name: 'no baseline',
      topology: topology((t) => addNode(t, 'ddb-4', ['distributed-db'], { instanceType: 'r6i.large' })),
    },
    { name: 'same count', topology: topology(), baseline: topology() },
    {
      name: 'same count, other nodes resized',
      topology: topology((t) => (t.nodes[1].instanceType = 'r6i.xlarge')),
      baseline: topology(),
    },
  ],
  invalid: [
    {
      name: 'a node added',
      topology: topology((t) => addNode(t, 'ddb-4', ['distributed-db'], { instanceType: 'r6i.large' })),
      baseline: topology(),
      errors: [{ node: 'ddb-4' }],
    },
    {
      name: 'a node removed',
      topology: topology((t) => removeNode(t, 'ddb-3')),
      baseline: topology(),
      errors: [{ at: 'nodes:' }],
    },
  ],
});
