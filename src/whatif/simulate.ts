import type { Topology, TopologyNode } from '../topology/schema.js';
import { ROLE_IDS, type RoleId } from '../topology/roles.js';
import { createContext, quorumTolerance, type RuleContext } from '../engine/context.js';
import { nodeList } from '../engine/node-list.js';
import { ROLE_HA, type Strategy } from './outcomes.js';
import { describeTarget, exampleQuestions, namesSeveral, parseQuestion } from './question.js';
import { resolveTargets } from './resolve.js';
import { describeOverload, SHARED_LOAD, survivorLoad, type Capacity } from './capacity.js';
import type { LiveUsage } from '../monitoring/usage.js';

export const LEVELS = ['none', 'degraded', 'partial', 'total'] as const;
export type Level = (typeof LEVELS)[number];

export interface Impact {
  role: RoleId;
  level: Level;
  outcome: string;
  strategy: Strategy | 'n/a';
  action: string;
  quorum?: { before: number; after: number; needed: number; holds: boolean };
  customersAffected?: { share: number; count?: number };
  callsDropped?: boolean;
  /** With utilisation figures: each survivor's load before → after the lost nodes' load moves onto it. */
  capacity?: Capacity;
}

/** What losing a set of nodes and balancers does: the data every answer, report and diagram draws from. */
export interface Outcome {
  overall: Level;
  impacts: Impact[];
  /** Share of customers hit (1 when the whole system or all telephony is lost); count when `customers` is declared. */
  customersHit: { share: number; count?: number };
  /** True when calls in progress drop (a PBX node is lost). */
  callsDropped: boolean;
}

/** The contract of `voipnow whatif --format json` (README). Fields are only ever added. */
export interface WhatIfAnswer extends Outcome {
  question: string;
  /** How the question was read, with the nodes it resolved to: "all 2 web nodes: web-1, web-2". */
  readAs: string;
  scenario: string;
  failed: string[];
  balancersFailed: string[];
  notes: string[];
}

export type WhatIfResult =
  | ({ ok: true } & WhatIfAnswer)
  | {
      ok: false;
      question: string;
      understood: string[];
      problem: string;
      candidates: string[];
      examples: string[];
    };

export const LEVEL_RANK: Record<Level, number> = { none: 0, degraded: 1, partial: 2, total: 3 };
const worst = (a: Level, b: Level): Level => (LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b);

const round = (x: number) => Math.round(x * 1000) / 1000;
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Per-role figures computed once, so one simulation costs what is lost, not the topology's size. */
interface RoleIndex {
  nodes: readonly TopologyNode[];
  /** Total of `customers` when every node of the role declares it. */
  customers?: number;
  /** Sum of metrics.cpu when every node of the role declares it. */
  cpu?: number;
}

export interface Simulator {
  topology: Topology;
  ctx: RuleContext;
  /** Pure: what losing these nodes and balancers does. */
  run(failed: ReadonlySet<TopologyNode>, balancers?: ReadonlySet<string>): Outcome;
}

function indexRoles(ctx: RuleContext): Map<RoleId, RoleIndex> {
  const out = new Map<RoleId, RoleIndex>();
  for (const role of ROLE_IDS) {
    const nodes = ctx.byRole(role);
    if (nodes.length === 0) continue;
    const declared = nodes.every((n) => n.customers !== undefined);
    const metered = nodes.every((n) => n.metrics?.cpu !== undefined);
    out.set(role, {
      nodes,
      ...(declared ? { customers: nodes.reduce((s, n) => s + (n.customers ?? 0), 0) } : {}),
      ...(metered ? { cpu: nodes.reduce((s, n) => s + (n.metrics?.cpu ?? 0), 0) } : {}),
    });
  }
  return out;
}

const SIMULATORS = new WeakMap<Topology, Simulator>();

