import type { TopologyNode } from '../topology/schema.js';

/**
 * How nodes map to series: the node's label value from the template (default: its private
 * hostname), compared with the series' label value with any `:port` stripped, case-insensitively.
 */
export function labelValue(node: TopologyNode, template: string): string | undefined {
  let missing = false;
  const value = template.replace(/\{(name|private|public)\}/g, (_, field: 'name' | 'private' | 'public') => {
    const v = node[field];
    if (v === undefined) missing = true;
    return v ?? '';
  });
  return missing || value === '' ? undefined : value.toLowerCase();
}

/** A series' label value in the form labelValue() produces. */
export function seriesKey(value: string): string {
  return value.replace(/:[0-9]+$/, '').toLowerCase();
}

// The schema limits templates and addresses to [A-Za-z0-9._:-]; only the dot means something to RE2.
const quote = (value: string) => value.replace(/\./g, '[.]');

/** One selector matching every value, with or without a port. */
export function selector(label: string, values: readonly string[]): string {
  const unique = [...new Set(values)].sort();
  return `{${label}=~"(?i:${unique.map(quote).join('|')})(?::[0-9]+)?"}`;
}
