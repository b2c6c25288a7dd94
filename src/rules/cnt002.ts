import { defineRule, type Report } from '../engine/rule.js';
import { nodeList } from '../engine/node-list.js';
import { sqlShards } from '../engine/shards.js';

export default defineRule({
  meta: {
    id: 'CNT002',
    severity: 'error',
    title: 'A SQL shard has more than four slaves',
    family: 'counts',
    seed: 'How many nodes?: SQL Slave "0/4": "It\'s not necessary to deploy slaves, but if you do, keep their number to a maximum of four."',
    remediation: 'Keep at most four `sql-slave` nodes per shard; shard the database if reads still need more capacity.',
  },
  check(ctx) {
    const out: Report[] = [];
    for (const shard of sqlShards(ctx)) {
      if (shard.slaves.length <= 4) continue;
      const names = shard.slaves.map((s) => s.name);
      out.push({
        role: 'sql-slave',
        node: names[4],
        nodes: names,
        message: `SQL shard ${shard.id} has ${names.length} sql-slave nodes (${nodeList(names)}); the maximum is four`,
      });
    }
    return out;
  },
});
