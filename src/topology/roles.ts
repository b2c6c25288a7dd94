/** Role ids of the topology format (spec/topology.md), in the seed's order. */
export const ROLE_IDS = [
  'sql-master',
  'sql-slave',
  'distributed-db',
  'elasticsearch',
  'web',
  'sip',
  'pbx',
  'infrastructure-controller',
  'worker',
  'queue',
  'jabber',
] as const;

export type RoleId = (typeof ROLE_IDS)[number];

/** Human names, as the seed writes them. */
export const ROLE_NAMES: Record<RoleId, string> = {
  'sql-master': 'SQL master',
  'sql-slave': 'SQL slave',
  'distributed-db': 'Distributed Database',
  elasticsearch: 'Elasticsearch',
  web: 'Web Management Interface',
  sip: 'SIP',
  pbx: 'PBX',
  'infrastructure-controller': 'Infrastructure Controller',
  worker: 'Worker',
  queue: 'Queue',
  jabber: 'Jabber',
};

const ALIASES: Record<RoleId, readonly string[]> = {
  'sql-master': ['mysql-master', 'sql master'],
  'sql-slave': ['mysql-slave', 'sql replica', 'sql-replica'],
  'distributed-db': ['ddb', 'hubring'],
  elasticsearch: ['es', 'elastic'],
  web: ['wmi', 'web-management-interface', 'web ui'],
  sip: [],
  pbx: [],
  'infrastructure-controller': ['ic', 'controller'],
  worker: ['workers'],
  queue: ['rabbitmq'],
  jabber: ['xmpp', 'ejabberd'],
};

/** Aliases are case-insensitive and treat spaces, '_' and '-' alike. */
export function roleKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-');
}

const BY_KEY = new Map<string, RoleId>();
for (const id of ROLE_IDS) {
  BY_KEY.set(roleKey(id), id);
  for (const alias of ALIASES[id]) BY_KEY.set(roleKey(alias), id);
}

export function resolveRole(text: string): RoleId | undefined {
  return BY_KEY.get(roleKey(text));
}

/** Every spelling a user may write, for completion and for the published schema. */
export function roleSpellings(): string[] {
  return [...BY_KEY.keys()];
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The role id whose spelling is nearest to `text`, for "did you mean". */
export function closestRole(text: string): RoleId {
  const key = roleKey(text);
  let best: RoleId = ROLE_IDS[0];
  let bestScore = Infinity;
  for (const [spelling, id] of BY_KEY) {
    const score = spelling.startsWith(key) || key.startsWith(spelling) ? 0.5 : editDistance(key, spelling);
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}
