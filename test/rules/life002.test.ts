import { ruleTester } from '../support/rule-tester.js';
import { addNode, findNode, removeNode, topology } from '../support/topology.js';

ruleTester('LIFE002', {
  valid: [
    { name: 'no baseline', topology: topology((t) => removeNode(t, 'sip-2')) },
    { name: 'SIP nodes kept', topology: topology(), baseline: topology() },
    {
      name: 'a SIP node added',
      topology: topology((t) =>
        addNode(t, 'sip-3', ['sip'], { public: 'sip-3.example.com', ha: 'vm', instanceType: 'c7i.2xlarge' }),
      ),
      baseline: topology(),
    },
  ],
  invalid: [
    {
      name: 'a SIP node removed',
      topology: topology((t) => removeNode(t, 'sip-2')),
      baseline: topology(),
      errors: [{ node: 'sip-2', at: 'nodes:' }],
    },
    {
      name: 'a node stops running sip',
      topology: topology((t) => (findNode(t, 'sip-1').roles = ['pbx'])),
      baseline: topology(),
      errors: [{ node: 'sip-1' }],
    },
  ],
});
