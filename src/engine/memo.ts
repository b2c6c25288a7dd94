import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { checkText, type CheckResult, type CheckTextOptions } from './check.js';
import { parseTopology, type ParseOptions, type ParseResult } from '../topology/parse.js';

/**
 * A least-recently-used cache (lru-cache), bounded by entries and by an estimate of the bytes held.
 * Values are shared: callers must not mutate them.
 */
export class Memo<V extends object> {
  private readonly entries: LRUCache<string, V>;

  constructor(
    maxEntries: number,
    private readonly maxBytes: number,
  ) {
    this.entries = new LRUCache<string, V>({ max: maxEntries, maxSize: maxBytes });
  }

  get(key: string, bytes: number, compute: () => V): V {
    const found = this.entries.get(key);
    if (found !== undefined) return found;
    const value = compute();
    // Larger than the whole cache: not kept (lru-cache would refuse it too, but say so here).
    if (bytes <= this.maxBytes) this.entries.set(key, value, { size: Math.max(1, bytes) });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

// A job hashes the same text several times (the name look-up, the check, the baseline), and jobs
// repeat texts: V8 hashes a string key once and compares on a hit, far cheaper than SHA-1.
const digests = new LRUCache<string, string>({ max: 256 });
const DIGEST_KEY_LIMIT = 64 * 1024;
function digest(text: string | Uint8Array | undefined): string {
  if (text === undefined) return '-';
  if (typeof text !== 'string' || text.length > DIGEST_KEY_LIMIT)
    return createHash('sha1').update(text).digest('base64');
  let value = digests.get(text);
  if (value === undefined) {
    value = createHash('sha1').update(text).digest('base64');
    digests.set(text, value);
  }
  return value;
}
function size(text: string | Uint8Array | undefined): number {
  if (text === undefined) return 0;
  return typeof text === 'string' ? text.length : text.byteLength;
}

/** A parsed YAML document holds roughly this many times its text in memory. */
const DOCUMENT_OVERHEAD = 20;

/**
 * Parsing is the cost of a check (the yaml library reads a few MB/s), and chat users and audits
 * check the same stored versions again and again: both pure steps are memoised by content.
 */
const parses = new Memo<ParseResult>(128, 64 * 1024 * 1024);
const checks = new Memo<CheckResult & { valid: boolean }>(256, 64 * 1024 * 1024);

export function parseTopologyCached(text: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  return parses.get(`${digest(text)}|${options.maxBytes ?? ''}`, size(text) * DOCUMENT_OVERHEAD, () =>
    parseTopology(text, options),
  );
}

export function checkTextCached(
  text: string | Uint8Array,
  options: CheckTextOptions = {},
): CheckResult & { valid: boolean } {
  // Live figures change from one run to the next: nothing to reuse.
  if (options.usage) return checkText(text, options);
  const key = [
    digest(text),
    digest(options.baselineText),
    options.today ?? new Date().toISOString().slice(0, 10),
    options.maxBytes ?? '',
    options.config?.digest ?? '',
  ].join('|');
  return checks.get(key, (size(text) + size(options.baselineText)) * 4, () => checkText(text, options));
}

/** For benchmarks that measure the cold path. */
export function clearEngineMemo(): void {
  parses.clear();
  checks.clear();
}
