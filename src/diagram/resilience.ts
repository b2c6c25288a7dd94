import { ROLE_IDS } from '../topology/roles.js';
import type { Topology } from '../topology/schema.js';
import { resilience } from '../whatif/resilience.js';
import type { DomainLoss } from './dot.js';

/**
 * What losing each host and each zone does, worst first: the single-domain losses of the
 * resilience report (`voipnow resilience`), so the picture and the text never disagree.
 */
export function domainLosses(topology: Topology): DomainLoss[] {
  const losses: DomainLoss[] = [];
  for (const s of resilience(topology, { depth: 1 }).scenarios) {
    if (s.domain !== 'host' && s.domain !== 'zone') continue;
    const roles = ROLE_IDS.filter((r) => s.rolesHit.some((hit) => hit.role === r && hit.level === s.overall));
    losses.push({ kind: s.domain, name: s.names[0]!, level: s.overall, roles: s.overall === 'none' ? [] : roles });
  }
  return losses;
}
