import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { topologySchema, type Topology } from './schema.js';
import { formatPath, SourceMap, type FieldPath } from './source-map.js';

/** 1 MiB: a real topology of thousands of nodes fits well inside it. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/** Aliases a file may expand; generous for anchors used by hand, far below a billion-laughs bomb. */
export const MAX_ALIAS_COUNT = 200;
const MAX_DEPTH = 64;
/**
 * Most YAML items (flow separators, keys, list entries) a file may have: the YAML library spends
 * about 2 KiB and 5–30 µs per item, so this bounds one parse to ~100 MiB and a fraction of a second,
 * where a 1 MiB flow list of 520,000 items takes over 1 GiB and seconds. A topology of 2,000 nodes
 * in block style has about 20,000.
 */
export const MAX_ITEMS = 50_000;

/** A problem with the input itself: one of SCH001–SCH005. */
export interface ParseIssue {
  rule: 'SCH001' | 'SCH002' | 'SCH003' | 'SCH004' | 'SCH005';
  message: string;
  path?: string;
  line?: number;
  column?: number;
}

export type ParseResult =
  { ok: true; topology: Topology; source: SourceMap } | { ok: false; issues: ParseIssue[]; name?: string };

export interface ParseOptions {
  /** Size cap in bytes. @defaultValue 1 MiB */
  maxBytes?: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function fail(issue: ParseIssue, name?: string): ParseResult {
  return { ok: false, issues: [issue], ...(name ? { name } : {}) };
}

/** Text that is neither UTF-8 nor free of NULs is a binary upload, not a topology. */
function decode(input: string | Uint8Array): string | ParseIssue {
  if (typeof input !== 'string') {
    try {
      input = decoder.decode(input);
    } catch {
      return {
        rule: 'SCH001',
        message: 'the file is binary (not UTF-8 text); upload the topology as YAML or JSON',
        line: 1,
        column: 1,
      };
    }
  }
  const nul = input.indexOf('\u0000');
  if (nul !== -1) {
    return {
      rule: 'SCH001',
      message: 'the file is binary (contains NUL bytes); upload the topology as YAML or JSON',
      line: 1,
      column: 1,
    };
  }
  return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
}

function byteLength(input: string | Uint8Array): number {
  return typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
}

/**
 * JSON indented with tabs is valid JSON but not valid YAML indentation. Swapping each leading
 * tab for one space keeps every line:column as it was.
 */
function normaliseJsonIndent(text: string): string {
  const start = text.trimStart()[0];
  if ((start !== '{' && start !== '[') || !text.includes('\t')) return text;
  return text.replace(/^[\t ]+/gm, (ws) => ws.replace(/\t/g, ' '));
}

function depthExceeded(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  if (typeof value !== 'object' || value === null) return false;
  for (const child of Object.values(value)) if (depthExceeded(child, depth + 1)) return true;
  return false;
}

/**
 * Bracket depth of flow collections, found before the parser recurses into them, so a file of a
 * hundred thousand '[' is refused at once instead of exhausting the stack.
 */
/**
 * An upper bound on the YAML nodes a text makes, counted before anything is built: each `,` `:`
 * `[` `{` and list dash can start one. Quoted text is counted too, which only errs on the safe side.
 */
export function structuralItems(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // , : [ { -
    if (c === 44 || c === 58 || c === 91 || c === 123 || c === 45) n++;
  }
  return n;
}

function flowDepthExceeded(text: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote && text[i - 1] !== '\\') quote = '';
      else if (c === '\n') quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) return true;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return false;
}

/** Past this many, more issues only bury the first ones, which are usually the cause. */
const MAX_ISSUES = 50;

function capIssues(issues: ParseIssue[]): ParseIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const first = issues[0]!;
  return [
    ...issues.slice(0, MAX_ISSUES),
    { rule: first.rule, message: `and ${issues.length - MAX_ISSUES} more problems; fix the ones above first` },
  ];
}

