import type { TopologyNode } from '../topology/schema.js';
import type { RuleContext } from './context.js';

export interface Shard {
  id: number;
  masters: TopologyNode[];
  slaves: TopologyNode[];
}

/** SQL nodes grouped by shard, in shard order; shard 1 is always present. */
export function sqlShards(ctx: RuleContext): Shard[] {
  const shards = new Map<number, Shard>([[1, { id: 1, masters: [], slaves: [] }]]);
  const get = (id: number) => {
    let shard = shards.get(id);
    if (!shard) shards.set(id, (shard = { id, masters: [], slaves: [] }));
    return shard;
  };
  for (const node of ctx.byRole('sql-master')) get(ctx.shard(node)).masters.push(node);
  for (const node of ctx.byRole('sql-slave')) get(ctx.shard(node)).slaves.push(node);
  return [...shards.values()].sort((a, b) => a.id - b.id);
}
