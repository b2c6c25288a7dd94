import { ruleTester } from '../support/rule-tester.js';
import { findNode, topology } from '../support/topology.js';

ruleTester('SIZE003', {
  valid: [
    {
      name: 'below 80 %',
      topology: topology((t) => (findNode(t, 'web-1').metrics = { cpu: 0.794, memory: 0.5, io: 0.1 })),
    },
  ],
  invalid: [
    {
      name: 'web at 80 % cpu',
      topology: topology((t) => (findNode(t, 'web-1').metrics = { cpu: 0.8 })),
      errors: [{ node: 'web-1', severity: 'info' }],
    },
    {
      name: 'sql at 95 % io',
      topology: topology((t) => (findNode(t, 'sql-1').metrics = { io: 0.95 })),
      errors: [{ node: 'sql-1', severity: 'warning' }],
    },
    {
      name: '0.896 prints as 90 %, so it is a warning',
      topology: topology((t) => (findNode(t, 'web-1').metrics = { cpu: 0.896 })),
      errors: [{ node: 'web-1', severity: 'warning' }],
    },
    {
      name: '0.796 prints as 80 %, so it is reported',
      topology: topology((t) => (findNode(t, 'web-1').metrics = { cpu: 0.796 })),
      errors: [{ node: 'web-1', severity: 'info' }],
    },
    {
      name: 'distributed-db at 90 % memory',
      topology: topology((t) => (findNode(t, 'ddb-2').metrics = { memory: 0.9 })),
      errors: [{ node: 'ddb-2', severity: 'warning' }],
    },
  ],
});
