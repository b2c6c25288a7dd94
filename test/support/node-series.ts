import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Utilisation (0..1) of a resource at `t` seconds after the start of the generated range; NaN
 * where the exporter reported nothing (the sample is left out of the series).
 */
export type Shape = (t: number) => number;

/** What node_exporter would have reported for one machine; a resource left out has no series. */
export interface NodeSeries {
  /** The `instance` label, e.g. `pbx-2.int.example.com:9100`. */
  instance: string;
  cpu?: Shape;
  memory?: Shape;
  io?: Shape;
}

const DAY = 86_400;

/** Deterministic noise in [-1, 1]: the same series on every run, so figures can be asserted. */
function noise(t: number, seed: number): number {
  const x = Math.sin(t * 12.9898 + seed * 78.233) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));

export const shapes = {
  /** Flat with a little noise and a mild daily cycle. */
  steady:
    (level: number, seed = 1): Shape =>
    (t) =>
      clamp(level + 0.02 * Math.sin((2 * Math.PI * t) / DAY) + 0.01 * noise(t, seed)),
  /** Linear growth from `from` at the start to `to` at `days`. */
  growing:
    (from: number, to: number, days = 7, seed = 2): Shape =>
    (t) =>
      clamp(from + ((to - from) * t) / (days * DAY) + 0.01 * noise(t, seed)),
  /** Mostly `base`, at `peak` for one sample in every `every`. */
  spiky: (base: number, peak: number, every = 50, seed = 3): Shape => {
    let i = 0;
    return (t) => clamp((i++ % every === 0 ? peak : base) + 0.01 * noise(t, seed));
  },
};

export interface SeriesRange {
  /** Unix seconds of the first and last sample. */
  start: number;
  end: number;
  /** Seconds between samples (the scrape interval). */
  step: number;
}

/**
 * Writes node_exporter series as OpenMetrics, the input of `promtool tsdb create-blocks-from
 * openmetrics`: counters integrate the utilisation (idle and user CPU seconds, I/O busy seconds),
 * memory is MemAvailable against a fixed MemTotal. Families are written one after the other, as the
 * format asks, and each series goes to the stream as one chunk: a week of 1-minute samples for
 * 300 nodes is about 1.5 GB, which must never be held in memory at once.
 */
export async function writeOpenMetrics(
  file: string,
  nodes: readonly NodeSeries[],
  range: SeriesRange,
): Promise<number> {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  let samples = 0;
  const count = Math.floor((range.end - range.start) / range.step) + 1;
  const emit = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  /** One series: `values[i]` at `range.start + i * step`, formatted by `format`. */
  const series = async (labels: string, values: Float64Array, format: (v: number) => string) => {
    const lines = new Array<string>(count);
    let n = 0;
    for (let i = 0; i < count; i++)
      if (!Number.isNaN(values[i]!)) lines[n++] = `${labels} ${format(values[i]!)} ${range.start + i * range.step}\n`;
    samples += n;
    lines.length = n;
    if (n) await emit(lines.join(''));
  };
  /** A shape sampled once per scrape; spiky shapes keep state, so each is sampled exactly once. */
  const sample = (shape: Shape) => {
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = shape(i * range.step);
    return values;
  };
  /** A counter that grows by `step × rate` per scrape, from a non-zero start like a real exporter. */
  const integrate = (rates: Float64Array) => {
    const values = new Float64Array(count);
    let value = 1_000_000;
    for (let i = 0; i < count; i++) {
      const rate = rates[i]!;
      // An unreported scrape is a gap in the series, not a reset of the counter.
      values[i] = Number.isNaN(rate) ? NaN : (value += range.step * rate);
    }
    return values;
  };
  const fixed2 = (v: number) => v.toFixed(2);
  const TOTAL = 64 * 2 ** 30;

  await emit('# TYPE node_cpu_seconds counter\n');
  for (const n of nodes) {
    if (!n.cpu) continue;
    const busy = sample(n.cpu);
    const idle = busy.map((u) => 1 - u);
    const cpu = (mode: string) => `node_cpu_seconds_total{cpu="0",instance="${n.instance}",job="node",mode="${mode}"}`;
    await series(cpu('idle'), integrate(idle), fixed2);
    // The non-idle time, as node_exporter reports it: the query must pick the idle mode out.
    await series(cpu('user'), integrate(busy), fixed2);
  }
  await emit('# TYPE node_memory_MemAvailable_bytes gauge\n');
  const memory = new Map<NodeSeries, Float64Array>();
  for (const n of nodes) {
    if (!n.memory) continue;
    const used = sample(n.memory);
    memory.set(n, used);
    await series(`node_memory_MemAvailable_bytes{instance="${n.instance}",job="node"}`, used, (u) =>
      String(Math.round(TOTAL * (1 - u))),
    );
  }
  await emit('# TYPE node_memory_MemTotal_bytes gauge\n');
  for (const [n, used] of memory) {
    await series(
      `node_memory_MemTotal_bytes{instance="${n.instance}",job="node"}`,
      used.map((u) => (Number.isNaN(u) ? NaN : TOTAL)),
      String,
    );
  }
  await emit('# TYPE node_disk_io_time_seconds counter\n');
  for (const n of nodes) {
    if (!n.io) continue;
    await series(
      `node_disk_io_time_seconds_total{device="nvme0n1",instance="${n.instance}",job="node"}`,
      integrate(sample(n.io)),
      fixed2,
    );
  }
  await emit('# EOF\n');
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return samples;
}