/** The simulator of a parsed topology, built once: indexes only, no state between runs. */
export function simulatorOf(topology: Topology): Simulator {
  let sim = SIMULATORS.get(topology);
  if (!sim) SIMULATORS.set(topology, (sim = createSimulator(topology)));
  return sim;
}

/**
 * A survivor above 100 % raises the role's level one step (workers: none → degraded, as the
 * catalogue says; SIP and PBX: partial → total, the reading documented in the README).
 */
function withCapacity(impact: Impact, ctx: RuleContext, failed: ReadonlySet<TopologyNode>): Impact {
  // Without live figures the answers stay those of the catalogue (file metrics are a snapshot).
  if (!SHARED_LOAD.includes(impact.role) || !ctx.usage || ctx.usage.failure) return impact;
  const capacity = survivorLoad(impact.role, ctx, failed);
  if (!capacity) return impact;
  if (capacity.overloaded.length === 0)
    return impact.role === 'worker'
      ? {
          ...impact,
          level: 'none',
          outcome: 'System is not affected: the surviving workers carry the lost workers’ requests below 100 %.',
          capacity,
        }
      : { ...impact, capacity };
  const raised = LEVELS[Math.min(LEVELS.indexOf(impact.level) + 1, LEVELS.length - 1)]!;
  const worker = impact.role === 'worker';
  return {
    ...impact,
    level: worker ? 'degraded' : raised,
    outcome: `${worker ? '' : `${impact.outcome} `}${describeOverload(impact.role, capacity)}`,
    action: `Add ${worker ? 'workers' : `${impact.role.toUpperCase()} nodes`} so the survivors can carry the load. ${impact.action}`,
    capacity,
  };
}

/** `usage`: live figures; the lost nodes' load then moves onto the survivors (else the file's metrics do). */
export function createSimulator(topology: Topology, usage?: LiveUsage): Simulator {
  const ctx = createContext(topology, undefined, usage);
  const roles = indexRoles(ctx);
  const webNodes = new Set(ctx.byRole('web'));
  const byName = new Map(topology.nodes.map((n) => [n.name, n]));
  const balancers = (topology.loadBalancers ?? [])
    .filter((lb) => lb.healthCheck && lb.public)
    .map((lb) => ({
      name: lb.name,
      web: lb.targets.map((t) => byName.get(t)).filter((n): n is TopologyNode => n !== undefined && webNodes.has(n)),
    }));
  const systemCustomers = roles.get('sip')?.customers ?? roles.get('pbx')?.customers;
  const state: SimState = { ctx, roles, balancers };
  return {
    topology,
    ctx,
    run(failed, dead = new Set()) {
      const lost = new Map<RoleId, TopologyNode[]>();
      for (const node of failed) {
        for (const role of new Set(node.roles)) {
          let list = lost.get(role);
          if (!list) lost.set(role, (list = []));
          list.push(node);
        }
      }
      const impacts = ROLE_IDS.filter(
        (role) => lost.has(role) || (role === 'web' && dead.size > 0 && webNodes.size > 0),
      ).map((role) => withCapacity(impactOf(role, state, lost.get(role) ?? [], failed, dead), ctx, failed));
      const overall = impacts.reduce<Level>((acc, i) => worst(acc, i.level), 'none');
      let customersHit: Outcome['customersHit'] = { share: 0, ...(systemCustomers !== undefined ? { count: 0 } : {}) };
      if (overall === 'total')
        customersHit = { share: 1, ...(systemCustomers !== undefined ? { count: systemCustomers } : {}) };
      else
        for (const i of impacts)
          if (i.customersAffected && i.customersAffected.share > customersHit.share) customersHit = i.customersAffected;
      return { overall, impacts, customersHit, callsDropped: impacts.some((i) => i.callsDropped === true) };
    },
  };
}

interface SimState {
  ctx: RuleContext;
  roles: Map<RoleId, RoleIndex>;
  balancers: { name: string; web: TopologyNode[] }[];
}

