import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../src/topology/parse.js';
import { whatIf, type WhatIfAnswer } from '../../src/whatif/simulate.js';
import { addNode, findNode, removeNode, topology, toYaml, type Doc } from '../support/topology.js';

function ask(doc: Doc, question: string): WhatIfAnswer {
  const parsed = parseTopology(toYaml(doc));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const answer = whatIf(parsed.topology, question);
  if (!answer.ok) throw new Error(answer.problem);
  return answer;
}

const impact = (a: WhatIfAnswer, role: string) => a.impacts.find((i) => i.role === role)!;

describe('what-if follows the spec table', () => {
  it('sql-slave: none', () => {
    const a = ask(
      topology((t) => addNode(t, 'sql-2', ['sql-slave'], { instanceType: 'i4i.4xlarge' })),
      'sql slave fails',
    );
    expect(a).toMatchObject({ overall: 'none', failed: ['sql-2'] });
    expect(impact(a, 'sql-slave').strategy).toBe('OS LEVEL');
  });

  it('sql-master: total, OS LEVEL', () => {
    const a = ask(topology(), 'what happens if the sql master fails');
    expect(a.overall).toBe('total');
    expect(impact(a, 'sql-master')).toMatchObject({ level: 'total', strategy: 'OS LEVEL' });
    expect(impact(a, 'sql-master').outcome).toMatch(/totally lost/);
  });

  it('distributed-db: none while quorum holds, total beyond it', () => {
    const one = ask(topology(), 'one distributed-db node fails');
    expect(impact(one, 'distributed-db')).toMatchObject({
      level: 'none',
      strategy: 'APP LEVEL',
      quorum: { before: 3, after: 2, needed: 2, holds: true },
    });
    const two = ask(topology(), 'two ddb nodes fail');
    expect(impact(two, 'distributed-db')).toMatchObject({ level: 'total', quorum: { after: 1, holds: false } });
  });

  it('elasticsearch: degraded beyond quorum', () => {
    expect(impact(ask(topology(), 'all elasticsearch'), 'elasticsearch')).toMatchObject({
      level: 'degraded',
      quorum: { before: 3, after: 0, holds: false },
    });
    expect(impact(ask(topology(), 'es-1 dies'), 'elasticsearch').level).toBe('none');
  });

  it('web: none behind a health-checked balancer with a survivor; total otherwise', () => {
    expect(impact(ask(topology(), 'web-1 fails'), 'web').level).toBe('none');
    expect(
      impact(
        ask(
          topology((t) => t.loadBalancers.forEach((lb: Doc) => (lb.healthCheck = false))),
          'web-1 fails',
        ),
        'web',
      ).level,
    ).toBe('total');
    expect(impact(ask(topology(), 'all web nodes fail'), 'web').level).toBe('total');
    expect(impact(ask(topology(), 'lb-a and lb-b fail'), 'web').level).toBe('total');
  });

  it('sip: partial with customers hit from `customers`, calls not dropped; total when none is left', () => {
    const a = ask(topology(), 'what if a SIP node goes down');
    expect(impact(a, 'sip')).toMatchObject({
      level: 'partial',
      strategy: 'OS LEVEL',
      callsDropped: false,
      customersAffected: { count: 300, share: 0.75 },
    });
    expect(a.notes.join()).toMatch(/worst case/);
    expect(impact(ask(topology(), 'sip-2 dies'), 'sip').customersAffected).toEqual({ count: 100, share: 0.25 });
    expect(impact(ask(topology(), 'both sip nodes die'), 'sip')).toMatchObject({
      level: 'total',
      customersAffected: { share: 1 },
    });
  });

  it('sip without customers uses the node share', () => {
    const doc = topology((t) => t.nodes.forEach((n: Doc) => delete n.customers));
    expect(impact(ask(doc, 'sip-1 fails'), 'sip').customersAffected).toEqual({ share: 0.5 });
  });

  it('pbx: partial and calls drop; total when none is left', () => {
    const a = ask(topology(), 'what happens if PBX fails');
    expect(a.overall).toBe('partial');
    expect(impact(a, 'pbx')).toMatchObject({ level: 'partial', callsDropped: true });
    expect(
      impact(
        ask(
          topology((t) => removeNode(t, 'pbx-2')),
          'pbx fails',
        ),
        'pbx',
      ).level,
    ).toBe('total');
  });

  it('infrastructure-controller: degraded, none when another survives', () => {
    expect(impact(ask(topology(), 'ic fails'), 'infrastructure-controller').level).toBe('degraded');
    expect(
      impact(
        ask(
          topology((t) => addNode(t, 'ic-2', ['ic'])),
          'ic-1 fails',
        ),
        'infrastructure-controller',
      ).level,
    ).toBe('none');
  });

  it('worker: none while survivors cope; degraded over 100 % by metrics; total with none left', () => {
    expect(impact(ask(topology(), 'worker-1 fails'), 'worker').level).toBe('none');
    const busy = topology((t) => ['worker-1', 'worker-2'].forEach((w) => (findNode(t, w).metrics.cpu = 0.7)));
    expect(impact(ask(busy, 'worker-1 fails'), 'worker').level).toBe('degraded');
    expect(impact(ask(topology(), 'all workers'), 'worker').level).toBe('total');
  });

  it('host and zone take every node in them; overall is the worst level', () => {
    const doc = topology((t) => {
      findNode(t, 'sql-1').zone = 'az-a';
      findNode(t, 'sip-1').zone = 'az-a';
      findNode(t, 'es-1').host = 'hv-1';
      findNode(t, 'es-2').host = 'hv-1';
    });
    const zone = ask(doc, 'zone az-a goes down');
    expect(zone.failed).toEqual(['sql-1', 'sip-1']);
    expect(zone.overall).toBe('total');
    const host = ask(doc, 'host hv-1 fails');
    expect(host).toMatchObject({ failed: ['es-1', 'es-2'], overall: 'degraded' });
  });

  it('an unknown host is a clear refusal, not a guess', () => {
    const parsed = parseTopology(toYaml(topology()));
    if (!parsed.ok) throw new Error();
    expect(whatIf(parsed.topology, 'host hv-99 fails')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/no node declares a host/),
    });
  });
});
