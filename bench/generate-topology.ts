import { stringify } from 'yaml';

/**
 * A realistic topology of about `size` nodes: sharded SQL (a master and two slaves per shard),
 * odd-sized Distributed Database and Elasticsearch clusters, and web, SIP, PBX and worker
 * fleets spread over three zones. Used by the benchmark and to make examples/large.yaml.
 */
export function generateTopology(
  size: number,
  name = `generated-${size}`,
  waivers: Record<string, unknown>[] = [],
): string {
  const zones = ['az-a', 'az-b', 'az-c'];
  const nodes: Record<string, unknown>[] = [];
  const hosts = Math.max(3, Math.ceil(size / 4));
  const add = (
    prefix: string,
    count: number,
    roles: string[],
    extra: (i: number) => Record<string, unknown> = () => ({}),
  ) => {
    for (let i = 1; i <= count; i++) {
      const n = nodes.length;
      nodes.push({
        name: `${prefix}-${i}`,
        roles: [...roles],
        private: `${prefix}-${i}.int.example.net`,
        host: `hv-${(n % hosts) + 1}`,
        zone: zones[n % zones.length],
        metrics: {
          cpu: 0.3 + ((n * 37) % 40) / 100,
          memory: 0.35 + ((n * 13) % 35) / 100,
          io: 0.2 + ((n * 7) % 30) / 100,
        },
        ...extra(i),
      });
    }
  };
  const shards = Math.max(1, Math.round(size / 75));
  for (let s = 1; s <= shards; s++) {
    add(`sql-s${s}-master`, 1, ['sql-master'], () => ({ shard: s, ha: 'vm', instanceType: 'i4i.4xlarge' }));
    add(`sql-s${s}-slave`, 2, ['sql-slave'], () => ({ shard: s, instanceType: 'i4i.4xlarge' }));
  }
  const odd = (n: number) => (n % 2 === 0 ? n + 1 : n);
  add('ddb', Math.min(127, odd(Math.max(3, Math.round(size / 60)))), ['distributed-db'], () => ({
    instanceType: 'r6i.large',
  }));
  add('es', odd(Math.max(3, Math.round(size / 60))), ['elasticsearch'], () => ({ instanceType: 'r6i.xlarge' }));
  add('ic', 2, ['infrastructure-controller'], () => ({ ha: 'vm', instanceType: 't3.small' }));
  const rest = Math.max(4, size - nodes.length);
  const web = Math.max(2, Math.round(rest * 0.04));
  const worker = Math.max(2, Math.round(rest * 0.2));
  const sip = Math.max(1, Math.round((rest - web - worker) / 2));
  const pbx = Math.max(1, rest - web - worker - sip);
  add('web', web, ['web'], () => ({ instanceType: 'c7i.2xlarge' }));
  add('sip', sip, ['sip'], (i) => ({
    public: `sip-${i}.voice.example.net`,
    ha: 'vm',
    instanceType: 'c7i.2xlarge',
    customers: 200 + ((i * 53) % 300),
  }));
  add('pbx', pbx, ['pbx'], (i) => ({
    public: `pbx-${i}.voice.example.net`,
    instanceType: 'c7i.2xlarge',
    customers: 150 + ((i * 71) % 250),
  }));
  add('worker', worker, ['worker'], () => ({ instanceType: 'c7i.2xlarge' }));
  const webNames = nodes.filter((n) => (n.roles as string[])[0] === 'web').map((n) => n.name);
  return stringify(
    {
      version: 1,
      name,
      system: { extensions: size * 40 },
      loadBalancers: [
        { name: 'lb-a', public: 'portal.example.net', healthCheck: true, targets: webNames },
        { name: 'lb-b', public: 'portal-b.example.net', healthCheck: true, targets: [...webNames] },
      ],
      nodes,
      ...(waivers.length ? { waivers } : {}),
    },
    { lineWidth: 0, flowCollectionPadding: false },
  );
}
