import { benchEngine } from './engine.js';

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

const only = process.env.BENCH_ONLY;
if (!only || only === 'engine') {
  const engine = benchEngine();
  console.log('## Engine (issue: check ≤ 3× yaml.parse at 10,000 nodes; 1k→10k ≤ 12×; what-if ≤ 5 ms at 1,000)\n');
  console.log('| nodes | bytes | yaml.parse ms (best) | full check ms (best) | check / parse |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const r of engine.rows)
    console.log(`| ${r.nodes} | ${r.bytes} | ${fmt(r.parseMs)} | ${fmt(r.checkMs)} | ${fmt(r.ratio)}× |`);
  const at10k = engine.rows[2]!.ratio;
  console.log(`\n- check / parse at 10,000 nodes: ${fmt(at10k)}× (target ≤ 3×) ${mark(at10k <= 3)}`);
  console.log(`- growth 1,000 → 10,000 nodes: ${fmt(engine.growth)}× (target ≤ 12×) ${mark(engine.growth <= 12)}`);
  console.log(
    `- one what-if question at 1,000 nodes: ${fmt(engine.whatIfMs, 3)} ms median (target ≤ 5 ms) ${mark(engine.whatIfMs <= 5)}`,
  );
}
if (!only || only === 'resilience') {
  const { benchResilience } = await import('./resilience.js');
  const r = benchResilience();
  console.log(
    '\n## Resilience (issue 10: depth 1 over 1,000 nodes, depth 2 over 100 hosts, as a ratio to one what-if)\n',
  );
  console.log(
    '| depth | nodes | hosts | losses simulated | one what-if ms (median) | resilience ms (median) | ratio |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const [depth, row] of [
    [1, r.depth1],
    [2, r.depth2],
  ] as const)
    console.log(
      `| ${depth} | ${row.nodes} | ${row.hosts} | ${row.scenarios} | ${fmt(row.whatIfMs, 3)} | ${fmt(row.resilienceMs)} | ${fmt(row.ratio, 1)}× |`,
    );
}
if (!only || only === 'diagram') {
  const { benchDiagram, benchRenderThread } = await import('./diagram.js');
  const d = await benchDiagram();
  const th = await benchRenderThread();
  console.log('\n## Diagram (issue 13: a 300-node topology to PNG, time and peak memory)\n');
  console.log(
    '| nodes | PNG px | PNG ms (median of 3) | check ms (median) | PNG / check | peak RSS, drawing | peak RSS, checking only |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| ${d.nodes} | ${d.width}×${d.height} | ${fmt(d.pngMs, 0)} | ${fmt(d.checkMs)} | ${fmt(d.pngMs / d.checkMs, 0)}× | ${fmt(d.peakRssMb, 0)} MiB | ${fmt(d.baselineRssMb, 0)} MiB |`,
  );
  console.log('\nA chat picture (examples/small.yaml to PNG), median of 5: a fresh thread each vs one kept thread\n');
  console.log('| thread | wall ms | CPU ms (all threads) |');
  console.log('|---|---:|---:|');
  console.log(`| fresh per picture | ${fmt(th.freshMs, 0)} | ${fmt(th.freshCpuMs, 0)} |`);
  console.log(`| kept (${th.threadsStarted} started) | ${fmt(th.keptMs, 0)} | ${fmt(th.keptCpuMs, 0)} |`);
  console.log(`\nkept / fresh CPU: ${fmt(th.keptCpuMs / th.freshCpuMs, 2)}`);
}
if (!only || only === 'runtime') {
  const { benchRuntime } = await import('./runtime.js');
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const rt = await benchRuntime(url);
  const p50Ratio = rt.e2e.p50 / rt.bare.p50;
  const tputRatio = rt.e2e.throughput / rt.bare.throughput;
  const rssGrowth = rt.rss.at10k / rt.rss.at1k - 1;
  console.log(
    `\n## Runtime (issue: e2e check p50 ≤ 2× bare BullMQ; throughput ≥ 50 % of bare; worker RSS 1k → 10k jobs within 20 %)\n`,
  );
  console.log(
    '| | bare BullMQ (empty job) | end-to-end check, medium example | same, every text distinct (no memo hit) |',
  );
  console.log('|---|---:|---:|---:|');
  console.log(`| p50 round trip | ${fmt(rt.bare.p50)} ms | ${fmt(rt.e2e.p50)} ms | ${fmt(rt.cold.p50)} ms |`);
  console.log(
    `| throughput, one process, concurrency ${rt.concurrency} | ${fmt(rt.bare.throughput, 0)} jobs/s | ${fmt(rt.e2e.throughput, 0)} jobs/s | ${fmt(rt.cold.throughput, 0)} jobs/s |`,
  );
  console.log(`\n- p50 ratio: ${fmt(p50Ratio)}× (target ≤ 2) ${mark(p50Ratio <= 2)}`);
  console.log(`- throughput, producer and worker in one process: ${fmt(tputRatio * 100, 0)} % of bare`);
  const procRatio = rt.process.chat / rt.process.bare;
  console.log(
    `- throughput of one worker process (its own process, jobs queued beforehand): ${fmt(rt.process.chat, 0)} jobs/s against ${fmt(rt.process.bare, 0)} bare = ${fmt(procRatio * 100, 0)} % (target ≥ 50 %) ${mark(procRatio >= 0.5)}`,
  );
  console.log(
    `- without the memo (distinct texts): p50 ${fmt(rt.cold.p50 / rt.bare.p50)}×, throughput ${fmt((rt.cold.throughput / rt.bare.throughput) * 100, 0)} % of bare: parsing YAML is the cost`,
  );
  console.log(
    `- worker RSS: ${fmt(rt.rss.at1k / 1024, 1)} MiB after 1,000 jobs, ${fmt(rt.rss.at10k / 1024, 1)} MiB after 10,000 (${fmt(rssGrowth * 100, 1)} %, target within 20 %) ${mark(Math.abs(rssGrowth) <= 0.2)}`,
  );
}
if (!only || only === 'slack') {
  const { benchSlackAck } = await import('./slack-ack.js');
  const ack = await benchSlackAck(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  console.log(
    `\n## Slack (issue: slash-command ack p99 ≤ 100 ms with 50 concurrent commands; Slack allows 3,000 ms)\n`,
  );
  console.log(
    `- ${ack.samples} signed /voipnow requests over loopback, 50 at a time: ack p50 ${fmt(ack.p50)} ms, p99 ${fmt(ack.p99)} ms ${mark(ack.p99 <= 100)}`,
  );
}
if (!only || only === 'bursts') {
  const { benchBursts } = await import('./bursts.js');
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  console.log(
    '\n## Bursts (issue 11: 20 commands from 5 users in one channel; fake allows a burst of 5, then 1 post/s, 429 beyond)\n',
  );
  console.log('| platform | answered | doubled | messages sent | 429s | time to last answer | floor | ratio |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const platform of ['slack', 'discord'] as const) {
    const b = await benchBursts(platform, url);
    const ratio = b.elapsedMs / Math.max(1, b.floorMs);
    console.log(
      `| ${platform} | ${b.answered}/${b.commands} | ${b.duplicates} | ${b.messages} | ${b.refused429} | ${fmt(b.elapsedMs / 1000, 1)} s | ${fmt(b.floorMs / 1000, 1)} s | ${fmt(ratio)}× (target ≤ 1.2×) ${mark(ratio <= 1.2 && b.answered === b.commands && b.duplicates === 0)} |`,
    );
  }
}
if (!only || only === 'monitoring') {
  const { benchMonitoring } = await import('./monitoring.js');
  const scrape = Number(process.env.BENCH_SCRAPE_SECONDS ?? 60);
  const m = await benchMonitoring(Number(process.env.BENCH_MONITORING_NODES ?? 300), scrape);
  console.log(
    '\n## Live monitoring (issue 12: sizing of 300 nodes from 7 days of 1-minute samples in a local Prometheus)\n',
  );
  if (typeof m === 'string') {
    console.log(`- skipped: ${m}`);
  } else {
    const live = `live, Prometheus (${m.samples.toLocaleString('en')} samples, ${m.scrapeSeconds} s scrape)`;
    console.log(`| sizing of ${m.nodes} nodes | static metrics | ${live} |`);
    console.log('|---|---:|---:|');
    console.log(`| time (best) | ${fmt(m.staticMs)} ms | ${fmt(m.liveMs)} ms |`);
    console.log(`| time, first query after start-up | | ${fmt(m.coldMs)} ms |`);
    console.log(`| queries | 0 | ${m.queries} |`);
    const data = m.cached
      ? `TSDB reused from .bench-cache`
      : `TSDB generated and backfilled in ${fmt(m.backfillMs / 1000, 1)} s (cached for later runs)`;
    console.log(
      `\n- live / static: ${fmt(m.liveMs / m.staticMs, 0)}× (${fmt(m.coldMs / m.staticMs, 0)}× cold); ${m.queries} queries for ${m.nodes} nodes (one per resource, not per node); ${m.responseSeries} nodes with series`,
    );
    console.log(`- ${data}; Prometheus ready in ${fmt(m.startMs / 1000, 1)} s (neither is in the timing)`);
  }
}
process.exit(0);
