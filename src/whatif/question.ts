import type { Topology } from '../topology/schema.js';
import { ROLE_NAMES, type RoleId } from '../topology/roles.js';
import { nodeList } from '../engine/node-list.js';
import { nearest, typoDistance } from './spelling.js';
import { classify, type Item } from './tokens.js';
import { fixedWords, vocabularyOf, type Place, type PlaceKind, type Vocabulary } from './vocabulary.js';

export type Count = number | 'all';

/** What a question says fails, before it is matched to nodes. */
export type Target =
  | {
      kind: 'role';
      /** The role named; `roles` lists every role whose nodes qualify ("SQL": master and slaves). */
      role: RoleId;
      roles: readonly RoleId[];
      count: Count;
      text: string;
      /** "2 of the 3", "both": how many the asker believes there are. */
      total?: number;
      shard?: number;
      /** "the web servers in zone az-a" */
      within?: Place;
    }
  | { kind: 'node'; name: string }
  | { kind: 'host'; name: string }
  | { kind: 'zone'; name: string }
  | { kind: 'balancer'; name: string }
  /** "a host", "any zone", "2 nodes": the worst such failure. */
  | { kind: 'any'; of: PlaceKind; count: Count; text: string; total?: number };

export interface Refusal {
  ok: false;
  understood: string[];
  problem: string;
  /** What the asker may have meant: names, or readings to choose from. */
  candidates: string[];
  examples: string[];
}

export type ParsedQuestion = { ok: true; targets: Target[] } | Refusal;

const SQL: readonly RoleId[] = ['sql-master', 'sql-slave'];

interface Segment {
  items: Item[];
  /** How the segment is joined to the one before it. */
  joined: 'start' | 'conj' | 'sep' | 'or';
}

function split(items: readonly Item[]): Segment[] {
  const out: Segment[] = [{ items: [], joined: 'start' }];
  for (const item of items) {
    if (item.t === 'conj' || item.t === 'sep' || item.t === 'or') out.push({ items: [], joined: item.t });
    else out[out.length - 1]!.items.push(item);
  }
  return out;
}

interface Quant {
  count: Count;
  total?: number;
}

class Refused extends Error {
  constructor(
    readonly problem: string,
    readonly candidates: string[] = [],
  ) {
    super(problem);
  }
}

const describePlace = (p: Place) => (p.kind === 'balancer' ? `load balancer ${p.name}` : `${p.kind} ${p.name}`);

function nodesIn(topology: Topology, p: Place): string[] {
  if (p.kind === 'node') return [p.name];
  if (p.kind === 'balancer') return [];
  const kind = p.kind;
  return topology.nodes.filter((n) => n[kind] === p.name).map((n) => n.name);
}

/** One place for a name that several kinds share, or a refusal naming each reading. */
function choosePlace(places: readonly Place[], prefer: readonly PlaceKind[] | undefined, topology: Topology): Place {
  const preferred = prefer ? places.filter((p) => prefer.includes(p.kind)) : [];
  const pool = preferred.length ? preferred : places;
  if (pool.length === 1) return pool[0]!;
  const sets = pool.map((p) => nodesIn(topology, p).join(','));
  if (pool.every((p) => p.kind !== 'balancer') && sets.every((s) => s === sets[0])) return pool[0]!;
  throw new Refused(
    `"${pool[0]!.name}" names ${pool.map(describePlace).join(' and ')}, which lose different things`,
    pool.map(describePlace),
  );
}

const placeTarget = (p: Place): Target => ({ kind: p.kind, name: p.name });

function roleTarget(
  roles: readonly RoleId[],
  count: Count,
  text: string,
  extra: { total?: number; shard?: number; within?: Place },
): Target {
  return {
    kind: 'role',
    role: roles[0]!,
    roles,
    count,
    text,
    ...(extra.total !== undefined ? { total: extra.total } : {}),
    ...(extra.shard !== undefined ? { shard: extra.shard } : {}),
    ...(extra.within ? { within: extra.within } : {}),
  };
}

