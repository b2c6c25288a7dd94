import {
  COLLECTIVE_NOUNS,
  MAX_PHRASE_WORDS,
  NODE_NOUNS,
  QUALIFIERS,
  roleWord,
  singularOf,
  type Place,
  type PlaceKind,
  type RoleWord,
  type Vocabulary,
} from './vocabulary.js';

/** A word or phrase of a question, classified against the topology's vocabulary. */
export type Item =
  | { t: 'place'; places: Place[]; raw: string; role?: RoleWord }
  | { t: 'role'; word: RoleWord; raw: string }
  | { t: 'noun'; plural: boolean; collective: boolean; raw: string }
  | { t: 'qual'; kind: PlaceKind; plural: boolean; raw: string }
  | { t: 'num'; n: number; raw: string }
  | { t: 'all'; raw: string }
  | { t: 'both'; raw: string }
  | { t: 'the'; raw: string }
  | { t: 'of'; raw: string }
  | { t: 'prep'; raw: string }
  | { t: 'shard'; n: number; raw: string }
  | { t: 'conj'; raw: string }
  | { t: 'or'; raw: string }
  | { t: 'sep'; raw: string }
  | { t: 'clause'; raw: string }
  | { t: 'stop'; raw: string }
  | { t: 'unknown'; raw: string };

const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  single: 1,
  any: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const ALL = new Set(['all', 'every', 'each', 'whole', 'entire']);
const CONJ = new Set(['and', 'plus', '&', '+', 'with', 'alongside', 'also']);
const CONJ_PHRASES = ['as well as', 'along with', 'together with', 'and also', 'and then'];
const PREP = new Set(['in', 'on', 'at', 'inside', 'within', 'from']);
/** Words that start a new clause after a comma: "…, what breaks?" */
const CLAUSE = new Set(['what', 'how', 'which', 'who', 'will', 'would', 'does', 'do', 'is', 'are', 'tell', 'show']);

/**
 * Words people put around what fails: verbs and idioms of failure, question words, filler. They carry no
 * target, so the parser skips them; any other word is checked against the vocabulary ("did you mean").
 */
const STOP = new Set(
  `what whats what's happens happen happened happening would will if when whenever suppose supposing assume assuming
  imagine simulate say lets let's let us we i you they it its it's our my your their there then so now just
  fail fails failed failing failure failures fault faults faulty die dies died dying dead crash crashes crashed crashing
  go goes went going gone down offline dark off out away over lost lose loses losing loss power powered unplugged
  unreachable unavailable inaccessible reboot reboots rebooted rebooting restart restarts restarted restarting
  partition partitioned partitions isolated disconnected cut cuts cutoff break breaks broke broken breaking stop stops
  stopped halt halts halted hang hangs hung freeze freezes froze frozen burn burns burned burnt fire flood flooded
  shut shuts shutdown terminate terminates terminated kill kills killed destroy destroys destroyed delete deletes
  deleted remove removes removed removing take takes taken taking pull pulls pulled plug plugged outage outages
  disappear disappears disappeared vanish vanishes gets get got getting become becomes became is are was were be been
  being has have had having do does did done experience experiences experienced suffer suffers suffered hit hits
  affected affect affects impact impacts impacted effect effects consequence consequences result results outcome
  breaks system service services customer customers calls call users user phone phones telephony functionality
  to for about than this that these those them same time once simultaneously together suddenly completely entirely
  totally fully accidentally unexpectedly hard hardware network networking connectivity link links cable cables
  someone somebody admin operator happen event events scenario case cases can could should might may must
  unresponsive responding respond not no longer anymore stays stay remain remains left dropping drop drops lights
  unhealthy degraded falls fall fell drops goes-down wrong problem problems issue issues error errors
  please thanks thank me us up let don't doesn't won't isn't aren't wasn't most least really
  actually again still entire whole both either `.split(/\s+/),
);

