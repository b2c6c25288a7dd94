import type { Topology, TopologyNode } from '../topology/schema.js';
import { ROLE_IDS, type RoleId } from '../topology/roles.js';
import { createContext, quorumTolerance, type RuleContext } from '../engine/context.js';
import { nodeList } from '../engine/node-list.js';
import { ROLE_HA, type Strategy } from './outcomes.js';
import { describeTarget, parseQuestion, type Target } from './question.js';

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
}

/** The contract of `voipnow whatif --format json`. */
export interface WhatIfAnswer {
  scenario: string;
  overall: Level;
  failed: string[];
  impacts: Impact[];
  notes: string[];
}

export type WhatIfResult =
  | ({ ok: true } & WhatIfAnswer)
  | { ok: false; question: string; understood: string[]; problem: string; examples: string[] };

const worst = (a: Level, b: Level): Level => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);

/** Worst case for a count: the nodes serving most customers go first. */
function pick(nodes: readonly TopologyNode[], count: number | 'all'): TopologyNode[] {
  if (count === 'all') return [...nodes];
  return [...nodes].sort((a, b) => (b.customers ?? 0) - (a.customers ?? 0)).slice(0, count);
}

function resolveTargets(
  targets: Target[],
  ctx: RuleContext,
  notes: string[],
): { failed: Set<TopologyNode>; balancers: Set<string> } | string {
  const failed = new Set<TopologyNode>();
  const balancers = new Set<string>();
  for (const target of targets) {
    switch (target.kind) {
      case 'node':
        failed.add(ctx.nodes.find((n) => n.name === target.name)!);
        break;
      case 'balancer':
        balancers.add(target.name);
        break;
      case 'host':
      case 'zone': {
        const hit = ctx.nodes.filter((n) => n[target.kind]?.toLowerCase() === target.name.toLowerCase());
        if (hit.length === 0) {
          const known = [...new Set(ctx.nodes.map((n) => n[target.kind]).filter(Boolean))];
          return `no node has ${target.kind} "${target.name}"; ${known.length ? `${target.kind}s in this topology: ${nodeList(known as string[], 8)}` : `no node declares a ${target.kind}`}`;
        }
        hit.forEach((n) => failed.add(n));
        break;
      }
      case 'role': {
        const nodes = ctx.byRole(target.role);
        if (nodes.length === 0) return `no node runs ${target.role} in this topology`;
        if (target.count !== 'all' && target.count > nodes.length) {
          notes.push(
            `asked for ${target.count} ${target.role} nodes; the topology has ${nodes.length}, so all of them fail`,
          );
        }
        const chosen = pick(nodes, target.count);
        if (target.count !== 'all' && target.count < nodes.length && chosen.some((n) => n.customers)) {
          notes.push(
            `worst case: the ${target.role} node(s) serving the most customers fail (${chosen.map((n) => n.name).join(', ')})`,
          );
        }
        chosen.forEach((n) => failed.add(n));
      }
    }
  }
  return { failed, balancers };
}

function customerShare(all: readonly TopologyNode[], lost: readonly TopologyNode[]): { share: number; count?: number } {
  const declared = all.every((n) => n.customers !== undefined);
  if (declared) {
    const total = all.reduce((s, n) => s + (n.customers ?? 0), 0);
    const count = lost.reduce((s, n) => s + (n.customers ?? 0), 0);
    return { share: total === 0 ? 0 : round(count / total), count };
  }
  return { share: round(lost.length / all.length) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Without quorum the Distributed Database takes the system down; Elasticsearch only degrades it. */
function quorumLevel(role: RoleId, holds: boolean): Level {
  if (holds) return 'none';
  return role === 'distributed-db' ? 'total' : 'degraded';
}

function impactOf(role: RoleId, ctx: RuleContext, failed: Set<TopologyNode>, deadBalancers: Set<string>): Impact {
  const all = ctx.byRole(role);
  const lost = all.filter((n) => failed.has(n));
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
      const alive = all.filter((n) => !failed.has(n)).map((n) => n.name);
      const served = (ctx.topology.loadBalancers ?? []).some(
        (lb) => lb.healthCheck && lb.public && !deadBalancers.has(lb.name) && lb.targets.some((t) => alive.includes(t)),
      );
      const share = customerShare(all, lost);
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
            outcome: alive.length
              ? 'The web management interface is unreachable: no health-checked balancer with a public address reaches a surviving web node.'
              : 'The web management interface is lost: no web node is left.',
            action: `Restore a web node behind a health-checked public load balancer. ${ha!.recommendation}`,
            ...(lost.length
              ? {
                  customersAffected: {
                    share: 1,
                    ...(share.count !== undefined ? { count: all.reduce((s, n) => s + (n.customers ?? 0), 0) } : {}),
                  },
                }
              : {}),
          };
    }
    case 'sip':
    case 'pbx': {
      const share = customerShare(all, lost);
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
      const loads = all.map((n) => n.metrics?.cpu);
      if (loads.every((l) => l !== undefined)) {
        const projected = loads.reduce((s, l) => s + l, 0) / survivors;
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
export function whatIf(topology: Topology, question: string): WhatIfResult {
  const parsed = parseQuestion(question, topology);
  if (!parsed.ok) return { question, ...parsed };
  const ctx = createContext(topology);
  const notes: string[] = [];
  const resolved = resolveTargets(parsed.targets, ctx, notes);
  if (typeof resolved === 'string') {
    return { ok: false, question, understood: parsed.targets.map(describeTarget), problem: resolved, examples: [] };
  }
  const { failed, balancers } = resolved;
  const roles = ROLE_IDS.filter(
    (role) =>
      ctx.byRole(role).some((n) => failed.has(n)) ||
      (role === 'web' && balancers.size > 0 && ctx.byRole('web').length > 0),
  );
  const impacts = roles.map((role) => impactOf(role, ctx, failed, balancers));
  return {
    ok: true,
    scenario: `${parsed.targets.map(describeTarget).join(' and ')} ${failed.size + balancers.size === 1 ? 'fails' : 'fail'}`,
    overall: impacts.reduce<Level>((acc, i) => worst(acc, i.level), 'none'),
    failed: ctx.nodes.filter((n) => failed.has(n)).map((n) => n.name),
    impacts,
    notes,
  };
}
