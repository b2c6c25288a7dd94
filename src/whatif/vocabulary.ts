import type { Topology } from '../topology/schema.js';
import type { RoleId } from '../topology/roles.js';

/** Something a question can name by its exact name. */
export type PlaceKind = 'node' | 'host' | 'zone' | 'balancer';
export interface Place {
  kind: PlaceKind;
  /** As written in the topology. */
  name: string;
}

/** A role phrase: one role, a family ("sql": master or slave) or a word that could mean several. */
export interface RoleWord {
  roles: readonly RoleId[];
  /** Words such as "database" that name more than one role: refused with the candidates. */
  ambiguous?: boolean;
  plural: boolean;
  /** "cluster", "tier": the whole role. */
  collective?: boolean;
}

const SQL: readonly RoleId[] = ['sql-master', 'sql-slave'];

/** How people name roles in questions, singular; plurals are derived. Longest phrases win. */
const ROLE_PHRASES: readonly [string, readonly RoleId[], boolean?][] = [
  ['sql master', ['sql-master']],
  ['mysql master', ['sql-master']],
  ['master', ['sql-master']],
  ['master db', ['sql-master']],
  ['master database', ['sql-master']],
  ['master sql', ['sql-master']],
  ['master mysql', ['sql-master']],
  ['master sql db', ['sql-master']],
  ['sql master db', ['sql-master']],
  ['db master', ['sql-master']],
  ['database master', ['sql-master']],
  ['sql primary', ['sql-master']],
  ['mysql primary', ['sql-master']],
  ['primary db', ['sql-master']],
  ['primary database', ['sql-master']],
  ['primary sql', ['sql-master']],
  ['primary', ['sql-master']],
  ['secondary', ['sql-slave']],
  ['sql slave', ['sql-slave']],
  ['mysql slave', ['sql-slave']],
  ['slave', ['sql-slave']],
  ['slave db', ['sql-slave']],
  ['slave database', ['sql-slave']],
  ['db slave', ['sql-slave']],
  ['database slave', ['sql-slave']],
  ['replica', ['sql-slave']],
  ['sql replica', ['sql-slave']],
  ['mysql replica', ['sql-slave']],
  ['read replica', ['sql-slave']],
  ['db replica', ['sql-slave']],
  ['database replica', ['sql-slave']],
  ['sql', SQL],
  ['mysql', SQL],
  ['sql db', SQL],
  ['sql database', SQL],
  ['mysql db', SQL],
  ['mysql database', SQL],
  ['distributed database', ['distributed-db']],
  ['distributed db', ['distributed-db']],
  ['ddb', ['distributed-db']],
  ['hubring', ['distributed-db']],
  ['hub ring', ['distributed-db']],
  ['elasticsearch', ['elasticsearch']],
  ['elastic search', ['elasticsearch']],
  ['elastic', ['elasticsearch']],
  ['es', ['elasticsearch']],
  ['search', ['elasticsearch']],
  ['web', ['web']],
  ['wmi', ['web']],
  ['web management interface', ['web']],
  ['web management', ['web']],
  ['management interface', ['web']],
  ['web interface', ['web']],
  ['web ui', ['web']],
  ['web frontend', ['web']],
  ['web front end', ['web']],
  ['frontend', ['web']],
  ['sip', ['sip']],
  ['sip proxy', ['sip']],
  ['pbx', ['pbx']],
  ['infrastructure controller', ['infrastructure-controller']],
  ['infra controller', ['infrastructure-controller']],
  ['controller', ['infrastructure-controller']],
  ['ic', ['infrastructure-controller']],
  ['worker', ['worker']],
  ['queue', ['queue']],
  ['message queue', ['queue']],
  ['rabbitmq', ['queue']],
  ['jabber', ['jabber']],
  ['xmpp', ['jabber']],
  ['ejabberd', ['jabber']],
  ['database', ['sql-master', 'distributed-db'], true],
  ['db', ['sql-master', 'distributed-db'], true],
];

