import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('SIZE004', {
  valid: [{ name: 'every node monitored', topology: topology() }],
  invalid: [
    {
      name: 'one node without metrics',
      topology: topology((t) => delete findNode(t, 'pbx-2').metrics),
      errors: [{ node: 'pbx-2', severity: 'info' }],
    },
    {
      name: 'no metrics at all',
      topology: topology((t) => t.nodes.forEach((n: Record<string, unknown>) => delete n.metrics)),
      errors: [{ node: 'sql-1' }],
    },
  ],
});
