import { ruleTester } from '../support/rule-tester.js';
import { topology, toYaml } from '../support/topology.js';

ruleTester('SCH001', {
  valid: [
    { name: 'YAML', topology: topology() },
    { name: 'JSON', topology: JSON.stringify(topology(), null, '\t') },
  ],
  invalid: [
    { name: 'broken YAML', topology: 'version: 1\nname: "unterminated\n', errors: [{ line: 3 }] },
    { name: 'a scalar at the top', topology: 'just text', errors: [{ line: 1 }] },
    { name: 'empty', topology: '   \n', errors: [{ line: 1 }] },
    { name: 'two documents', topology: toYaml(topology()) + '---\n' + toYaml(topology()), errors: [{}] },
    {
      name: 'an alias bomb',
      topology:
        'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
      errors: [{ line: 1 }],
    },
    { name: 'NUL bytes', topology: 'version: 1\u0000\n', errors: [{ line: 1 }] },
    { name: 'deep nesting', topology: '['.repeat(5000), errors: [{ line: 1 }] },
  ],
});