/** Reads one stretch between conjunctions: "both sql slaves", "server sip1.voip.example", "hv-2". */
function readSegment(items: readonly Item[], topology: Topology): { targets: Target[]; unknown: string[] } {
  const targets: Target[] = [];
  const unknown: string[] = [];
  let quant: Quant | undefined;
  let ofPending = false;
  let sawThe = false;
  let shard: number | undefined;
  let lastRole: Extract<Target, { kind: 'role' }> | undefined;
  const reset = () => {
    quant = undefined;
    ofPending = false;
    sawThe = false;
    shard = undefined;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    switch (item.t) {
      case 'all':
        quant = { count: 'all' };
        break;
      case 'both':
        quant = { count: 2, total: 2 };
        break;
      case 'num':
        if (quant && (ofPending || quant.count === 'all')) {
          quant.total = item.n;
          ofPending = false;
        } else quant = { count: item.n, ...(sawThe ? { total: item.n } : {}) };
        break;
      case 'the':
        if (!quant) sawThe = true;
        break;
      case 'of':
        if (quant) ofPending = true;
        break;
      case 'shard':
        if (lastRole && lastRole.shard === undefined && !quant) lastRole.shard = item.n;
        else shard = item.n;
        break;
      case 'role': {
        let j = i + 1;
        let plural = item.word.plural;
        const raw = [item.raw];
        for (let next = items[j]; next?.t === 'noun'; next = items[++j]) {
          plural ||= next.plural || next.collective;
          raw.push(next.raw);
        }
        if (item.word.ambiguous) {
          const present = item.word.roles.filter((r) => topology.nodes.some((n) => n.roles.includes(r)));
          if (present.length > 1)
            throw new Refused(
              `"${raw.join(' ')}" could mean ${present.map((r) => `the ${ROLE_NAMES[r]}`).join(' or ')}`,
              present.map((r) => `${plural ? 'all' : 'one'} ${r} ${plural ? 'nodes' : 'node'}`),
            );
        }
        let within: Place | undefined;
        if (items[j]?.t === 'prep') {
          let k = j + 1;
          if (items[k]?.t === 'the') k++;
          let kind: PlaceKind | undefined;
          const qual = items[k];
          if (qual?.t === 'qual') {
            kind = qual.kind;
            k++;
          }
          const named = items[k];
          if (named?.t === 'place') {
            const domains = named.places.filter((p) =>
              kind ? p.kind === kind : p.kind === 'host' || p.kind === 'zone',
            );
            if (domains.length) {
              within = choosePlace(domains, undefined, topology);
              j = k + 1;
            }
          }
        }
        const word = item.word;
        const roles = word.ambiguous
          ? word.roles.filter((r) => topology.nodes.some((n) => n.roles.includes(r))).slice(0, 1)
          : word.roles;
        const target = roleTarget(
          roles.length ? roles : word.roles,
          quant?.count ?? (plural ? 'all' : 1),
          raw.join(' '),
          {
            ...(quant?.total !== undefined ? { total: quant.total } : {}),
            ...(shard !== undefined ? { shard } : {}),
            ...(within ? { within } : {}),
          },
        );
        targets.push(target);
        lastRole = target as Extract<Target, { kind: 'role' }>;
        reset();
        i = j - 1;
        break;
      }
      case 'noun':
      case 'qual': {
        const next = items[i + 1];
        const kinds: PlaceKind[] = item.t === 'qual' ? [item.kind] : ['node', 'host'];
        if (next?.t === 'place') {
          const p = choosePlace(next.places, kinds, topology);
          targets.push(placeTarget(p));
          lastRole = undefined;
          reset();
          i++;
          break;
        }
        if (next?.t === 'unknown' && nameLike(next.raw) && (item.t === 'qual' || !quant)) {
          const names = [
            ...new Set(
              topology.nodes.flatMap((n) => kinds.map((k) => (k === 'node' ? n.name : n[k as 'host' | 'zone']))),
            ),
          ].filter((n): n is string => n !== undefined);
          const pool = kinds[0] === 'balancer' ? (topology.loadBalancers ?? []).map((lb) => lb.name) : names;
          const what = kinds[0] === 'balancer' ? 'load balancer' : kinds.join(' or ');
          throw new Refused(
            `${topology.name} has no ${what} named "${next.raw}"; ${pool.length ? `${what}s here: ${nodeList(pool, 8)}` : `no node declares a ${what}`}`,
            pool
              .map((n) => ({ n, d: typoDistance(next.raw, n.toLowerCase()) }))
              .sort((a, b) => a.d - b.d)
              .slice(0, 3)
              .map((x) => x.n),
          );
        }
        if (item.t === 'noun' && item.collective) break;
        // "a host", "any zone", "2 nodes", "the load balancer": without a count, only qualifiers stand alone.
        if (!quant && item.t === 'noun') break;
        const of = kinds[0]!;
        const count = quant?.count ?? (item.plural ? 'all' : 1);
        if (!quant && !item.plural && of !== 'balancer' && sawThe) {
          const names = [...new Set(topology.nodes.map((n) => (of === 'node' ? n.name : n[of])))];
          if (names.length !== 1)
            throw new Refused(
              `"the ${item.raw}" does not say which ${of}`,
              names.filter((n): n is string => n !== undefined).map((n) => `${of} ${n}`),
            );
        }
        targets.push({
          kind: 'any',
          of,
          count,
          text: item.raw,
          ...(quant?.total !== undefined ? { total: quant.total } : {}),
        });
        lastRole = undefined;
        reset();
        break;
      }
      case 'place': {
        const next = items[i + 1];
        let prefer: PlaceKind[] | undefined;
        if (next?.t === 'qual') prefer = [next.kind];
        else if (next?.t === 'noun' && !next.collective) prefer = ['node', 'host'];
        const p = choosePlace(item.places, prefer, topology);
        if (prefer && prefer.includes(p.kind)) i++;
        if (item.role && p.kind === 'node' && !prefer) {
          const pool = topology.nodes.filter((n) => item.role!.roles.some((r) => n.roles.includes(r)));
          if (!(pool.length === 1 && pool[0]!.name === p.name))
            throw new Refused(`"${item.raw}" is both a node's name and a role`, [
              `node ${p.name}`,
              `one ${item.role.roles[0]} node`,
            ]);
        }
        targets.push(placeTarget(p));
        lastRole = undefined;
        reset();
        break;
      }
      case 'unknown':
        unknown.push(item.raw);
        break;
      default:
        break;
    }
  }
  if (shard !== undefined) targets.push(roleTarget(SQL, 'all', `shard ${shard}`, { shard }));
  return { targets, unknown };
}

