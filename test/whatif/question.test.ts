import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../src/topology/parse.js';
import { parseQuestion } from '../../src/whatif/question.js';
import { cleanTopology, findNode, toYaml } from '../support/topology.js';

const doc = cleanTopology();
findNode(doc, 'sip-1').zone = 'az-a';
findNode(doc, 'pbx-1').host = 'hv-7';
const parsed = parseTopology(toYaml(doc));
if (!parsed.ok) throw new Error('test topology is invalid');
const t = parsed.topology;

describe('parseQuestion understands questions as people ask them', () => {
  it.each([
    ['what happens if PBX fails', [{ kind: 'role', role: 'pbx', count: 1 }]],
    ['What happens if PBX fails?', [{ kind: 'role', role: 'pbx', count: 1 }]],
    ['what if two SIP nodes go down', [{ kind: 'role', role: 'sip', count: 2 }]],
    ['2 sip nodes die', [{ kind: 'role', role: 'sip', count: 2 }]],
    ['all elasticsearch', [{ kind: 'role', role: 'elasticsearch', count: 'all' }]],
    ['what happens if all elasticsearch nodes are lost', [{ kind: 'role', role: 'elasticsearch', count: 'all' }]],
    ['the sql master crashes', [{ kind: 'role', role: 'sql-master', count: 1 }]],
    ['if the mysql master goes down', [{ kind: 'role', role: 'sql-master', count: 1 }]],
    ['both workers fail', [{ kind: 'role', role: 'worker', count: 2 }]],
    ['three distributed database nodes are lost', [{ kind: 'role', role: 'distributed-db', count: 3 }]],
    ['hubring fails', [{ kind: 'role', role: 'distributed-db', count: 1 }]],
    ['the infrastructure controller dies', [{ kind: 'role', role: 'infrastructure-controller', count: 1 }]],
    ['a web node goes down', [{ kind: 'role', role: 'web', count: 1 }]],
    ['sip-2 dies', [{ kind: 'node', name: 'sip-2' }]],
    ['what if node worker-1 crashes', [{ kind: 'node', name: 'worker-1' }]],
    ['host hv-7 goes down', [{ kind: 'host', name: 'hv-7' }]],
    ['zone az-a is lost', [{ kind: 'zone', name: 'az-a' }]],
    ['lb-a fails', [{ kind: 'balancer', name: 'lb-a' }]],
    [
      'sip-1 and pbx-2 fail',
      [
        { kind: 'node', name: 'sip-1' },
        { kind: 'node', name: 'pbx-2' },
      ],
    ],
    [
      'what happens if one PBX and 2 SIP nodes crash at once',
      [
        { kind: 'role', role: 'pbx', count: 1 },
        { kind: 'role', role: 'sip', count: 2 },
      ],
    ],
  ])('%s', (question, targets) => {
    const result = parseQuestion(question, t);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.targets).toMatchObject(targets);
  });

  it.each(['what happens if the moon falls', 'sip-9 dies', 'what happens', 'banana'])(
    'says what it understood and gives three examples: %s',
    (question) => {
      const result = parseQuestion(question, t);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.examples).toHaveLength(3);
        expect(result.problem.length).toBeGreaterThan(10);
      }
    },
  );

  it('keeps what it understood before the part it could not read', () => {
    const result = parseQuestion('pbx-1 and the toaster fail', t);
    expect(result).toMatchObject({ ok: false, understood: ['node pbx-1'] });
  });
});
