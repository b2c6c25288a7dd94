/**
 * A request field as the platform would read it: strings as they are, numbers and booleans printed,
 * anything else (an object where text was expected) as JSON so a fake never shows "[object Object]".
 */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
