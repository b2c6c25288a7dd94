import type { Topology, TopologyNode } from '../topology/schema.js';
import type { RoleId } from '../topology/roles.js';
import { nodeList } from '../engine/node-list.js';
import { compareSeverity, severity, unitsOf, type Unit } from './resolve.js';
import { simulatorOf, LEVELS, type Level, type Outcome, type Simulator } from './simulate.js';
import type { Capacity } from './capacity.js';

export type Domain = 'node' | 'host' | 'zone' | 'balancer' | 'host pair' | 'zone pair';

/** One simulated loss: the contract of `voipnow resilience --format json` (README). */
export interface ResilienceScenario {
  domain: Domain;
  /** What was lost: a node, host, zone or balancer name; two names for a pair. */
  names: string[];
  label: string;
  failed: string[];
  balancersFailed: string[];
  overall: Level;
  /** With live figures, `capacity`: each survivor of the role before → after the lost load moves onto it. */
  rolesHit: { role: RoleId; level: Level; capacity?: Capacity }[];
  customersHit: Outcome['customersHit'];
  callsDropped: boolean;
}

export interface DomainVerdict {
  domain: Domain;
  /** "any single host", "any two zones" */
  claim: string;
  /** Whether every loss of this kind leaves the system unaffected (level none); null when there is none to lose. */
  survives: boolean | null;
  tested: number;
  /** How many losses of this kind reach each level. */
  levels: Record<Level, number>;
  worst?: { label: string; overall: Level; failed: string[]; balancersFailed: string[] };
  /** "survives any single host: no — host hv-1 takes sql-1: total" */
  text: string;
}

export interface ResilienceReport {
  topology: string;
  depth: 1 | 2;
  /** Whether live figures (monitoring) moved the lost load onto the survivors. */
  live: boolean;
  verdicts: DomainVerdict[];
  /** Every loss simulated, worst first. */
  scenarios: ResilienceScenario[];
}

const CLAIMS: Record<Domain, string> = {
  node: 'any single node',
  host: 'any single host',
  zone: 'any single zone',
  balancer: 'any single load balancer',
  'host pair': 'any two hosts',
  'zone pair': 'any two zones',
};

function scenario(sim: Simulator, domain: Domain, units: readonly Unit[]): ResilienceScenario {
  const failed = new Set<TopologyNode>();
  const balancers = new Set<string>();
  for (const u of units) {
    u.nodes.forEach((n) => failed.add(n));
    if (u.balancer) balancers.add(u.balancer);
  }
  const o = sim.run(failed, balancers);
  const names = units.map((u) => u.label.replace(/^(?:node|host|zone|load balancer) /, ''));
  const kind = domain.replace(' pair', '');
  return {
    domain,
    names,
    label: units.length === 1 ? units[0]!.label : `${kind}s ${names.join(' + ')}`,
    failed: [...failed].map((n) => n.name),
    balancersFailed: [...balancers],
    overall: o.overall,
    rolesHit: o.impacts.map((i) => ({ role: i.role, level: i.level, ...(i.capacity ? { capacity: i.capacity } : {}) })),
    customersHit: o.customersHit,
    callsDropped: o.callsDropped,
  };
}

const SCORES = new WeakMap<ResilienceScenario, number[]>();

function score(s: ResilienceScenario): number[] {
  let key = SCORES.get(s);
  if (!key) {
    key = severity({
      overall: s.overall,
      impacts: s.rolesHit.map((r) => ({ role: r.role, level: r.level, outcome: '', strategy: 'n/a', action: '' })),
      customersHit: s.customersHit,
      callsDropped: s.callsDropped,
    });
    SCORES.set(s, key);
  }
  return key;
}

const worstFirst = (a: ResilienceScenario, b: ResilienceScenario) =>
  compareSeverity(score(b), score(a)) || a.label.localeCompare(b.label);

function verdict(domain: Domain, scenarios: readonly ResilienceScenario[]): DomainVerdict {
  const levels = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  scenarios.forEach((s) => levels[s.overall]++);
  const claim = CLAIMS[domain];
  if (scenarios.length === 0) {
    const none =
      domain === 'balancer' ? 'no load balancer is declared' : `no node declares a ${domain.replace(' pair', '')}`;
    const fewer = domain.endsWith('pair') ? ` (or fewer than two)` : '';
    return {
      domain,
      claim,
      survives: null,
      tested: 0,
      levels,
      text: `survives ${claim}: not tested — ${none}${fewer}`,
    };
  }
  const worst = [...scenarios].sort(worstFirst)[0]!;
  const survives = worst.overall === 'none';
  const takes =
    worst.domain === 'node' || worst.domain === 'balancer'
      ? ''
      : ` ${worst.names.length > 1 ? 'take' : 'takes'} ${nodeList(worst.failed, 4)}`;
  const text = survives
    ? `survives ${claim}: yes — ${scenarios.length} tested, none affects the system`
    : `survives ${claim}: no — ${worst.label}${takes}: ${worst.overall}${levels[worst.overall] > 1 ? ` (${levels[worst.overall]} of ${scenarios.length} tested are ${worst.overall})` : ''}`;
  return {
    domain,
    claim,
    survives,
    tested: scenarios.length,
    levels,
    worst: { label: worst.label, overall: worst.overall, failed: worst.failed, balancersFailed: worst.balancersFailed },
    text,
  };
}

function pairs<T>(items: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) out.push([items[i]!, items[j]!]);
  return out;
}

/**
 * N-1 analysis: simulates the loss of every single node, host, zone and load balancer (depth 2: every
 * pair of hosts or zones as well) and says, per failure domain, whether the system survives it. Pure.
 */
export function resilience(
  topology: Topology,
  options: { depth?: 1 | 2; simulator?: Simulator } = {},
): ResilienceReport {
  const depth = options.depth ?? 1;
  const sim = options.simulator ?? simulatorOf(topology);
  const byDomain = new Map<Domain, ResilienceScenario[]>();
  for (const kind of ['node', 'host', 'zone', 'balancer'] as const) {
    byDomain.set(
      kind,
      unitsOf(sim, kind).map((u) => scenario(sim, kind, [u])),
    );
  }
  if (depth === 2) {
    for (const kind of ['host', 'zone'] as const) {
      byDomain.set(
        `${kind} pair`,
        pairs(unitsOf(sim, kind)).map((pair) => scenario(sim, `${kind} pair`, pair)),
      );
    }
  }
  const verdicts = [...byDomain].map(([domain, list]) => verdict(domain, list));
  const scenarios = [...byDomain.values()].flat().sort(worstFirst);
  const live = sim.ctx.usage !== undefined && sim.ctx.usage.failure === undefined;
  return { topology: topology.name, depth, live, verdicts, scenarios };
}