function yamlIssue(error: YAMLError, text: string): ParseIssue {
  const pos = error.linePos?.[0];
  const where = pos ? { line: pos.line, column: pos.col } : {};
  const first = error.message.split('\n')[0] ?? error.message;
  if (error.code === 'DUPLICATE_KEY') {
    const line = pos ? (text.split('\n')[pos.line - 1] ?? '') : '';
    const key =
      /^\s*(?:-\s+)?["']?([^"':{}[\],]+?)["']?\s*:/.exec(line.slice(Math.max(0, (pos?.col ?? 1) - 1)))?.[1] ??
      /^\s*(?:-\s+)?["']?([^"':{}[\],]+?)["']?\s*:/.exec(line)?.[1];
    return {
      rule: 'SCH004',
      message: `${key ? `the key "${key.trim()}"` : 'a key'} appears twice in the same mapping; remove or rename one of them`,
      ...where,
    };
  }
  if (error.code === 'MULTIPLE_DOCS' || /multiple documents/i.test(first))
    return {
      rule: 'SCH001',
      message: `the file holds several YAML documents (separated by a \`---\` line${pos ? ` at line ${pos.line}` : ''}); a topology is one document: remove the separators, or split the file and check each one`,
      line: 1,
      column: 1,
    };
  if (/call stack/i.test(first))
    return { rule: 'SCH001', message: 'the file nests too deeply to be a topology', ...where };
  return { rule: 'SCH001', message: `not valid YAML or JSON: ${first.replace(/ at line.*$/, '')}`, ...where };
}

/** JSON has no comments; a JSON file with // or /* comments is one problem at the first, not a cascade. */
function jsonComment(text: string): ParseIssue | undefined {
  if (!/^\s*[{[]/.test(text)) return undefined;
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    const bare = line.replace(/"(?:[^"\\]|\\.)*"/g, (m) => ' '.repeat(m.length));
    const at = bare.search(/\/\/|\/\*/);
    if (at >= 0)
      return {
        rule: 'SCH001',
        message: `JSON does not allow comments (${bare.slice(at, at + 2)} at line ${i + 1}); remove them, or write the topology as YAML, where comments start with #`,
        line: i + 1,
        column: at + 1,
      };
  }
  return undefined;
}

export function sizeIssue(size: number, maxBytes: number): ParseIssue {
  return {
    rule: 'SCH001',
    message: `the file is ${size} bytes or more, over the ${maxBytes}-byte cap; split the topology or raise the cap (--max-bytes, MAX_TOPOLOGY_BYTES)`,
    line: 1,
    column: 1,
  };
}

