import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHART_NODES, CHART_THRESHOLDS, chartAltText, chartSvg, SERIES_COLOURS } from '../../src/diagram/chart.js';
import { svgToPng } from '../../src/diagram/png.js';
import { DiagramError } from '../../src/diagram/render.js';
import { timelineFromAnswers, TIMELINE_BUCKETS } from '../../src/monitoring/timeline.js';
import { liveYaml } from '../support/monitoring-scenario.js';
import { decodePng } from '../support/png.js';
import { recordedUsage } from '../support/recorded-usage.js';

const usage = recordedUsage(liveYaml(), {}, { timeline: true });

/** The elements of one class in the SVG, each as its opening tag. */
const tags = (svg: string, cls: string) => svg.match(new RegExp(`<[a-z]+ class="${cls}"[^>]*>`, 'g')) ?? [];

describe('chart: timeline from range answers', () => {
  it('keeps the busiest point of each bucket, per node and resource, null where there is none', () => {
    const timeline = usage.timeline!;
    // Recorded at a 1-hour step: a bucket per hour, none empty.
    expect(timeline.buckets).toBe(168);
    expect(TIMELINE_BUCKETS).toBeGreaterThan(168);
    expect(Object.keys(timeline.nodes)).toContain('pbx-2');
    expect(timeline.nodes['worker-3']).toBeUndefined();
    expect(timeline.nodes['worker-2']!.io).toBeUndefined();
    const cpu = timeline.nodes['web-1']!.cpu!;
    expect(cpu).toHaveLength(168);
    // The first hour has no point: a rate needs samples from before the generated series begin.
    expect(cpu.indexOf(null)).toBe(0);
    expect(cpu.slice(1).every((v) => v !== null)).toBe(true);
    expect(Math.max(...cpu.filter((v) => v !== null))).toBeCloseTo(usage.nodes['web-1']!.figures.cpu!.max, 3);
  });

  it('two series of one node merge by the busier point', () => {
    const plan = { label: 'instance', values: new Map([['a', 'a.example']]), unmapped: [] };
    const series = (v: number) => ({
      labels: { instance: `a.example:${v}` },
      points: [[10, v / 100] as [number, number]],
    });
    const t = timelineFromAnswers(plan, [[series(30), series(70)], [], []], 0, 100, 10);
    expect(t.nodes.a!.cpu).toEqual([null, 0.7, null, null, null, null, null, null, null, null]);
    // A week at 5 minutes is 2016 steps: capped.
    expect(timelineFromAnswers(plan, [[], [], []], 0, 7 * 86_400, 300).buckets).toBe(TIMELINE_BUCKETS);
  });
});

describe('chart: structure of the SVG', () => {
  const chart = chartSvg('live-lab', usage);

  it('draws the worst nodes by p95, one series per node in each panel', () => {
    expect(chart.nodes).toHaveLength(CHART_NODES);
    expect(chart.total).toBe(Object.keys(usage.timeline!.nodes).length);
    const worst = chart.nodes.map((n) => n.worst);
    expect(worst).toEqual([...worst].sort((a, b) => b - a));
    // sql-1's disk at 92 % and worker-1's CPU at 85 % are the two worst.
    expect(chart.nodes.slice(0, 2).map((n) => n.name)).toEqual(['sql-1', 'worker-1']);
    for (const resource of ['cpu', 'memory', 'io']) {
      const panel = chart.svg.slice(
        chart.svg.indexOf(`<g class="panel" data-resource="${resource}">`),
        chart.svg.indexOf('</g>', chart.svg.indexOf(`data-resource="${resource}"`)),
      );
      const drawn = tags(panel, 'series').map((t) => /data-node="([^"]+)"/.exec(t)![1]);
      const expected = chart.nodes.filter((n) => usage.timeline!.nodes[n.name]![resource as 'cpu']).map((n) => n.name);
      expect(drawn).toEqual(expected);
    }
    // worker-2 has no disk series: no line in the disk panel, a dash in the legend.
    const legend = chart.svg.slice(chart.svg.indexOf('<g class="legend">'));
    expect(tags(legend, 'legend-entry')).toHaveLength(CHART_NODES);
    chart.nodes.forEach((n, i) => {
      expect(legend).toContain(`data-node="${n.name}"`);
      expect(chart.svg).toContain(`data-node="${n.name}" d="M`);
      expect(chart.svg).toContain(`stroke="${SERIES_COLOURS[i]}"`);
    });
  });

  it('draws the 80 % and 90 % thresholds across every panel, at the right height', () => {
    const lines = tags(chart.svg, 'threshold');
    expect(lines).toHaveLength(3 * CHART_THRESHOLDS.length);
    for (const { level, colour } of CHART_THRESHOLDS) {
      const at = lines.filter((l) => l.includes(`data-level="${level}"`));
      expect(at).toHaveLength(3);
      for (const l of at) expect(l).toContain(`stroke="${colour}"`);
    }
    // Panel one: top 86, height 150 → 80 % at y 116, 90 % at y 101.
    expect(lines[0]).toContain('d="M64,116.0H890"');
    expect(lines[1]).toContain('d="M64,101.0H890"');
  });

  it('labels the time axis with dates across the window and the value axis in percent', () => {
    const axis = chart.svg.slice(chart.svg.indexOf('<g class="time-axis">'));
    for (const day of ['Nov 14', 'Nov 15', 'Nov 16', 'Nov 17', 'Nov 18', 'Nov 19', 'Nov 20'])
      expect(axis).toContain(`>${day}<`);
    expect(axis).toContain('time (UTC)');
    expect(chart.svg).toContain('>80 % warning<');
    expect(chart.svg).toContain('>100 %<');
    expect(chart.svg).toContain('7d to Nov 20 00:00 UTC');
  });

  it('at most N nodes, as asked; a usage without a timeline is refused', () => {
    expect(chartSvg('live-lab', usage, 3).nodes).toHaveLength(3);
    const { timeline: _, ...bare } = usage;
    expect(() => chartSvg('live-lab', bare)).toThrow(DiagramError);
  });

  it('alt text names the nodes and which reach the thresholds', () => {
    const alt = chartAltText('live-lab', usage, chart);
    expect(alt).toMatch(/^Chart of CPU, memory and disk utilisation of live-lab over 7d, 8 of 1\d nodes/);
    expect(alt).toContain('p95 at or above 90 %: sql-1');
    expect(alt).toMatch(/80–90 %: worker-1/);
  });

  it('the same usage gives the same bytes (golden)', () => {
    const again = chartSvg('live-lab', structuredClone(usage));
    expect(again.svg).toBe(chart.svg);
    const golden = new URL('./golden/chart.svg', import.meta.url);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, chart.svg);
    expect(chart.svg).toBe(readFileSync(golden, 'utf8'));
  });

  it('rasterises to a PNG of twice the SVG size', () => {
    const png = svgToPng(chart.svg);
    const height = Number(/height="(\d+)"/.exec(chart.svg)![1]);
    expect(decodePng(png.png)).toEqual({ width: 2000, height: 2 * height });
    if (process.env.CHART_PNG) writeFileSync(process.env.CHART_PNG, png.png);
  });
});
