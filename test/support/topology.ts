import { stringify } from 'yaml';

export type Doc = Record<string, any>;

const metrics = { cpu: 0.3, memory: 0.4, io: 0.2 };
const node = (name: string, roles: string[], extra: Doc = {}): Doc => ({
  name,
  roles,
  private: `${name}.int.example.com`,
  metrics: { ...metrics },
  ...extra,
});

/** A topology that passes every rule: each test changes one thing. */
export function cleanTopology(): Doc {
  return {
    version: 1,
    name: 'clean',
    system: { extensions: 0 },
    network: { private: '10.20.0.0/22' },
    loadBalancers: [
      { name: 'lb-a', public: 'portal.example.com', healthCheck: true, targets: ['web-1', 'web-2'] },
      { name: 'lb-b', public: 'portal-b.example.com', healthCheck: true, targets: ['web-1', 'web-2'] },
    ],
    nodes: [
      node('sql-1', ['sql-master'], { ha: 'vm', instanceType: 'i4i.4xlarge' }),
      node('ddb-1', ['distributed-db'], { instanceType: 'r6i.large' }),
      node('ddb-2', ['distributed-db'], { instanceType: 'r6i.large' }),
      node('ddb-3', ['distributed-db'], { instanceType: 'r6i.large' }),
      node('es-1', ['elasticsearch'], { instanceType: 'r6i.large' }),
      node('es-2', ['elasticsearch'], { instanceType: 'r6i.large' }),
      node('es-3', ['elasticsearch'], { instanceType: 'r6i.large' }),
      node('web-1', ['web'], { instanceType: 'c7i.2xlarge' }),
      node('web-2', ['web'], { instanceType: 'c7i.2xlarge' }),
      node('sip-1', ['sip'], { public: 'sip-1.example.com', ha: 'vm', instanceType: 'c7i.2xlarge', customers: 300 }),
      node('sip-2', ['sip'], { public: 'sip-2.example.com', ha: 'vm', instanceType: 'c7i.2xlarge', customers: 100 }),
      node('pbx-1', ['pbx'], { public: 'pbx-1.example.com', ha: 'vm', instanceType: 'c7i.2xlarge', customers: 300 }),
      node('pbx-2', ['pbx'], { public: 'pbx-2.example.com', ha: 'vm', instanceType: 'c7i.2xlarge', customers: 100 }),
      node('ic-1', ['infrastructure-controller'], { ha: 'vm', instanceType: 't3.small' }),
      node('worker-1', ['worker'], { instanceType: 'c7i.2xlarge' }),
      node('worker-2', ['worker'], { instanceType: 'c7i.2xlarge' }),
    ],
  };
}

/** A copy of the clean topology changed by `change`. */
export function topology(change: (t: Doc) => void = () => {}): Doc {
  const t = cleanTopology();
  change(t);
  return t;
}

export function findNode(t: Doc, name: string): Doc {
  const found = t.nodes.find((n: Doc) => n.name === name);
  if (!found) throw new Error(`no node ${name} in test topology`);
  return found;
}

export function addNode(t: Doc, name: string, roles: string[], extra: Doc = {}): Doc {
  const n = node(name, roles, extra);
  t.nodes.push(n);
  return n;
}

export function removeNode(t: Doc, name: string): void {
  t.nodes = t.nodes.filter((n: Doc) => n.name !== name);
  for (const lb of t.loadBalancers ?? []) lb.targets = lb.targets.filter((x: string) => x !== name);
  // A balancer left with no target is a schema error, not what a count test is about.
  if (t.loadBalancers) t.loadBalancers = t.loadBalancers.filter((lb: Doc) => lb.targets.length > 0);
}

export function toYaml(t: Doc): string {
  return stringify(t, { lineWidth: 0 });
}
