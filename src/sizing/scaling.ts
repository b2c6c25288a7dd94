import type { RoleId } from '../topology/roles.js';

/**
 * How to relieve a busy node, per the seed's "How many nodes?" table: roles that scale out get
 * more nodes; SQL gets slaves (up to four) then shards; roles whose count is fixed scale up.
 */
const ADVICE: Partial<Record<RoleId, (slaves: number) => string>> = {
  web: () => 'add web nodes (they can be added dynamically)',
  sip: () => 'add SIP nodes (new customers are sharded to them; existing SIP nodes cannot be removed later)',
  pbx: () => 'add PBX nodes',
  worker: () => 'add worker nodes',
  elasticsearch: () => 'add Elasticsearch nodes (keep the cluster size odd)',
  'sql-master': (slaves) =>
    slaves < 4
      ? `add a SQL slave (${slaves} of 4 in this shard) to offload reads`
      : 'shard the SQL database (this shard has four slaves already)',
  'sql-slave': (slaves) =>
    slaves < 4
      ? `add a SQL slave (${slaves} of 4 in this shard)`
      : 'shard the SQL database (this shard has four slaves already)',
  'distributed-db': () => 'scale the node up (the distributed-db node count is fixed for the system lifetime)',
  'infrastructure-controller': () => 'scale the node up (the controller does not scale out)',
};

export function scalingAdvice(roles: readonly RoleId[], slavesInShard = 0): string {
  const parts = [...new Set(roles)].map((role) => ADVICE[role]?.(slavesInShard)).filter((s): s is string => Boolean(s));
  return parts.length > 0 ? parts.join('; ') : 'scale the node up';
}