/** Beyond quorum the Distributed Database takes the system with it; Elasticsearch only degrades it. */
function quorumLevel(role: RoleId, holds: boolean): Level {
  if (holds) return 'none';
  return role === 'distributed-db' ? 'total' : 'degraded';
}

function customerShare(index: RoleIndex, lost: readonly TopologyNode[]): { share: number; count?: number } {
  if (index.customers !== undefined) {
    const count = lost.reduce((s, n) => s + (n.customers ?? 0), 0);
    return { share: index.customers === 0 ? 0 : round(count / index.customers), count };
  }
  return { share: round(lost.length / index.nodes.length) };
}

function impactOf(
  role: RoleId,
  state: SimState,
  lost: readonly TopologyNode[],
  failed: ReadonlySet<TopologyNode>,
  deadBalancers: ReadonlySet<string>,
): Impact {
  const { ctx } = state;
  const index = state.roles.get(role) ?? { nodes: [] };
  const all = index.nodes;
  const survivors = all.length - lost.length;
  const ha = ROLE_HA[role];
  const strategy = ha?.strategy ?? 'n/a';
  const vm = lost.filter((n) => n.ha === 'vm').map((n) => n.name);
  const vmNote = vm.length
    ? ` ha: vm restarts ${nodeList(vm)} on another host, so expect a short outage rather than a long one.`
    : '';
  const base = { role, strategy } as const;
  switch (role) {
    case 'sql-slave':
      return {
        ...base,
        level: 'none',
        outcome: 'System is not affected when a slave is lost (the master takes its queries).',
        action: `Replace ${nodeList(lost.map((n) => n.name))} when convenient.`,
      };
    case 'sql-master': {
      const shards = [...new Set(lost.map((n) => ctx.shard(n)))];
      return {
        ...base,
        level: 'total',
        outcome: `System functionality is totally lost (SQL master of shard ${shards.join(', ')} down).`,
        action: `Restore the SQL master now.${vmNote} ${ha!.recommendation}`,
      };
    }
    case 'distributed-db':
    case 'elasticsearch': {
      const needed = Math.floor(all.length / 2) + 1;
      const holds = lost.length <= quorumTolerance(all.length);
      const service = role === 'distributed-db' ? 'the Distributed Database' : 'Elasticsearch';
      return {
        ...base,
        level: quorumLevel(role, holds),
        outcome: holds
          ? `System is not affected: quorum holds (${survivors} of ${all.length} left, ${needed} needed).`
          : `Quorum is lost (${survivors} of ${all.length} left, ${needed} needed): ${service} is unavailable${role === 'distributed-db' ? ', and with it the system' : '; search and reporting are degraded'}.`,
        action: holds
          ? `Replace the lost node(s) before another fails. ${ha!.recommendation}`
          : `Bring nodes back until ${needed} are up. ${ha!.recommendation}`,
        quorum: { before: all.length, after: survivors, needed, holds },
      };
    }
    case 'web': {
      const alive = survivors > 0;
      const served = state.balancers.some((lb) => !deadBalancers.has(lb.name) && lb.web.some((n) => !failed.has(n)));
      return served
        ? {
            ...base,
            level: 'none',
            outcome:
              'System is not affected: a health-checked load balancer sends requests to the surviving web nodes.',
            action: `Replace ${nodeList(lost.map((n) => n.name)) || 'the lost balancer'} to restore headroom.`,
          }
        : {
            ...base,
            level: 'total',
            outcome: alive
              ? 'The web management interface is unreachable: no health-checked balancer with a public address reaches a surviving web node.'
              : 'The web management interface is lost: no web node is left.',
            action: `Restore a web node behind a health-checked public load balancer. ${ha!.recommendation}`,
            ...(lost.length
              ? {
                  customersAffected: {
                    share: 1,
                    ...(index.customers !== undefined ? { count: index.customers } : {}),
                  },
                }
              : {}),
          };
    }
    case 'sip':
    case 'pbx': {
      const share = customerShare(index, lost);
      const total = survivors === 0;
      const sip = role === 'sip';
      const who =
        share.count !== undefined
          ? `${share.count} customers (${pct(share.share)})`
          : `about ${pct(share.share)} of customers`;
      return {
        ...base,
        level: total ? 'total' : 'partial',
        outcome: sip
          ? `${total ? 'All customers' : `A group of customers, ${who},`} lose phone functionality; current calls are not dropped.`
          : `${total ? 'All calls drop and there is no telephony until a PBX node is back' : `Calls of a group of customers, ${who}, drop; no loss of functionality after`}.`,
        action: `${total ? `Restore a ${role.toUpperCase()} node now.` : `Replace ${nodeList(lost.map((n) => n.name))}.`}${vmNote} ${ha!.recommendation}`,
        customersAffected: share,
        callsDropped: !sip,
      };
    }
    case 'infrastructure-controller':
      return survivors > 0
        ? {
            ...base,
            level: 'none',
            outcome: 'Infrastructure provisioning continues on the surviving controller.',
            action: 'Replace the lost controller.',
          }
        : {
            ...base,
            level: 'degraded',
            outcome: 'Infrastructure provisioning is affected; calls and the interface keep running.',
            action: `Restore the controller.${vmNote} ${ha!.recommendation}`,
          };
    case 'worker': {
      if (survivors === 0) {
        return {
          ...base,
          level: 'total',
          outcome: 'No worker is left to process requests.',
          action: `Restore a worker now. ${ha!.recommendation}`,
        };
      }
      if (index.cpu !== undefined) {
        const projected = index.cpu / survivors;
        if (projected > 1) {
          return {
            ...base,
            level: 'degraded',
            outcome: `The ${survivors} surviving workers would run at ${pct(projected)} CPU: requests queue up.`,
            action: `Add workers now. ${ha!.recommendation}`,
          };
        }
        return {
          ...base,
          level: 'none',
          outcome: `System is not affected: ${survivors} workers survive at about ${pct(projected)} CPU.`,
          action: 'Replace the lost worker(s) to restore headroom.',
        };
      }
      return {
        ...base,
        level: 'none',
        outcome: `System is not affected while the ${survivors} surviving worker(s) can process requests (no metrics to confirm).`,
        action: `Record worker metrics to know the headroom. ${ha!.recommendation}`,
      };
    }
    default:
      return {
        ...base,
        level: 'degraded',
        outcome: `The vendor's role guide gives no outcome for ${role}; assume the service it provides is affected.`,
        action: `Restore ${nodeList(lost.map((n) => n.name))}; check the vendor documentation for ${role} redundancy.`,
      };
  }
}

