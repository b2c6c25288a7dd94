import { describe, expect, it } from 'vitest';
import { whatIf } from '../../src/whatif/simulate.js';
import { TOPOLOGIES } from './topologies.js';

/**
 * The question table: how people ask, and what each question must fail — or why it must be refused.
 * Expected: the failed node names (in file order), optionally balancers and the overall level; or a
 * refusal whose problem matches and whose candidates include the given readings.
 */
type Expect =
  string[] | { failed?: string[]; balancers?: string[]; overall?: string } | { refused: RegExp; candidates?: string[] };

const MEDIUM_ALL_FRA1 = ['sql-1', 'ddb-1', 'es-1', 'web-1', 'sip-1', 'pbx-1', 'ic-1', 'worker-1'];

const TABLE: [string, string, Expect][] = [
  // medium: one role per node, hosts hv-NN, zones fra-1..3
  ['medium', 'what happens if PBX fails', { failed: ['pbx-1'], overall: 'partial' }],
  ['medium', 'What happens if PBX fails?', ['pbx-1']],
  ['medium', 'what if the PBX server fails', ['pbx-1']],
  ['medium', 'what if a pbx node dies', ['pbx-1']],
  ['medium', 'one of the PBX nodes crashes', ['pbx-1']],
  ['medium', 'what if the pbx nodes go down', { failed: ['pbx-1', 'pbx-2', 'pbx-3'], overall: 'total' }],
  ['medium', 'all pbxes fail', ['pbx-1', 'pbx-2', 'pbx-3']],
  ['medium', 'what if 2 of the 3 PBX boxes die', ['pbx-1', 'pbx-2']],
  ['medium', 'two pbx instances crash', ['pbx-1', 'pbx-2']],
  ['medium', 'what if we lose both sql slaves', { failed: ['sql-2', 'sql-3'], overall: 'none' }],
  ['medium', 'both replicas die', ['sql-2', 'sql-3']],
  ['medium', 'a sql slave fails', ['sql-2']],
  ['medium', 'what if the sql master goes down', { failed: ['sql-1'], overall: 'total' }],
  ['medium', 'if the sql master goes down on prod, what breaks?', ['sql-1']],
  ['medium', 'what if we lose the master db', ['sql-1']],
  ['medium', 'the mysql master crashes', ['sql-1']],
  ['medium', 'what happens when the primary database dies', ['sql-1']],
  ['medium', 'what if sql-master fails', ['sql-1']],
  ['medium', 'what if SQL fails', ['sql-1']],
  ['medium', 'what if the sql servers all go down', ['sql-1', 'sql-2', 'sql-3']],
  ['medium', 'what if the web servers go down', { failed: ['web-1', 'web-2'], overall: 'total' }],
  ['medium', 'web nodes fail', ['web-1', 'web-2']],
  ['medium', 'what if a web server crashes', { failed: ['web-1'], overall: 'none' }],
  ['medium', 'what if the web interface is unreachable', ['web-1']],
  ['medium', 'the WMI dies', ['web-1']],
  ['medium', 'what if the webserver goes offline', ['web-1']],
  ['medium', 'what if the SIP nodes go down', ['sip-1', 'sip-2', 'sip-3']],
  ['medium', 'one of the SIP nodes dies', { failed: ['sip-1'], overall: 'partial' }],
  ['medium', 'what if two SIP nodes go down', ['sip-1', 'sip-2']],
  ['medium', 'sip proxies crash', ['sip-1', 'sip-2', 'sip-3']],
  ['medium', 'what if sip-2 fails', ['sip-2']],
  ['medium', 'server sip-3 reboots', ['sip-3']],
  ['medium', 'what if node sip-3 is unreachable', ['sip-3']],
  ['medium', "what happens if sip-1's box dies", ['sip-1']],
  ['medium', 'sip-1, sip-2 and pbx-3 go down', ['sip-1', 'sip-2', 'pbx-3']],
  ['medium', 'sip-1 & pbx-1 crash at the same time', ['sip-1', 'pbx-1']],
  ['medium', 'sip-1 plus pbx-2', ['sip-1', 'pbx-2']],
  ['medium', 'what if sip-1 fails together with pbx-1', ['sip-1', 'pbx-1']],
  ['medium', 'what happens if hv-21 loses power', { failed: ['sql-2'], overall: 'none' }],
  ['medium', 'host hv-11 goes down', ['sql-1']],
  ['medium', 'hypervisor hv-15 dies', ['sip-1']],
  ['medium', 'the hv-16 host crashes', ['pbx-1']],
  ['medium', 'what if fra-1 goes dark', MEDIUM_ALL_FRA1],
  ['medium', 'zone fra-1 is lost', MEDIUM_ALL_FRA1],
  ['medium', 'what if the fra-1 datacenter floods', MEDIUM_ALL_FRA1],
  ['medium', 'site fra-1 is partitioned', MEDIUM_ALL_FRA1],
  ['medium', 'what if lb-fra-1 fails', { failed: [], balancers: ['lb-fra-1'], overall: 'none' }],
  ['medium', 'lb-fra-1 and lb-fra-2 die', { failed: [], balancers: ['lb-fra-1', 'lb-fra-2'], overall: 'total' }],
  ['medium', 'both load balancers fail', { failed: [], balancers: ['lb-fra-1', 'lb-fra-2'], overall: 'total' }],
  ['medium', 'the load balancer fails', { failed: [], balancers: ['lb-fra-1'] }],
  ['medium', 'all elasticsearch nodes die', { failed: ['es-1', 'es-2', 'es-3'], overall: 'degraded' }],
  ['medium', 'the elasticsearch cluster fails', ['es-1', 'es-2', 'es-3']],
  ['medium', 'an ES node crashes', { failed: ['es-1'], overall: 'none' }],
  ['medium', 'elastic search is down', ['es-1']],
  ['medium', 'what if 2 of the 3 ddb nodes die', { failed: ['ddb-1', 'ddb-2'], overall: 'total' }],
  ['medium', 'a distributed database node fails', { failed: ['ddb-1'], overall: 'none' }],
  ['medium', 'the hubring cluster goes down', ['ddb-1', 'ddb-2', 'ddb-3']],
  ['medium', 'the infrastructure controller dies', { failed: ['ic-1'], overall: 'degraded' }],
  ['medium', 'the IC reboots', ['ic-1']],
  ['medium', 'what if the infra controller is isolated', ['ic-1']],
  ['medium', 'a worker fails', ['worker-1']],
  ['medium', 'the workers fail', { failed: ['worker-1', 'worker-2', 'worker-3'], overall: 'total' }],
  ['medium', 'all 3 workers crash', ['worker-1', 'worker-2', 'worker-3']],
  ['medium', 'every worker node dies', ['worker-1', 'worker-2', 'worker-3']],
  ['medium', 'so what would happen if pbx-2 went down?', ['pbx-2']],
  ['medium', 'suppose sql-2 is lost', ['sql-2']],
  ['medium', 'imagine worker-3 gets killed', ['worker-3']],
  ['medium', 'simulate es-2 crashing', ['es-2']],
  ['medium', 'what if the sql master and both slaves fail', ['sql-1', 'sql-2', 'sql-3']],
  ['medium', 'what if a web node and a pbx node fail', ['web-1', 'pbx-1']],
  ['medium', 'what if a host fails', { overall: 'total' }],
  ['medium', 'what if any single zone goes down', { overall: 'total' }],
  ['medium', 'sip-9 dies', { refused: /sip-9/, candidates: ['node sip-1', 'node sip-2', 'node sip-3'] }],
  ['medium', 'what if pbz fails', { refused: /did you mean "pbx"/ }],
  ['medium', 'what if elasticsaerch fails', { refused: /did you mean "elasticsearch"/ }],
  ['medium', 'what if hv-99 fails', { refused: /hv-99/ }],
  ['medium', 'host hv-99 goes down', { refused: /no host named "hv-99"/ }],
  ['medium', 'what if fra-4 goes dark', { refused: /fra-4/, candidates: ['zone fra-1'] }],
  [
    'medium',
    'what if the database fails',
    { refused: /could mean/, candidates: ['one sql-master node', 'one distributed-db node'] },
  ],
  ['medium', 'what if the db dies', { refused: /could mean/ }],
  ['medium', 'what if 4 sip nodes fail', { refused: /only 3/, candidates: ['all 3 sip nodes'] }],
  ['medium', 'what if 2 of the 4 sip nodes fail', { refused: /counts 4/, candidates: ['2 of the 3 sip nodes'] }],
  ['medium', 'both sip nodes fail', { refused: /counts 2/, candidates: ['all 3 sip nodes'] }],
  ['medium', 'what if sip-1 or sip-2 fails', { refused: /alternatives/ }],
  ['medium', 'what happens if the moon falls', { refused: /could not find what fails/ }],
  ['medium', 'banana', { refused: /could not find what fails/ }],
  ['medium', 'what happens', { refused: /could not find what fails/ }],
  ['medium', 'pbx-1 and the toaster fail', { refused: /toaster/ }],
  ['medium', 'what if the jabber server fails', { refused: /no node runs jabber/ }],
  [
    'medium',
    'what if the zone fails',
    { refused: /which zone/, candidates: ['zone fra-1', 'zone fra-2', 'zone fra-3'] },
  ],
  // small: every role spread over three shared nodes
  ['small', 'what if hv-1 dies', { failed: ['node-1'], overall: 'total' }],
  ['small', 'what if node-2 and node-3 fail', ['node-2', 'node-3']],
  ['small', 'the web servers go down', ['node-2', 'node-3']],
  ['small', 'dc-1 is partitioned', ['node-1', 'node-2', 'node-3']],
  ['small', 'a pbx node crashes', { failed: ['node-2'], overall: 'partial' }],
  ['small', 'the ddb cluster fails', ['node-1', 'node-2', 'node-3']],
  ['small', 'one ddb node fails', ['node-1']],
  ['small', 'what if the master db goes down', ['node-1']],
  ['small', 'the infra controller is unreachable', ['node-1']],
  ['small', 'what happens if hv-2 & hv-3 go offline', ['node-2', 'node-3']],
  ['small', 'all hosts lose power', ['node-1', 'node-2', 'node-3']],
  ['small', 'what if the load balancers fail', { failed: [], balancers: ['lb-a', 'lb-b'], overall: 'total' }],
  ['small', 'what if lb-b dies', { failed: [], balancers: ['lb-b'], overall: 'none' }],
  ['small', 'what if node-4 fails', { refused: /node-4/, candidates: ['node node-1', 'node node-2', 'node node-3'] }],
  ['small', 'host hv-3 crashes', ['node-3']],
  ['small', 'the sip nodes', ['node-2', 'node-3']],
  ['small', 'a worker dies', ['node-2']],
  ['small', 'what if server node-1 reboots', ['node-1']],
  ['small', 'zone dc-1 goes dark', ['node-1', 'node-2', 'node-3']],
  ['small', 'what if the data center dc-1 floods', ['node-1', 'node-2', 'node-3']],
  ['small', 'what if the zone goes down', ['node-1', 'node-2', 'node-3']],
  ['small', 'what if the elasticsearch nodes die', ['node-1', 'node-2', 'node-3']],
  ['small', 'two elasticsearch nodes crash', { overall: 'total' }],
  ['small', 'what if the workers crash', ['node-2', 'node-3']],
  // dotted: names with dots and digits
  ['dotted', 'what if sip1.voip.example fails', { failed: ['sip1.voip.example'], overall: 'partial' }],
  ['dotted', 'what if sip1.voip.example fails?', ['sip1.voip.example']],
  ['dotted', 'what if sip1.voip.example fails.', ['sip1.voip.example']],
  ['dotted', 'SIP1.VOIP.EXAMPLE dies', ['sip1.voip.example']],
  ['dotted', 'server pbx1.voip.example crashes', ['pbx1.voip.example']],
  ['dotted', 'what if db.master.1 goes down', { failed: ['db.master.1'], overall: 'total' }],
  ['dotted', 'db.slave.2 and w.1 fail', ['db.slave.2', 'w.1']],
  ['dotted', 'w.1, w.2', ['w.1', 'w.2']],
  [
    'dotted',
    'hv.rack-1 loses power',
    ['db.master.1', 'ddb1.voip.example', 'web1.voip.example', 'sip1.voip.example', 'w.1'],
  ],
  ['dotted', 'host hv.rack-3 dies', ['ddb3.voip.example', 'sip2.voip.example', 'ic.voip.example', 'w.2']],
  [
    'dotted',
    'what if eu.west.1 goes down',
    ['db.master.1', 'ddb1.voip.example', 'web1.voip.example', 'sip1.voip.example', 'w.1'],
  ],
  ['dotted', 'zone eu.west.2 is lost', { overall: 'total' }],
  ['dotted', 'what if lb.public.1 fails', { failed: [], balancers: ['lb.public.1'], overall: 'total' }],
  ['dotted', 'the SIP node fails', ['sip1.voip.example']],
  ['dotted', 'a sip node with the fewest customers', { refused: /fewest/ }],
  ['dotted', 'what if the sip servers go down', ['sip1.voip.example', 'sip2.voip.example']],
  ['dotted', 'what if 2 ddb nodes fail', { failed: ['ddb1.voip.example', 'ddb2.voip.example'], overall: 'total' }],
  ['dotted', 'one distributed db node fails', { overall: 'none' }],
  ['dotted', 'the web servers', ['web1.voip.example', 'web2.voip.example']],
  ['dotted', 'what if the only pbx dies', { failed: ['pbx1.voip.example'], overall: 'total' }],
  [
    'dotted',
    'what if sip3.voip.example fails',
    { refused: /sip3\.voip\.example/, candidates: ['node sip1.voip.example'] },
  ],
  ['dotted', 'what if hv.rack-4 fails', { refused: /hv\.rack-4/ }],
  ['dotted', 'the workers', ['w.1', 'w.2']],
  ['dotted', 'the slave', ['db.slave.2']],
  ['dotted', 'the ic.voip.example vm reboots', ['ic.voip.example']],
  // reserved: names with and, down, with, or, all; a node named like its role
  ['reserved', 'what if web-and-sip-1 fails', ['web-and-sip-1']],
  ['reserved', 'web-and-sip-1 and web-and-sip-2 go down', ['web-and-sip-1', 'web-and-sip-2']],
  ['reserved', 'what if sql-down-1 goes down', { failed: ['sql-down-1'], overall: 'total' }],
  ['reserved', 'db-with-slave dies', { failed: ['db-with-slave'], overall: 'none' }],
  ['reserved', 'what if rack-down goes down', ['db-with-slave', 'ddb-all-2', 'ddb-all-3', 'web-and-sip-2', 'pbx']],
  [
    'reserved',
    'power-and-cooling loses power',
    ['sql-down-1', 'ddb-all-1', 'es-or-search', 'web-and-sip-1', 'ic-with-worker'],
  ],
  ['reserved', 'what if es-or-search fails', ['es-or-search']],
  ['reserved', 'what if ddb-all-1 and ddb-all-2 fail', { failed: ['ddb-all-1', 'ddb-all-2'], overall: 'total' }],
  ['reserved', 'what if lb-and-more fails', { failed: [], balancers: ['lb-and-more'], overall: 'none' }],
  [
    'reserved',
    'lb-and-more and lb-with-backup fail',
    { failed: [], balancers: ['lb-and-more', 'lb-with-backup'], overall: 'total' },
  ],
  ['reserved', 'what if pbx fails', { failed: ['pbx'], overall: 'total' }],
  ['reserved', 'what if the pbx server crashes', ['pbx']],
  [
    'reserved',
    'what if east goes down',
    ['sql-down-1', 'ddb-all-1', 'es-or-search', 'web-and-sip-1', 'ic-with-worker'],
  ],
  ['reserved', 'zone west is lost', ['db-with-slave', 'ddb-all-2', 'ddb-all-3', 'web-and-sip-2', 'pbx']],
  ['reserved', 'a sip node fails', { failed: ['web-and-sip-2'], overall: 'partial' }],
  ['reserved', 'the web servers crash', ['web-and-sip-1', 'web-and-sip-2']],
  ['reserved', 'what if ic-with-worker is unreachable', { failed: ['ic-with-worker'], overall: 'total' }],
  ['reserved', 'the worker dies', ['ic-with-worker']],
  ['reserved', 'what if web-and-sip-3 fails', { refused: /web-and-sip-3/ }],
  ['reserved', 'what if the sql master of shard 2 fails', { refused: /no node runs sql-master of shard 2/ }],
  // sharded: two SQL shards, five ddb, two controllers, workers with metrics
  ['sharded', 'the sql master of shard 2 fails', { failed: ['m2'], overall: 'total' }],
  ['sharded', 'what if the shard 1 master dies', ['m1']],
  ['sharded', "what if shard 2's master dies", ['m2']],
  ['sharded', 'the slaves of shard 1 fail', ['s1a', 's1b']],
  ['sharded', 'what if shard 2 goes down', ['m2', 's2a']],
  ['sharded', 'the sql master fails', ['m1']],
  ['sharded', 'both sql masters fail', ['m1', 'm2']],
  ['sharded', 'what if the sql slaves fail', ['s1a', 's1b', 's2a']],
  ['sharded', 'both sql slaves fail', { refused: /counts 2/, candidates: ['all 3 sql-slave nodes'] }],
  ['sharded', 'what if 2 of the 5 ddb nodes fail', { failed: ['ddb-1', 'ddb-2'], overall: 'none' }],
  ['sharded', 'what if three ddb nodes fail', { overall: 'total' }],
  ['sharded', 'what if hv-4 dies', { failed: ['ddb-4', 'ddb-5', 'ic-1'], overall: 'none' }],
  ['sharded', 'hv-1 and hv-2 lose power', { overall: 'total' }],
  ['sharded', 'what if az-c goes dark', { failed: ['s1b', 'ddb-3', 'es-3', 'web-3', 'sip-3', 'pbx-2', 'worker-3'] }],
  ['sharded', 'the web servers in az-a go down', ['web-1']],
  ['sharded', 'the sip node in zone az-b fails', ['sip-2']],
  ['sharded', 'what if the pbx nodes on hv-3 fail', ['pbx-2']],
  ['sharded', 'a PBX node dies', { failed: ['pbx-2'], overall: 'partial' }],
  ['sharded', 'a SIP node dies', ['sip-3']],
  ['sharded', 'one worker crashes', { failed: ['worker-1'], overall: 'none' }],
  ['sharded', 'two workers crash', { failed: ['worker-1', 'worker-2'], overall: 'degraded' }],
  ['sharded', 'the infrastructure controllers fail', { failed: ['ic-1', 'ic-2'], overall: 'degraded' }],
  ['sharded', 'an infrastructure controller fails', { failed: ['ic-1'], overall: 'none' }],
  ['sharded', 'lb-internal fails', { failed: [], balancers: ['lb-internal'], overall: 'none' }],
  ['sharded', 'lb-a and lb-b fail', { failed: [], balancers: ['lb-a', 'lb-b'], overall: 'total' }],
  ['sharded', 'the az-b zone is lost', ['m2', 's1a', 'ddb-2', 'ddb-5', 'es-2', 'web-2', 'sip-2', 'ic-2', 'worker-2']],
  ['sharded', 'what if sip-1, sip-2 and sip-3 fail', { failed: ['sip-1', 'sip-2', 'sip-3'], overall: 'total' }],
  ['sharded', 'what if hv-5 fails', { refused: /hv-5/ }],
  ['sharded', 'what if the web servers in az-d fail', { refused: /az-d/ }],
];

describe('what-if reads questions against the topology (table)', () => {
  it('has at least 150 phrasings over at least 5 topologies', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(150);
    expect(new Set(TABLE.map(([t]) => t)).size).toBeGreaterThanOrEqual(5);
  });

  it.each(TABLE)('%s: %s', (name, question, expected) => {
    const answer = whatIf(TOPOLOGIES[name]!, question);
    if ('refused' in expected) {
      expect(answer.ok, JSON.stringify(answer)).toBe(false);
      if (answer.ok) return;
      expect(answer.problem).toMatch(expected.refused);
      for (const c of expected.candidates ?? []) expect(answer.candidates).toContain(c);
      return;
    }
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    if (!answer.ok) return;
    expect(answer.readAs.length).toBeGreaterThan(5);
    const want = Array.isArray(expected) ? { failed: expected } : expected;
    if (want.failed) expect(answer.failed).toEqual(want.failed);
    expect(answer.balancersFailed).toEqual(want.balancers ?? []);
    if (want.overall) expect(answer.overall).toBe(want.overall);
  });
});