/** Looks like a name rather than an English word: has a digit, or a dot, '-' or '_' inside. */
const nameLike = (w: string) => /\d/.test(w) || /\w[._-]\w/.test(w);

function readablePlaces(vocab: Vocabulary, spellings: readonly string[]): string[] {
  return spellings.flatMap((s) => vocab.places.get(s)?.map(describePlace) ?? [s]);
}

/** What a question about this topology can name: its roles, then its hosts and zones. */
function somethingToName(topology: Topology): string[] {
  const roles = [...new Set(topology.nodes.flatMap((n) => n.roles))].map((r) => `one ${r} node`);
  const hosts = [...new Set(topology.nodes.map((n) => n.host))].filter((h) => h !== undefined).map((h) => `host ${h}`);
  const zones = [...new Set(topology.nodes.map((n) => n.zone))].filter((z) => z !== undefined).map((z) => `zone ${z}`);
  return [...roles, ...hosts.slice(0, 5), ...zones.slice(0, 5)];
}

export function exampleQuestions(topology: Topology): string[] {
  const node = topology.nodes.find((n) => n.roles.includes('sip')) ?? topology.nodes[0]!;
  const domain = topology.nodes.find((n) => n.host)?.host ?? topology.nodes.find((n) => n.zone)?.zone;
  return [
    'what happens if PBX fails',
    `what if ${node.name} and the web servers go down`,
    domain ? `what if ${domain} loses power` : 'what if two SIP nodes fail',
  ];
}

/** Kept for callers that show examples without a topology. */
export const EXAMPLE_QUESTIONS = [
  'what happens if PBX fails',
  'what if two SIP nodes go down',
  'what happens if zone az-a is lost',
];

