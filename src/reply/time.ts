/**
 * A moment inside reply text, left for each platform to show in the reader's own time zone (Slack's
 * `<!date^…>`, Discord's `<t:…>`). It is written as seconds between two invisible separators, which
 * no escaping touches, and replaced by the port after its own escaping, so the platform's markup
 * survives.
 */
const MARK = '\u2063';
const MOMENT = new RegExp(`${MARK}(-?\\d+)${MARK}`, 'g');

/** The moment `at`, to be shown by each platform in the reader's time zone. */
export function timeText(at: Date | string | number): string {
  return `${MARK}${Math.floor(new Date(at).getTime() / 1000)}${MARK}`;
}

/** UTC, to the minute: for text read without a time zone of its own (the shell, records, fallbacks). */
export function utcTime(unix: number): string {
  return `${new Date(unix * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Every moment in a string, or in the strings of a rendered message, shown by `format`. */
export function showTimes<T>(value: T, format: (unix: number) => string): T {
  if (typeof value === 'string') return value.replace(MOMENT, (_, unix: string) => format(Number(unix))) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => showTimes(v, format)) as T;
  if (value && typeof value === 'object' && !(value instanceof Uint8Array))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, showTimes(v, format)])) as T;
  return value;
}
