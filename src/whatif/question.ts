import type { Topology } from '../topology/schema.js';
import { resolveRole, type RoleId } from '../topology/roles.js';

export type Target =
  | { kind: 'role'; role: RoleId; count: number | 'all'; text: string }
  | { kind: 'node'; name: string }
  | { kind: 'host'; name: string }
  | { kind: 'zone'; name: string }
  | { kind: 'balancer'; name: string };

export type ParsedQuestion =
  { ok: true; targets: Target[] } | { ok: false; understood: string[]; problem: string; examples: string[] };

const LEADS =
  /^(?:so\s+)?(?:what\s+(?:would\s+|will\s+)?happens?\s+(?:if|when)|what\s+if|what\s+about|if|when|suppose|assume|simulate|imagine)\s+/;
const VERBS =
  /\b(?:(?:is|are|was|were|gets?|got)\s+)?(?:fails?|failed|failing|goes\s+down|go\s+down|went\s+down|going\s+down|dies|die|died|crash(?:es|ed)?|(?:is|are)\s+lost|lost|(?:is|are)\s+down|down|breaks?|broke|(?:is|are)\s+unavailable|unavailable|stops?|stopped|(?:is|are)\s+gone|gone|disappears?|outage|failure|failures)\b/g;
const NOUNS = /\s+(?:nodes?|servers?|instances?|boxes|machines?|vms?|hosts?|members?|cluster)$/;
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  single: 1,
  the: 1,
  two: 2,
  both: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
/** Spellings people use in questions that the file format does not need. */
const QUESTION_ROLES: Record<string, RoleId> = {
  'distributed-database': 'distributed-db',
  'distributed-dbs': 'distributed-db',
  'elastic-search': 'elasticsearch',
  'sql-masters': 'sql-master',
  'mysql-masters': 'sql-master',
  master: 'sql-master',
  'database-master': 'sql-master',
  'db-master': 'sql-master',
  slave: 'sql-slave',
  slaves: 'sql-slave',
  replica: 'sql-slave',
  replicas: 'sql-slave',
  'sql-slaves': 'sql-slave',
  'sql-replicas': 'sql-slave',
  'mysql-slaves': 'sql-slave',
  'infrastructure-controllers': 'infrastructure-controller',
  controllers: 'infrastructure-controller',
  'web-nodes': 'web',
  'web-servers': 'web',
  'web-interface': 'web',
  pbxs: 'pbx',
  pbxes: 'pbx',
  sips: 'sip',
  'sip-proxy': 'sip',
  'sip-proxies': 'sip',
  'es-nodes': 'elasticsearch',
};

export const EXAMPLE_QUESTIONS = [
  'what happens if PBX fails',
  'what if two SIP nodes go down',
  'what happens if zone az-a is lost',
];

function questionRole(text: string): RoleId | undefined {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-');
  return resolveRole(key) ?? QUESTION_ROLES[key] ?? (key.endsWith('s') ? resolveRole(key.slice(0, -1)) : undefined);
}

function parseTarget(raw: string, topology: Topology): Target | undefined {
  const text = raw
    .trim()
    .replace(/^(?:the|node|nodes)\s+/, '')
    .trim();
  const named = (list: readonly { name: string }[], name: string) =>
    list.find((n) => n.name.toLowerCase() === name.toLowerCase())?.name;
  const node = named(topology.nodes, text.replace(/^node\s+/, ''));
  if (node) return { kind: 'node', name: node };
  const lb = named(topology.loadBalancers ?? [], text.replace(/^(?:load\s+balancer|lb)\s+/, ''));
  if (lb) return { kind: 'balancer', name: lb };
  const domain = /^(host|hypervisor|server|zone|az|site|datacenter|data\s+center|dc|region)\s+(\S+)$/.exec(text);
  if (domain) {
    const kind = /^(?:host|hypervisor|server)$/.test(domain[1]!) ? 'host' : 'zone';
    return { kind, name: domain[2]! };
  }
  const counted = /^(?:(all(?:\s+of)?|every|each|\d+|[a-z]+)\s+)?(?:(?:of\s+)?the\s+)?(.+?)$/.exec(text);
  if (!counted) return undefined;
  const [, quantifier, rest = ''] = counted;
  const noun = rest.replace(NOUNS, '').trim();
  let count: number | 'all' | undefined = 1;
  let roleText = noun;
  if (quantifier !== undefined) {
    if (/^(?:all|all\s+of|every|each)$/.test(quantifier)) count = 'all';
    else if (/^\d+$/.test(quantifier)) count = Number(quantifier);
    else if (quantifier in NUMBER_WORDS) count = NUMBER_WORDS[quantifier];
    else {
      count = 1;
      roleText = `${quantifier} ${noun}`;
    }
  }
  const role = questionRole(roleText);
  if (!role || count === undefined || count === 0) return undefined;
  return { kind: 'role', role, count, text: raw.trim() };
}

/** Reads "what happens if PBX fails", "two SIP nodes die", "sip-2 and host hv-1 go down". */
export function parseQuestion(question: string, topology: Topology): ParsedQuestion {
  const text = question
    .toLowerCase()
    .replace(/[?!.;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(LEADS, '')
    .replace(VERBS, ' ')
    .replace(/\b(?:at\s+once|at\s+the\s+same\s+time|together|simultaneously)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const parts = text.split(/\s*(?:,|&|\band\b|\bplus\b|\bwith\b)\s*/).filter((p) => p.length > 0);
  const understood: string[] = [];
  const targets: Target[] = [];
  for (const part of parts) {
    const target = parseTarget(part, topology);
    if (!target) {
      return {
        ok: false,
        understood,
        problem: `I could not tell what "${part}" names: a role (PBX, SIP, sql master…), a node of this topology, "host NAME" or "zone NAME"`,
        examples: EXAMPLE_QUESTIONS,
      };
    }
    targets.push(target);
    understood.push(describeTarget(target));
  }
  if (targets.length === 0) {
    return { ok: false, understood, problem: 'the question names nothing that fails', examples: EXAMPLE_QUESTIONS };
  }
  return { ok: true, targets };
}

export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'role':
      return target.count === 'all'
        ? `all ${target.role} nodes`
        : `${target.count} ${target.role} node${target.count === 1 ? '' : 's'}`;
    case 'node':
      return `node ${target.name}`;
    case 'balancer':
      return `load balancer ${target.name}`;
    default:
      return `${target.kind} ${target.name}`;
  }
}