function closestNames(word: string, vocab: Vocabulary, max = 3): string[] {
  return [...vocab.places.keys()]
    .map((k) => ({ k, d: typoDistance(word, k) }))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, max)
    .map((x) => x.k);
}

/**
 * Reads what a question says fails ("what happens if PBX fails", "hv-2 loses power", "2 of the 3 SIP
 * nodes and lb-a"), against the topology's own names. Never guesses: a misspelling gets a "did you mean",
 * an ambiguous phrase is refused with its readings.
 */
export function parseQuestion(question: string, topology: Topology): ParsedQuestion {
  const vocab = vocabularyOf(topology);
  const examples = exampleQuestions(topology);
  const understood: string[] = [];
  const refuse = (problem: string, candidates: string[] = []): Refusal => ({
    ok: false,
    understood,
    problem,
    candidates,
    examples,
  });
  const segments = split(classify(question, vocab));
  const read: { targets: Target[]; unknown: string[]; segment: Segment }[] = [];
  try {
    for (const segment of segments) {
      const r = readSegment(segment.items, topology);
      read.push({ ...r, segment });
      understood.push(...r.targets.map(describeTarget));
    }
  } catch (error) {
    if (error instanceof Refused) return refuse(error.problem, error.candidates);
    throw error;
  }
  const targets = read.flatMap((r) => r.targets);
  const spellings = () => [...vocab.places.keys(), ...fixedWords()];
  for (const [index, r] of read.entries()) {
    for (const word of r.unknown) {
      const bare = word.replace(/^['._-]+|['.]+$/g, '').replace(/'s$/, '');
      const near = nearest(bare, spellings());
      if (near.length) {
        return refuse(
          `there is no "${bare}" in ${topology.name}; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`,
          readablePlaces(vocab, near),
        );
      }
      const inList =
        r.targets.length === 0 &&
        (r.segment.joined === 'conj' || read[index + 1]?.segment.joined === 'conj') &&
        r.segment.items[0]?.t !== 'clause';
      if (nameLike(bare) && (targets.length === 0 || inList)) {
        return refuse(
          `${topology.name} has no node, host, zone or load balancer named "${bare}"`,
          readablePlaces(vocab, closestNames(bare, vocab)),
        );
      }
      if (inList) return refuse(`I could not tell what "${bare}" names in ${topology.name}`, []);
    }
  }
  const either = read.findIndex((r) => r.segment.joined === 'or');
  if (either > 0 && targets.length > 1) {
    return refuse('the question names alternatives ("or"); ask about one at a time, or join them with "and"', [
      ...read.slice(0, either + 1).flatMap((r) => r.targets.map(describeTarget)),
    ]);
  }
  if (targets.length === 0) {
    return refuse(
      `I could not find what fails in "${question.trim().slice(0, 200)}": name a role (PBX, SIP, the sql master…), a node, a host or a zone of ${topology.name}`,
      somethingToName(topology),
    );
  }
  return { ok: true, targets };
}

/** The target as the question put it, before it is matched to nodes. */
/** Whether `describeTarget` names several things ("all sip nodes", "2 pbx nodes"), so the verb agrees with it. */
export function namesSeveral(target: Target): boolean {
  if (target.kind === 'role') return target.count === 'all' || target.count > 1;
  if (target.kind === 'any') return target.count !== 'all' && target.count > 1;
  return false;
}

export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'role': {
      const role = target.roles.length > 1 ? 'sql' : target.role;
      const scope = `${target.shard !== undefined ? ` of shard ${target.shard}` : ''}${target.within ? ` in ${describePlace(target.within)}` : ''}`;
      if (target.count === 'all') return `all ${role} nodes${scope}`;
      return `${target.count} ${role} node${target.count === 1 ? '' : 's'}${scope}`;
    }
    case 'any': {
      const what = target.of === 'balancer' ? 'load balancer' : target.of;
      if (target.count === 'all') return `every ${what}`;
      return target.count === 1 ? `the worst single ${what}` : `the worst ${target.count} ${what}s`;
    }
    case 'balancer':
      return `load balancer ${target.name}`;
    default:
      return `${target.kind} ${target.name}`;
  }
}