/** Words put after a role or before a name: "the PBX server", "server sip-1". */
export const NODE_NOUNS = new Set(['server', 'node', 'box', 'instance', 'vm', 'machine', 'container', 'role']);
export const COLLECTIVE_NOUNS = new Set(['cluster', 'tier', 'layer', 'farm', 'pool', 'fleet', 'ring', 'group']);
/** Qualifiers in front of (or after) a name, by the kind they ask for. */
export const QUALIFIERS: ReadonlyMap<string, PlaceKind> = new Map([
  ['host', 'host'],
  ['hypervisor', 'host'],
  ['hv', 'host'],
  ['physical host', 'host'],
  ['physical server', 'host'],
  ['physical machine', 'host'],
  ['bare metal', 'host'],
  ['baremetal', 'host'],
  ['zone', 'zone'],
  ['az', 'zone'],
  ['availability zone', 'zone'],
  ['site', 'zone'],
  ['datacenter', 'zone'],
  ['datacentre', 'zone'],
  ['data center', 'zone'],
  ['data centre', 'zone'],
  ['dc', 'zone'],
  ['region', 'zone'],
  ['rack', 'zone'],
  ['location', 'zone'],
  ['load balancer', 'balancer'],
  ['http load balancer', 'balancer'],
  ['balancer', 'balancer'],
  ['lb', 'balancer'],
]);

export function pluralOf(word: string): string {
  if (/(?:s|x|sh|ch)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** Singular form of a plural word, or undefined when the word is not a plural we know. */
export function singularOf(word: string, known: (w: string) => boolean): string | undefined {
  const tries = [
    word.endsWith('ies') ? `${word.slice(0, -3)}y` : undefined,
    word.endsWith('es') ? word.slice(0, -2) : undefined,
    word.endsWith('s') ? word.slice(0, -1) : undefined,
  ];
  return (
    tries.find((w): w is string => w !== undefined && known(w) && pluralOf(w) === word) ??
    (word === 'pbxs' ? 'pbx' : undefined)
  );
}

function variants(phrase: string): string[] {
  const words = phrase.split(' ');
  return [...new Set([phrase, words.join('-'), words.join('_'), words.join('')])];
}

const ROLE_WORDS = new Map<string, RoleWord>();
for (const [phrase, roles, ambiguous] of ROLE_PHRASES) {
  const words = phrase.split(' ');
  const many = [...words.slice(0, -1), pluralOf(words[words.length - 1]!)].join(' ');
  for (const v of variants(phrase)) ROLE_WORDS.set(v, { roles, plural: false, ...(ambiguous ? { ambiguous } : {}) });
  for (const v of variants(many)) ROLE_WORDS.set(v, { roles, plural: true, ...(ambiguous ? { ambiguous } : {}) });
}
ROLE_WORDS.set('pbxs', { roles: ['pbx'], plural: true });
for (const id of ['sql-master', 'sql-slave', 'distributed-db', 'infrastructure-controller'] as const) {
  ROLE_WORDS.set(id, { roles: [id], plural: false });
  ROLE_WORDS.set(`${id}s`, { roles: [id], plural: true });
}

export const MAX_PHRASE_WORDS = 4;

/** A role phrase spelt by 1..4 words, joined by single spaces. */
export function roleWord(phrase: string): RoleWord | undefined {
  return ROLE_WORDS.get(phrase);
}

/** Every single word of the role phrases and qualifiers: for "did you mean". */
export function fixedWords(): string[] {
  const words = new Set<string>();
  for (const key of [...ROLE_WORDS.keys(), ...QUALIFIERS.keys()]) if (!key.includes(' ')) words.add(key);
  return [...words];
}

/** The topology's own names, lower-cased for lookup, each with every place that bears it. */
export interface Vocabulary {
  places: ReadonlyMap<string, Place[]>;
  topologyName: string;
}

const VOCABULARIES = new WeakMap<Topology, Vocabulary>();

/** Built once per parsed topology: a chat session asks many questions of the same one. */
export function vocabularyOf(topology: Topology): Vocabulary {
  const known = VOCABULARIES.get(topology);
  if (known) return known;
  const places = new Map<string, Place[]>();
  const add = (kind: PlaceKind, name: string | undefined) => {
    if (name === undefined) return;
    const key = name.toLowerCase();
    const list = places.get(key) ?? [];
    if (!list.some((p) => p.kind === kind && p.name === name)) list.push({ kind, name });
    places.set(key, list);
  };
  for (const node of topology.nodes) {
    add('node', node.name);
    add('host', node.host);
    add('zone', node.zone);
  }
  for (const lb of topology.loadBalancers ?? []) add('balancer', lb.name);
  const vocabulary = { places, topologyName: topology.name.toLowerCase() };
  VOCABULARIES.set(topology, vocabulary);
  return vocabulary;
}
