import { ruleTester } from '../support/rule-tester.js';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.js';
import { findNode, topology, toYaml } from '../support/topology.js';

ruleTester('WVR002', {
  valid: [
    {
      name: 'a waiver in use',
      topology: topology((t) => {
        delete findNode(t, 'sql-1').ha;
        t.waivers = [{ rule: 'HA001', reason: 'FT' }];
      }),
    },
  ],
  invalid: [
    {
      name: 'waives a rule that does not fire',
      topology: topology((t) => (t.waivers = [{ rule: 'HA001', reason: 'FT' }])),
      errors: [{ at: '- rule: HA001' }],
    },
    {
      name: 'names the wrong node',
      topology: topology((t) => {
        delete findNode(t, 'sql-1').ha;
        t.waivers = [{ rule: 'HA001', node: 'sql-9', reason: 'FT' }];
      }),
      errors: [{ node: 'sql-9', at: '- rule: HA001' }],
    },
    {
      name: 'names a rule id that does not exist',
      topology: topology((t) => (t.waivers = [{ rule: 'HA099', reason: 'typo' }])),
      errors: [{ at: '- rule: HA099' }],
    },
  ],
});

describe('WVR002 wording', () => {
  it('says when the rule id does not exist', () => {
    const yaml = toYaml(topology((t) => (t.waivers = [{ rule: 'HA099', reason: 'typo' }])));
    const f = checkText(yaml, { today: '2026-11-25' }).findings.find((x) => x.rule === 'WVR002')!;
    expect(f).toMatchObject({ messageId: 'unknownRule' });
    expect(f.message).toMatch(/there is no rule HA099/);
  });
});
