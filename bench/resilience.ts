import { parseTopology } from '../src/topology/parse.js';
import type { Topology } from '../src/topology/schema.js';
import { resilience } from '../src/whatif/resilience.js';
import { whatIf } from '../src/whatif/simulate.js';
import { generateTopology } from './generate-topology.js';
import { median, timeRuns } from './timing.js';

export interface ResilienceBench {
  nodes: number;
  hosts: number;
  scenarios: number;
  whatIfMs: number;
  resilienceMs: number;
  ratio: number;
}

const QUESTION = 'what happens if two SIP nodes and the sql master fail';

function load(size: number): Topology {
  const parsed = parseTopology(generateTopology(size), { maxBytes: 64 * 1024 * 1024 });
  if (!parsed.ok) throw new Error('generated topology is invalid');
  return parsed.topology;
}

function measure(topology: Topology, depth: 1 | 2): ResilienceBench {
  for (let i = 0; i < 20; i++) whatIf(topology, QUESTION);
  const whatIfMs = median(timeRuns(100, () => whatIf(topology, QUESTION)));
  const report = resilience(topology, { depth });
  const resilienceMs = median(timeRuns(7, () => resilience(topology, { depth })));
  return {
    nodes: topology.nodes.length,
    hosts: new Set(topology.nodes.map((n) => n.host)).size,
    scenarios: report.scenarios.length,
    whatIfMs,
    resilienceMs,
    ratio: resilienceMs / whatIfMs,
  };
}

/** Resilience depth 1 over 1,000 nodes and depth 2 over 100 hosts, each as a ratio to one what-if on the same topology. */
export function benchResilience(): { depth1: ResilienceBench; depth2: ResilienceBench } {
  return { depth1: measure(load(1000), 1), depth2: measure(load(400), 2) };
}
