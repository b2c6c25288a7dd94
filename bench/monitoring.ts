import { performance } from 'node:perf_hooks';
import { PrometheusClient } from '../src/monitoring/client.js';
import { collectUsage } from '../src/monitoring/collect.js';
import { resolveSettings } from '../src/monitoring/settings.js';
import { sizeTopology } from '../src/sizing/advice.js';
import { parseTopology } from '../src/topology/parse.js';
import { shapes, type NodeSeries } from '../test/support/node-series.js';
import { LocalPrometheus, prometheusMissing } from '../test/support/prometheus.js';
import { generateTopology } from './generate-topology.js';
import { benchTsdb } from './monitoring-tsdb.js';

export interface MonitoringBench {
  nodes: number;
  samples: number;
  scrapeSeconds: number;
  staticMs: number;
  /** The first live sizing after Prometheus started (its caches cold). */
  coldMs: number;
  /** Best of the following live sizings. */
  liveMs: number;
  queries: number;
  /** Generating and backfilling the TSDB in this run; 0 when it came from the cache. */
  backfillMs: number;
  cached: boolean;
  startMs: number;
  responseSeries: number;
}

/**
 * Sizing of a generated topology from static `metrics:` against the same sizing from a local
 * Prometheus holding 7 days of node_exporter samples for every node (1-minute scrape by default).
 */
export async function benchMonitoring(size = 300, scrapeSeconds = 60): Promise<MonitoringBench | string> {
  const missing = prometheusMissing();
  if (missing) return missing;
  const parsed = parseTopology(generateTopology(size));
  if (!parsed.ok) throw new Error('generated topology does not parse');
  const topology = parsed.topology;
  const end = Date.UTC(2026, 10, 20) / 1000;
  const series: NodeSeries[] = topology.nodes.map((n, i) => ({
    instance: `${n.private}:9100`,
    cpu: i % 10 === 0 ? shapes.growing(0.3, 0.6, 7, i) : shapes.steady(0.2 + (i % 7) * 0.1, i),
    memory: shapes.steady(0.5, i + 1),
    io: shapes.steady(0.15, i + 2),
  }));
  const tsdb = await benchTsdb(series, { start: end - 7 * 86_400, end, step: scrapeSeconds });
  const t0 = performance.now();
  const prom = await LocalPrometheus.serve(tsdb.data, tsdb.samples);
  const startMs = performance.now() - t0;
  try {
    const staticRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      sizeTopology(topology);
      staticRuns.push(performance.now() - s);
    }
    const settings = resolveSettings(undefined, { url: prom.url })!;
    // The production size cap (32 MiB per answer); only the timeout is widened for a busy machine.
    const client = new PrometheusClient({ url: prom.url, timeoutMs: 120_000 });
    const liveRuns: number[] = [];
    let usage: Awaited<ReturnType<typeof collectUsage>> | undefined;
    for (let i = 0; i < 4; i++) {
      const s = performance.now();
      usage = await collectUsage(topology, settings, client, new Date(end * 1000));
      sizeTopology(topology, usage);
      liveRuns.push(performance.now() - s);
      if (usage.failure) throw new Error(usage.failure);
    }
    return {
      nodes: topology.nodes.length,
      samples: prom.samples,
      scrapeSeconds,
      staticMs: Math.min(...staticRuns),
      coldMs: liveRuns[0]!,
      liveMs: Math.min(...liveRuns.slice(1)),
      queries: usage!.queries,
      backfillMs: tsdb.buildMs,
      cached: !tsdb.built,
      startMs,
      responseSeries: Object.keys(usage!.nodes).length,
    };
  } finally {
    await prom.stop();
  }
}
