import { createRule, type Report } from '../engine/rule.js';
import { nodeList } from '../engine/node-list.js';
import { sqlShards } from '../engine/shards.js';

export default createRule({
  meta: {
    id: 'CNT002',
    severity: 'error',
    title: 'A SQL shard has more than four slaves',
    family: 'counts',
    seed: 'How many nodes?: SQL Slave "0/4": "It\'s not necessary to deploy slaves, but if you do, keep their number to a maximum of four."',
    remediation: 'Keep at most four `sql-slave` nodes per shard; shard the database if reads still need more capacity.',
    messages: {
      tooManySlaves: 'SQL shard {{shard}} has {{count}} sql-slave nodes ({{nodes}}); the maximum is four',
    },
  },
  check(ctx) {
    const out: Report<'tooManySlaves'>[] = [];
    for (const shard of sqlShards(ctx)) {
      if (shard.slaves.length <= 4) continue;
      const names = shard.slaves.map((s) => s.name);
      out.push({
        role: 'sql-slave',
        node: names[4],
        nodes: names,
        messageId: 'tooManySlaves',
        data: { shard: shard.id, count: names.length, nodes: nodeList(names) },
      });
    }
    return out;
  },
});
