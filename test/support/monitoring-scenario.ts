import { addNode, topology, toYaml, type Doc } from './topology.js';
import { shapes, type NodeSeries, type SeriesRange, type Shape } from './node-series.js';

/** The window of the generated series ends here; checks run "now" = END (an injected clock). */
export const END = Date.UTC(2026, 10, 20) / 1000;
export const NOW = new Date(END * 1000);
export const RANGE: SeriesRange = { start: END - 7 * 86_400, end: END, step: 120 };

const host = (name: string) => `${name}.int.example.com`;

/**
 * The clean topology without `metrics:` plus worker-3, which has no series: live figures only.
 * sip-1 + sip-2 and worker-1 + worker-2 are loaded so that losing one overloads the other.
 */
export function liveTopology(change: (t: Doc) => void = () => {}): Doc {
  return topology((t) => {
    addNode(t, 'worker-3', ['worker'], { instanceType: 'c7i.2xlarge' });
    for (const n of t.nodes as Doc[]) delete n.metrics;
    change(t);
  });
}

export const liveYaml = (change?: (t: Doc) => void) => toYaml(liveTopology(change));

const quiet = (name: string, cpu = 0.25): NodeSeries => ({
  instance: `${host(name)}:9100`,
  cpu: shapes.steady(cpu),
  memory: shapes.steady(0.4),
  io: shapes.steady(0.1),
});

/** Steady, growing, spiky and missing series over seven days at a 2-minute scrape interval. */
export function liveSeries(): NodeSeries[] {
  return [
    { ...quiet('sql-1', 0.35), io: shapes.steady(0.92) },
    ...['ddb-1', 'ddb-2', 'ddb-3', 'es-1', 'es-2', 'es-3', 'web-2', 'ic-1'].map((n) => quiet(n)),
    { ...quiet('web-1'), cpu: shapes.spiky(0.3, 0.98) },
    quiet('sip-1', 0.55),
    quiet('sip-2', 0.5),
    quiet('pbx-1', 0.4),
    { ...quiet('pbx-2'), cpu: shapes.growing(0.4, 0.6) },
    quiet('worker-1', 0.85),
    // The node_exporter of worker-2 has no disk series; worker-3 has none at all.
    { ...quiet('worker-2', 0.6), io: undefined },
  ];
}

const WEEK = 7 * 86_400;

/** A second week after END: checks run "now" = END2 to see it. */
export const END2 = END + WEEK;
export const NOW2 = new Date(END2 * 1000);
export const TWO_WEEKS: SeriesRange = { start: END - WEEK, end: END2, step: 120 };

/** Nothing reported: the exporter was not there yet. */
const absent: Shape = () => NaN;
const then = (first: Shape | undefined, second: Shape): Shape => {
  const before = first ?? absent;
  // The sample at END still belongs to the first week: a check at END must see none of the second.
  return (t) => (t <= WEEK ? before(t) : second(t - WEEK));
};

/**
 * liveSeries() for the first week; in the second every node runs quietly and every exporter
 * reports everything (worker-3's and worker-2's disk series start): what an audit sees after the
 * team scaled out and fixed its monitoring. Over TWO_WEEKS.
 */
export function changingSeries(): NodeSeries[] {
  const firstWeek = new Map(liveSeries().map((s) => [s.instance, s]));
  return liveTopology().nodes.map((node: Doc) => {
    const instance = `${host(node.name as string)}:9100`;
    const first = firstWeek.get(instance);
    const later = quiet(node.name as string);
    return {
      instance,
      cpu: then(first?.cpu, later.cpu!),
      memory: then(first?.memory, later.memory!),
      io: then(first?.io, later.io!),
    };
  });
}
