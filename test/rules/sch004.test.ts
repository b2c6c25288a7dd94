import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology, toYaml } from '../support/topology.js';

ruleTester('SCH004', {
  valid: [{ name: 'unique names and keys', topology: topology() }],
  invalid: [
    {
      name: 'two nodes share a name',
      topology: topology((t) => (findNode(t, 'worker-2').name = 'worker-1')),
      errors: [{ at: 'name: worker-1' }],
    },
    {
      name: 'a duplicated key',
      topology: toYaml(topology()).replace('name: clean\n', 'name: clean\nname: again\n'),
      errors: [{ line: 3 }],
    },
  ],
});
