import type { Resource } from '../sizing/catalog.js';
import { formatDuration } from './duration.js';

export const RESOURCES: readonly Resource[] = ['cpu', 'memory', 'io'];

/**
 * Utilisation (0..1) per series label from node_exporter, one query per resource for the whole
 * topology. `sel` is a selector body such as `instance=~"…"`; rates span at least 5 minutes so a
 * 1-minute scrape interval still gives several samples.
 */
export function utilisationQuery(resource: Resource, label: string, sel: string, stepSeconds: number): string {
  const range = formatDuration(Math.max(stepSeconds, 300));
  const inner = sel.slice(1, -1);
  let expr: string;
  switch (resource) {
    case 'cpu':
      expr = `1 - avg by (${label}) (rate(node_cpu_seconds_total{mode="idle",${inner}}[${range}]))`;
      break;
    case 'memory':
      expr = `1 - max by (${label}) (avg_over_time(node_memory_MemAvailable_bytes{${inner}}[${range}])) / max by (${label}) (avg_over_time(node_memory_MemTotal_bytes{${inner}}[${range}]))`;
      break;
    case 'io':
      // The busiest device: one saturated disk slows the roles on it whatever the others do.
      expr = `max by (${label}) (rate(node_disk_io_time_seconds_total{${inner}}[${range}]))`;
      break;
  }
  // Four decimals are plenty for a percentage and shrink the answer by a third.
  return `round(${expr}, 0.0001)`;
}
