import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology, type Doc } from '../support/topology.js';

const place = (domain: 'host' | 'zone', assign: Record<string, string>) => (t: Doc) => {
  for (const [name, value] of Object.entries(assign)) findNode(t, name)[domain] = value;
};

ruleTester('HA010', {
  valid: [
    { name: 'no failure domains declared', topology: topology() },
    {
      name: 'clusters spread over zones',
      topology: topology(
        place('zone', {
          'ddb-1': 'a',
          'ddb-2': 'b',
          'ddb-3': 'c',
          'es-1': 'a',
          'es-2': 'b',
          'es-3': 'c',
          'sip-1': 'a',
          'sip-2': 'b',
        }),
      ),
    },
    { name: 'a quorum-safe share on one host', topology: topology(place('host', { 'ddb-1': 'h1', 'ddb-2': 'h2' })) },
  ],
  invalid: [
    {
      name: 'two of three distributed-db nodes on one host',
      topology: topology(place('host', { 'ddb-1': 'h1', 'ddb-2': 'h1', 'ddb-3': 'h2' })),
      errors: [{ node: 'ddb-1' }],
    },
    {
      name: 'all SIP nodes in one zone',
      topology: topology(place('zone', { 'sip-1': 'az-a', 'sip-2': 'az-a' })),
      errors: [{ node: 'sip-1' }],
    },
    {
      name: 'a master and its slave on one host',
      topology: topology((t) => {
        t.nodes.push({
          name: 'sql-2',
          roles: ['sql-slave'],
          private: 'sql-2.int.example.com',
          host: 'h9',
          instanceType: 'i4i.4xlarge',
          metrics: { cpu: 0.1 },
        });
        findNode(t, 'sql-1').host = 'h9';
      }),
      errors: [{ node: 'sql-1' }],
    },
  ],
});
