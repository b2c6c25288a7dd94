import { parse } from 'yaml';
import { checkText } from '../src/engine/check.js';
import { parseTopology } from '../src/topology/parse.js';
import { whatIf } from '../src/whatif/simulate.js';
import { generateTopology } from './generate-topology.js';
import { median, timeRuns } from './timing.js';

// The fastest of several runs: what the code costs, with the least of GC and scheduling noise.
const best = (values: number[]) => Math.min(...values);

export interface EngineRow {
  nodes: number;
  bytes: number;
  parseMs: number;
  checkMs: number;
  ratio: number;
}

/** Full check (parse, validate, every rule) against yaml.parse of the same text, same run. */
export function benchEngine(): { rows: EngineRow[]; growth: number; whatIfMs: number } {
  const rows: EngineRow[] = [];
  for (const nodes of [100, 1000, 10_000]) {
    const text = generateTopology(nodes);
    const runs = nodes >= 10_000 ? 9 : 31;
    // Warm both paths so the JIT has compiled them before timing.
    for (let i = 0; i < 3; i++) {
      parse(text);
      checkText(text, { maxBytes: 64 * 1024 * 1024 });
    }
    const parseMs = best(timeRuns(runs, () => parse(text)));
    const checkMs = best(timeRuns(runs, () => checkText(text, { maxBytes: 64 * 1024 * 1024 })));
    rows.push({ nodes, bytes: text.length, parseMs, checkMs, ratio: checkMs / parseMs });
  }
  const parsed = parseTopology(generateTopology(1000));
  if (!parsed.ok) throw new Error('generated topology is invalid');
  const question = 'what happens if two SIP nodes and the sql master fail';
  for (let i = 0; i < 50; i++) whatIf(parsed.topology, question);
  const whatIfMs = median(timeRuns(200, () => whatIf(parsed.topology, question)));
  return { rows, growth: rows[2]!.checkMs / rows[1]!.checkMs, whatIfMs };
}