/** Answers "what happens if X fails" for a topology. Pure: no I/O. */
export function whatIf(topology: Topology, question: string, simulator?: Simulator): WhatIfResult {
  const parsed = parseQuestion(question, topology);
  if (!parsed.ok) return { question, ...parsed };
  const sim = simulator ?? simulatorOf(topology);
  const resolved = resolveTargets(parsed.targets, sim);
  if (!resolved.ok) {
    return {
      ok: false,
      question,
      understood: parsed.targets.map(describeTarget),
      problem: resolved.problem,
      candidates: resolved.candidates,
      examples: exampleQuestions(topology),
    };
  }
  const { failed, balancers } = resolved;
  const outcome = sim.run(failed, balancers);
  const several = parsed.targets.length > 1 || parsed.targets.some(namesSeveral);
  return {
    ok: true,
    question,
    readAs: resolved.readAs.join('; '),
    scenario: `${parsed.targets.map(describeTarget).join(' and ')} ${several ? 'fail' : 'fails'}`,
    ...outcome,
    failed: topology.nodes.filter((n) => failed.has(n)).map((n) => n.name),
    balancersFailed: (topology.loadBalancers ?? []).filter((lb) => balancers.has(lb.name)).map((lb) => lb.name),
    notes: resolved.notes,
  };
}
