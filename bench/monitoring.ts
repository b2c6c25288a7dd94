import { performance } from 'node:perf_hooks';
import { PrometheusClient } from '../src/monitoring/client.js';
import { collectUsage } from '../src/monitoring/collect.js';
import { resolveSettings } from '../src/monitoring/settings.js';
import { sizeTopology } from '../src/sizing/advice.js';
import { parseTopology } from '../src/topology/parse.js';
import { shapes, type NodeSeries } from '../test/support/node-series.js';
import { LocalPrometheus, prometheusMissing } from '../test/support/prometheus.js';
import { generateTopology } from './generate-topology.js';

export interface MonitoringBench {
  nodes: number;
  samples: number;
  scrapeSeconds: number;
  staticMs: number;
  liveMs: number;
  queries: number;
  backfillMs: number;
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
  const t0 = performance.now();
  const prom = await LocalPrometheus.start(series, { start: end - 7 * 86_400, end, step: scrapeSeconds });
  const backfillMs = performance.now() - t0;
  try {
    const staticRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      sizeTopology(topology);
      staticRuns.push(performance.now() - s);
    }
    const settings = resolveSettings(undefined, { url: prom.url })!;
    const client = new PrometheusClient({ url: prom.url, timeoutMs: 120_000, maxBytes: 256 << 20 });
    const s = performance.now();
    const usage = await collectUsage(topology, settings, client, new Date(end * 1000));
    sizeTopology(topology, usage);
    const liveMs = performance.now() - s;
    if (usage.failure) throw new Error(usage.failure);
    return {
      nodes: topology.nodes.length,
      samples: prom.samples,
      scrapeSeconds,
      staticMs: Math.min(...staticRuns),
      liveMs,
      queries: usage.queries,
      backfillMs,
      responseSeries: Object.keys(usage.nodes).length,
    };
  } finally {
    await prom.stop();
  }
}
