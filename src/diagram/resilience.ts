import { ROLE_IDS } from '../topology/roles.js';
import type { Topology } from '../topology/schema.js';
import { LEVELS, whatIf, type Level } from '../whatif/simulate.js';
import type { DomainLoss } from './dot.js';

/**
 * What losing each host and each zone does, worst first: one what-if simulation per failure
 * domain, the same simulation `whatif host X fails` runs.
 */
export function domainLosses(topology: Topology): DomainLoss[] {
  const losses: DomainLoss[] = [];
  for (const kind of ['zone', 'host'] as const) {
    const names = [...new Set(topology.nodes.map((n) => n[kind]).filter((v): v is string => v !== undefined))];
    for (const name of names) {
      const answer = whatIf(topology, `${kind} ${name} fails`);
      if (!answer.ok) continue;
      const level: Level = answer.overall;
      const roles = ROLE_IDS.filter((r) => answer.impacts.some((i) => i.role === r && i.level === level));
      losses.push({ kind, name, level, roles: level === 'none' ? [] : roles });
    }
  }
  return losses.sort((a, b) => LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level));
}
