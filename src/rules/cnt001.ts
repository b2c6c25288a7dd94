import { defineRule, type Report } from '../engine/rule.js';
import { sqlShards } from '../engine/shards.js';

export default defineRule({
  meta: {
    id: 'CNT001',
    severity: 'error',
    title: 'A SQL shard does not have exactly one master',
    family: 'counts',
    seed: 'How many nodes?: SQL Master "1/1": "A single MySQL node can sustain a large infrastructure. We support sharding to address the cases when a single master MySQL node becomes a limitation."',
    remediation:
      'Give each shard exactly one `sql-master` node; split load across shards (`shard: N`) instead of adding masters.',
  },
  check(ctx) {
    const out: Report[] = [];
    for (const shard of sqlShards(ctx)) {
      const n = shard.masters.length;
      if (n === 1) continue;
      if (n === 0) {
        const slaves = shard.slaves.map((s) => s.name);
        out.push({
          role: 'sql-master',
          ...(slaves.length ? { node: slaves[0], nodes: slaves } : { field: ['nodes'] }),
          message: `SQL shard ${shard.id} has no sql-master node; each shard needs exactly one`,
        });
      } else {
        const names = shard.masters.map((m) => m.name);
        out.push({
          role: 'sql-master',
          node: names[1],
          nodes: names,
          message: `SQL shard ${shard.id} has ${n} sql-master nodes (${names.join(', ')}); each shard takes exactly one`,
        });
      }
    }
    return out;
  },
});
