import { createHash } from 'node:crypto';
import { checkText, type CheckResult, type CheckTextOptions } from './check.js';
import { parseTopology, type ParseOptions, type ParseResult } from '../topology/parse.js';

/**
 * A small least-recently-used cache, bounded by entries and by an estimate of the bytes held.
 * Values are shared: callers must not mutate them.
 */
export class Memo<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string, bytes: number, compute: () => V): V {
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.value;
    }
    const value = compute();
    if (bytes > this.maxBytes) return value;
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

// A job hashes the same text several times (the name look-up, the check, the baseline), and jobs
// repeat texts: V8 hashes a string key once and compares on a hit, far cheaper than SHA-1.
const digests = new Map<string, string>();
const DIGESTS_KEPT = 256;
const DIGEST_KEY_LIMIT = 64 * 1024;
function digest(text: string | Uint8Array | undefined): string {
  if (text === undefined) return '-';
  if (typeof text !== 'string' || text.length > DIGEST_KEY_LIMIT)
    return createHash('sha1').update(text).digest('base64');
  let value = digests.get(text);
  if (value === undefined) {
    value = createHash('sha1').update(text).digest('base64');
    if (digests.size >= DIGESTS_KEPT) digests.delete(digests.keys().next().value!);
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
