import { readFileSync } from 'node:fs';
import { parseTopology } from '../../src/topology/parse.js';
import type { Topology } from '../../src/topology/schema.js';

/** Topologies for the question table: the examples plus names with dots, digits and reserved words. */
const dotted = `
version: 1
name: dotted
loadBalancers:
  - { name: lb.public.1, public: portal.voip.example, healthCheck: true, targets: [web1.voip.example, web2.voip.example] }
nodes:
  - { name: db.master.1, roles: [sql-master], private: db1.int, ha: vm, host: hv.rack-1, zone: eu.west.1 }
  - { name: db.slave.2, roles: [sql-slave], private: db2.int, host: hv.rack-2, zone: eu.west.2 }
  - { name: ddb1.voip.example, roles: [distributed-db, elasticsearch], private: d1.int, host: hv.rack-1, zone: eu.west.1 }
  - { name: ddb2.voip.example, roles: [distributed-db, elasticsearch], private: d2.int, host: hv.rack-2, zone: eu.west.2 }
  - { name: ddb3.voip.example, roles: [distributed-db, elasticsearch], private: d3.int, host: hv.rack-3, zone: eu.west.2 }
  - { name: web1.voip.example, roles: [web], private: w1.int, host: hv.rack-1, zone: eu.west.1 }
  - { name: web2.voip.example, roles: [web], private: w2.int, host: hv.rack-2, zone: eu.west.2 }
  - { name: sip1.voip.example, roles: [sip], private: s1.int, public: sip1.voip.example, host: hv.rack-1, zone: eu.west.1, customers: 700 }
  - { name: sip2.voip.example, roles: [sip], private: s2.int, public: sip2.voip.example, host: hv.rack-3, zone: eu.west.2, customers: 300 }
  - { name: pbx1.voip.example, roles: [pbx], private: p1.int, public: pbx1.voip.example, host: hv.rack-2, zone: eu.west.2 }
  - { name: ic.voip.example, roles: [infrastructure-controller], private: ic.int, ha: vm, host: hv.rack-3, zone: eu.west.2 }
  - { name: w.1, roles: [worker], private: wk1.int, host: hv.rack-1, zone: eu.west.1 }
  - { name: w.2, roles: [worker], private: wk2.int, host: hv.rack-3, zone: eu.west.2 }
`;

const reserved = `
version: 1
name: reserved
loadBalancers:
  - { name: lb-and-more, public: portal.example.com, healthCheck: true, targets: [web-and-sip-1, web-and-sip-2] }
  - { name: lb-with-backup, public: portal2.example.com, healthCheck: true, targets: [web-and-sip-1, web-and-sip-2] }
nodes:
  - { name: sql-down-1, roles: [sql-master], private: a.int, ha: vm, host: power-and-cooling, zone: east }
  - { name: db-with-slave, roles: [sql-slave], private: b.int, host: rack-down, zone: west }
  - { name: ddb-all-1, roles: [distributed-db], private: c1.int, host: power-and-cooling, zone: east }
  - { name: ddb-all-2, roles: [distributed-db], private: c2.int, host: rack-down, zone: west }
  - { name: ddb-all-3, roles: [distributed-db], private: c3.int, host: rack-down, zone: west }
  - { name: es-or-search, roles: [elasticsearch], private: e.int, host: power-and-cooling, zone: east }
  - { name: web-and-sip-1, roles: [web, sip], private: ws1.int, public: ws1.example.com, host: power-and-cooling, zone: east, customers: 50 }
  - { name: web-and-sip-2, roles: [web, sip], private: ws2.int, public: ws2.example.com, host: rack-down, zone: west, customers: 150 }
  - { name: pbx, roles: [pbx], private: p.int, public: p.example.com, host: rack-down, zone: west }
  - { name: ic-with-worker, roles: [infrastructure-controller, worker], private: i.int, host: power-and-cooling, zone: east }
`;