function clean(word: string): string {
  return word
    .replace(/’/g, "'")
    .replace(/'s$/, '')
    .replace(/^['._-]+|['.]+$/g, '');
}

/** Splits the question into words and symbols; names keep their dots, digits and hyphens. */
export function words(question: string): string[] {
  return (question.match(/[\p{L}\p{N}._'’-]+|[&,;?!+()]/gu) ?? []).map((w) => w.toLowerCase());
}

function place(vocab: Vocabulary, word: string): Place[] | undefined {
  return vocab.places.get(word) ?? vocab.places.get(clean(word));
}

function single(word: string, raw: string): Item {
  if (word === '&' || word === '+' || CONJ.has(word)) return { t: 'conj', raw };
  if (word === 'or' || word === 'either') return { t: 'or', raw };
  if (word === ',' || word === ';' || word === '?' || word === '!') return { t: 'sep', raw };
  if (/^\d+$/.test(word)) return { t: 'num', n: Number(word), raw };
  if (word in NUMBERS) return { t: 'num', n: NUMBERS[word]!, raw };
  if (ALL.has(word)) return { t: 'all', raw };
  if (word === 'both') return { t: 'both', raw };
  if (word === 'the') return { t: 'the', raw };
  if (word === 'of') return { t: 'of', raw };
  if (PREP.has(word)) return { t: 'prep', raw };
  const shard = /^shard-?(\d+)$/.exec(word);
  if (shard) return { t: 'shard', n: Number(shard[1]), raw };
  if (NODE_NOUNS.has(word)) return { t: 'noun', plural: false, collective: false, raw };
  if (COLLECTIVE_NOUNS.has(word)) return { t: 'noun', plural: false, collective: true, raw };
  const one = singularOf(word, (w) => NODE_NOUNS.has(w) || COLLECTIVE_NOUNS.has(w));
  if (one) return { t: 'noun', plural: true, collective: COLLECTIVE_NOUNS.has(one), raw };
  if (STOP.has(word) || STOP.has(word.replace(/s$/, '')) || word === '(' || word === ')') return { t: 'stop', raw };
  return { t: 'unknown', raw };
}

/** "webserver", "sipnodes": a role glued to the noun after it. */
function gluedRole(word: string): Item[] | undefined {
  const m = /^(.+?)(servers?|nodes?|boxes|box|instances?|vms?|machines?|clusters?)$/.exec(word);
  const role = m ? roleWord(m[1]!) : undefined;
  if (!m || !role) return undefined;
  return [{ t: 'role', word: role, raw: m[1]! }, single(m[2]!, m[2]!)];
}

/** Classifies the words, longest phrase first; the topology's own names win over every other reading. */
export function classify(question: string, vocab: Vocabulary): Item[] {
  const raw = words(question);
  const cleaned = raw.map(clean);
  const items: Item[] = [];
  let i = 0;
  while (i < raw.length) {
    const named = place(vocab, raw[i]!);
    if (named) {
      const role = roleWord(cleaned[i]!.replace(/[-_]/g, ' '));
      items.push({ t: 'place', places: named, raw: raw[i]!, ...(role ? { role } : {}) });
      i++;
      continue;
    }
    let matched = false;
    for (let n = Math.min(MAX_PHRASE_WORDS, raw.length - i); n >= 1 && !matched; n--) {
      const span = cleaned.slice(i, i + n);
      if (n > 1 && span.slice(1).some((_, k) => place(vocab, raw[i + 1 + k]!))) continue;
      const phrase = span.join(' ');
      const text = raw.slice(i, i + n).join(' ');
      const role = roleWord(phrase) ?? (n === 1 ? roleWord(phrase.replace(/[-_]/g, ' ')) : undefined);
      const qualifier = QUALIFIERS.get(phrase) ?? QUALIFIERS.get(singularOf(phrase, (w) => QUALIFIERS.has(w)) ?? '');
      if (role) items.push({ t: 'role', word: role, raw: text });
      else if (qualifier) items.push({ t: 'qual', kind: qualifier, plural: !QUALIFIERS.has(phrase), raw: text });
      else if (n > 1 && CONJ_PHRASES.includes(phrase)) items.push({ t: 'conj', raw: text });
      else if (n > 1) continue;
      else if (gluedRole(phrase)) items.push(...gluedRole(phrase)!);
      else if (phrase === 'shard' && /^\d+$/.test(cleaned[i + 1] ?? '')) {
        items.push({ t: 'shard', n: Number(cleaned[i + 1]), raw: `${text} ${raw[i + 1]}` });
        i += 2;
        matched = true;
        continue;
      } else if (phrase === vocab.topologyName) items.push({ t: 'stop', raw: text });
      else if (/^[a-z]+(?:-[a-z]+)+$/.test(phrase) && phrase.split('-').every((w) => single(w, w).t !== 'unknown')) {
        // "web-servers", "sip-nodes": hyphenated common words, read one by one.
        items.push(...classify(phrase.replace(/-/g, ' '), vocab));
      } else {
        items.push(CLAUSE.has(phrase) ? { t: 'clause', raw: text } : single(phrase, text));
      }
      i += n;
      matched = true;
    }
    if (!matched) {
      items.push({ t: 'unknown', raw: raw[i]! });
      i++;
    }
  }
  return items;
}
