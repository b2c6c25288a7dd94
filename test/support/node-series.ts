import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Utilisation (0..1) of a resource at `t` seconds after the start of the generated range. */
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
 * openmetrics`: counters integrate the utilisation (idle CPU seconds, I/O busy seconds), memory is
 * MemAvailable against a fixed MemTotal. Families are written one after the other, as the format asks.
 */
export async function writeOpenMetrics(
  file: string,
  nodes: readonly NodeSeries[],
  range: SeriesRange,
): Promise<number> {
  const out = createWriteStream(file);
  let samples = 0;
  let buffer = '';
  const write = async (line: string) => {
    buffer += line;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  };
  const each = async (
    pick: (n: NodeSeries) => Shape | undefined,
    line: (n: NodeSeries, ts: number, v: number) => string,
    counter: boolean,
  ) => {
    for (const node of nodes) {
      const shape = pick(node);
      if (!shape) continue;
      let value = counter ? 1_000_000 : 0;
      for (let ts = range.start; ts <= range.end; ts += range.step) {
        const u = shape(ts - range.start);
        if (counter) value += range.step * u;
        else value = u;
        await write(line(node, ts, value));
        samples++;
      }
    }
  };
  const TOTAL = 64 * 2 ** 30;
  await write('# TYPE node_cpu_seconds counter\n');
  await each(
    (n) => n.cpu && ((t: number) => 1 - n.cpu!(t)),
    (n, ts, v) =>
      `node_cpu_seconds_total{cpu="0",instance="${n.instance}",job="node",mode="idle"} ${v.toFixed(2)} ${ts}\n`,
    true,
  );
  await write('# TYPE node_memory_MemAvailable_bytes gauge\n');
  await each(
    (n) => n.memory,
    (n, ts, v) =>
      `node_memory_MemAvailable_bytes{instance="${n.instance}",job="node"} ${Math.round(TOTAL * (1 - v))} ${ts}\n`,
    false,
  );
  await write('# TYPE node_memory_MemTotal_bytes gauge\n');
  await each(
    (n) => n.memory && (() => 0),
    (n, ts) => `node_memory_MemTotal_bytes{instance="${n.instance}",job="node"} ${TOTAL} ${ts}\n`,
    false,
  );
  await write('# TYPE node_disk_io_time_seconds counter\n');
  await each(
    (n) => n.io,
    (n, ts, v) =>
      `node_disk_io_time_seconds_total{device="nvme0n1",instance="${n.instance}",job="node"} ${v.toFixed(2)} ${ts}\n`,
    true,
  );
  await write('# EOF\n');
  out.write(buffer);
  out.end();
  await once(out, 'finish');
  return samples;
}