const sharded = `
version: 1
name: sharded
loadBalancers:
  - { name: lb-a, public: a.example.com, healthCheck: true, targets: [web-1, web-2, web-3] }
  - { name: lb-b, public: b.example.com, healthCheck: true, targets: [web-1, web-2, web-3] }
  - { name: lb-internal, healthCheck: true, targets: [web-1] }
nodes:
  - { name: m1, roles: [sql-master], shard: 1, private: m1.int, ha: vm, host: hv-1, zone: az-a }
  - { name: m2, roles: [sql-master], shard: 2, private: m2.int, ha: vm, host: hv-2, zone: az-b }
  - { name: s1a, roles: [sql-slave], shard: 1, private: s1a.int, host: hv-2, zone: az-b }
  - { name: s1b, roles: [sql-slave], shard: 1, private: s1b.int, host: hv-3, zone: az-c }
  - { name: s2a, roles: [sql-slave], shard: 2, private: s2a.int, host: hv-1, zone: az-a }
  - { name: ddb-1, roles: [distributed-db], private: d1.int, host: hv-1, zone: az-a }
  - { name: ddb-2, roles: [distributed-db], private: d2.int, host: hv-2, zone: az-b }
  - { name: ddb-3, roles: [distributed-db], private: d3.int, host: hv-3, zone: az-c }
  - { name: ddb-4, roles: [distributed-db], private: d4.int, host: hv-4, zone: az-a }
  - { name: ddb-5, roles: [distributed-db], private: d5.int, host: hv-4, zone: az-b }
  - { name: es-1, roles: [elasticsearch], private: e1.int, host: hv-1, zone: az-a }
  - { name: es-2, roles: [elasticsearch], private: e2.int, host: hv-2, zone: az-b }
  - { name: es-3, roles: [elasticsearch], private: e3.int, host: hv-3, zone: az-c }
  - { name: web-1, roles: [web], private: w1.int, host: hv-1, zone: az-a }
  - { name: web-2, roles: [web], private: w2.int, host: hv-2, zone: az-b }
  - { name: web-3, roles: [web], private: w3.int, host: hv-3, zone: az-c }
  - { name: sip-1, roles: [sip], private: s1.int, public: s1.example.com, host: hv-1, zone: az-a, customers: 100 }
  - { name: sip-2, roles: [sip], private: s2.int, public: s2.example.com, host: hv-2, zone: az-b, customers: 200 }
  - { name: sip-3, roles: [sip], private: s3.int, public: s3.example.com, host: hv-3, zone: az-c, customers: 300 }
  - { name: pbx-1, roles: [pbx], private: p1.int, public: p1.example.com, host: hv-1, zone: az-a, customers: 250 }
  - { name: pbx-2, roles: [pbx], private: p2.int, public: p2.example.com, host: hv-3, zone: az-c, customers: 350 }
  - { name: ic-1, roles: [infrastructure-controller], private: ic1.int, host: hv-4, zone: az-a }
  - { name: ic-2, roles: [infrastructure-controller], private: ic2.int, host: hv-2, zone: az-b }
  - { name: worker-1, roles: [worker], private: k1.int, host: hv-1, zone: az-a, metrics: { cpu: 0.5 } }
  - { name: worker-2, roles: [worker], private: k2.int, host: hv-2, zone: az-b, metrics: { cpu: 0.5 } }
  - { name: worker-3, roles: [worker], private: k3.int, host: hv-3, zone: az-c, metrics: { cpu: 0.5 } }
`;

function load(text: string | Buffer): Topology {
  const parsed = parseTopology(text);
  if (!parsed.ok) throw new Error(`test topology is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.topology;
}

const example = (name: string) => load(readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url)));

export const TOPOLOGIES: Record<string, Topology> = {
  medium: example('medium'),
  small: example('small'),
  dotted: load(dotted),
  reserved: load(reserved),
  sharded: load(sharded),
};
