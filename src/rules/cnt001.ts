import { createRule, type Report } from '../engine/rule.js';
import { sqlShards } from '../engine/shards.js';

export default createRule({
  meta: {
    id: 'CNT001',
    severity: 'error',
    title: 'A SQL shard does not have exactly one master',
    family: 'counts',
    seed: 'How many nodes?: SQL Master "1/1": "A single MySQL node can sustain a large infrastructure. We support sharding to address the cases when a single master MySQL node becomes a limitation."',
    remediation:
      'Give each shard exactly one `sql-master` node; split load across shards (`shard: N`) instead of adding masters.',
    messages: {
      noMaster: 'SQL shard {{shard}} has no sql-master node; each shard needs exactly one',
      manyMasters: 'SQL shard {{shard}} has {{count}} sql-master nodes ({{nodes}}); each shard takes exactly one',
    },
  },
  check(ctx) {
    const out: Report<'noMaster' | 'manyMasters'>[] = [];
    for (const shard of sqlShards(ctx)) {
      const n = shard.masters.length;
      if (n === 1) continue;
      if (n === 0) {
        const slaves = shard.slaves.map((s) => s.name);
        out.push({
          role: 'sql-master',
          ...(slaves.length ? { node: slaves[0], nodes: slaves } : { field: ['nodes'] }),
          messageId: 'noMaster',
          data: { shard: shard.id },
        });
      } else {
        const names = shard.masters.map((m) => m.name);
        out.push({
          role: 'sql-master',
          node: names[1],
          nodes: names,
          messageId: 'manyMasters',
          data: { shard: shard.id, count: n, nodes: names.join(', ') },
        });
      }
    }
    return out;
  },
});