/** Parses YAML or JSON (told apart by content: JSON is read as YAML's flow style) into a topology. */
export function parseTopology(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = byteLength(input);
  if (size > maxBytes) return fail(sizeIssue(size, maxBytes));
  const decoded = decode(input);
  if (typeof decoded !== 'string') return fail(decoded);
  const text = normaliseJsonIndent(decoded);
  if (text.trim() === '')
    return fail({ rule: 'SCH001', message: 'the file is empty; paste or attach a topology', line: 1, column: 1 });

  // An operator who raises the size cap raises this budget with it (about one item per 20 bytes).
  const maxItems = Math.max(MAX_ITEMS, Math.floor(maxBytes / 20));
  const items = structuralItems(text);
  if (items > maxItems) {
    return fail({
      rule: 'SCH001',
      message: `the file has about ${items} YAML items (separators, keys, list entries), over the ${maxItems} I check at once; a topology needs far fewer: remove repeated or unused entries, or split it`,
      line: 1,
      column: 1,
    });
  }
  if (flowDepthExceeded(text)) {
    return fail({
      rule: 'SCH001',
      message: `the file nests deeper than ${MAX_DEPTH} levels; a topology is a few levels deep`,
      line: 1,
      column: 1,
    });
  }
  const lines = new LineCounter();
  const comment = jsonComment(text);
  if (comment) return fail(comment);
  let value: unknown;
  let source: SourceMap;
  try {
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true, strict: true });
    if (doc.errors.length > 0) return { ok: false, issues: capIssues(doc.errors.map((e) => yamlIssue(e, text))) };
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    source = new SourceMap(doc, lines);
  } catch (error) {
    // The yaml library throws on alias expansion over the bound and on recursion limits.
    const message =
      error instanceof ReferenceError || /alias/i.test(String(error))
        ? `aliases expand beyond ${MAX_ALIAS_COUNT} references (a "billion laughs" file); write the values out`
        : 'the file nests too deeply to be a topology';
    return fail({ rule: 'SCH001', message, line: 1, column: 1 });
  }
  if (depthExceeded(value)) {
    return fail({
      rule: 'SCH001',
      message: `the file nests deeper than ${MAX_DEPTH} levels; a topology is a few levels deep`,
      line: 1,
      column: 1,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail({
      rule: 'SCH001',
      message: 'expected a mapping with "version", "name" and "nodes" at the top level; see `voipnow schema`',
      line: 1,
      column: 1,
    });
  }

  const parsed = topologySchema.safeParse(value);
  if (parsed.success) return { ok: true, topology: parsed.data, source };
  const name = (value as { name?: unknown }).name;
  return {
    ok: false,
    issues: capIssues(zodIssues(parsed.error.issues, source, value)),
    ...(typeof name === 'string' ? { name } : {}),
  };
}

function lookup(value: unknown, path: FieldPath): unknown {
  let cur = value;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return JSON.stringify(value);
}

const KINDS: Record<string, string> = {
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
  int: 'a whole number',
};

/** The validator's issue in plain words, naming the field's path; never the validator's own phrasing. */
function plainMessage(issue: z.core.$ZodIssue, path: readonly (string | number)[], actual: unknown): string {
  const at = formatPath(path) || 'the top level';
  const field = String(path[path.length - 1] ?? '');
  const metric = path.includes('metrics');
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) {
        const parent = formatPath(path.slice(0, -1));
        return `missing required field "${field}"${parent ? ` in ${parent}` : ''}`;
      }
      return `${at} must be ${KINDS[issue.expected] ?? issue.expected}, not ${describe(actual)}`;
    case 'too_big':
    case 'too_small': {
      if (metric) return `${at} is ${describe(actual)}; metrics are fractions from 0 to 1: 0.85 means 85 %`;
      const bound = String(issue.code === 'too_big' ? issue.maximum : issue.minimum);
      const list = issue.origin === 'array';
      const words =
        issue.code === 'too_big'
          ? `at most ${bound}${list ? ' entries' : ''}`
          : `at least ${bound}${list ? ` ${bound === '1' ? 'entry' : 'entries'}` : ''}`;
      return `${at} must be ${words}${list ? '' : `, not ${describe(actual)}`}`;
    }
    case 'invalid_value':
      return `${at} must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, not ${describe(actual)}`;
    case 'invalid_union':
      return `${at} is not a valid value (${describe(actual)}); see \`voipnow schema\``;
    case 'not_multiple_of':
      return `${at} must be a whole number, not ${describe(actual)}`;
    default:
      return `${at}: ${issue.message}`;
  }
}

/** Zod issues as located problems; also used for the team configuration (`hint` names its schema). */
export function zodIssues(
  issues: z.core.$ZodIssue[],
  source: SourceMap,
  value: unknown,
  hint = 'voipnow schema',
): ParseIssue[] {
  const out: ParseIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((seg): seg is string | number => typeof seg !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        out.push({
          rule: 'SCH002',
          message: `unknown field "${key}"; remove it or check its spelling (see \`${hint}\`)`,
          path: formatPath(keyPath),
          ...source.locate(keyPath, true),
        });
      }
      continue;
    }
    const rule = (issue.code === 'custom' && (issue.params?.rule as ParseIssue['rule'] | undefined)) || 'SCH002';
    const message = plainMessage(issue, path, lookup(value, path));
    out.push({ rule, message, path: formatPath(path), ...source.locate(path) });
  }
  return out;
}
