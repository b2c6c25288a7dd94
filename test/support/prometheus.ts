import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './redis.js';
import { writeOpenMetrics, type NodeSeries, type SeriesRange } from './node-series.js';

const run = promisify(execFile);

/**
 * Why the live-monitoring tests cannot run here, or undefined when they can. Only a missing
 * Debian `prometheus` package (prometheus + promtool) is a reason: `.ci/run` installs it.
 */
export function prometheusMissing(): string | undefined {
  for (const bin of ['prometheus', 'promtool']) {
    const probe = spawnSync(bin, ['--version'], { stdio: 'ignore' });
    if (probe.error || probe.status !== 0)
      return `${bin} is not installed (apt-get install prometheus; .ci/run does it): live-monitoring tests skipped`;
  }
  return undefined;
}

/**
 * A Prometheus of the test's own: a TSDB backfilled with `promtool tsdb create-blocks-from
 * openmetrics` from generated node_exporter series, served on a free loopback port. Nothing
 * scrapes; the data is only what the test wrote.
 */
export class LocalPrometheus {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly dir: string,
    /** Samples written to the TSDB. */
    readonly samples: number,
  ) {}

  static async start(nodes: readonly NodeSeries[], range: SeriesRange): Promise<LocalPrometheus> {
    const dir = mkdtempSync(join(tmpdir(), 'voipnow-prometheus-'));
    const data = join(dir, 'data');
    const samples = await backfill(nodes, range, data);
    return LocalPrometheus.launch(dir, data, samples);
  }

  /**
   * A Prometheus over a TSDB that outlives it (the benchmark's cache): `stop()` leaves `data`
   * in place and removes only the configuration it wrote.
   */
  static async serve(data: string, samples: number): Promise<LocalPrometheus> {
    return LocalPrometheus.launch(mkdtempSync(join(tmpdir(), 'voipnow-prometheus-')), data, samples);
  }

  private static async launch(dir: string, data: string, samples: number): Promise<LocalPrometheus> {
    const config = join(dir, 'prometheus.yml');
    writeFileSync(config, 'global:\n  scrape_interval: 1m\n');
    const port = await freePort();
    const child = spawn(
      'prometheus',
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${data}`,
        // Retention counts back from the newest block; the generated range may lie in the past.
        '--storage.tsdb.retention.time=3650d',
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    child.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    const url = `http://127.0.0.1:${port}`;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`prometheus exited (${code}): ${log}`))),
    );
    exited.catch(() => {});
    await Promise.race([waitReady(url), exited]);
    return new LocalPrometheus(child, url, dir, samples);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Writes the series as OpenMetrics next to `data` and backfills them into a TSDB there; returns
 * the number of samples. promtool parses the whole input once per block, so blocks as long as
 * promtool allows (486 h, aligned to the epoch) make a week of samples one or two passes, not ten.
 */
export async function backfill(nodes: readonly NodeSeries[], range: SeriesRange, data: string): Promise<number> {
  const input = `${data}.om`;
  try {
    const samples = await writeOpenMetrics(input, nodes, range);
    await run(
      'promtool',
      ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', '--max-block-duration=486h', input, data],
      { maxBuffer: 16 << 20 },
    );
    return samples;
  } finally {
    rmSync(input, { force: true });
  }
}

async function waitReady(url: string): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
