import { formatDuration } from '../monitoring/duration.js';
import type { Timeline } from '../monitoring/timeline.js';
import type { LiveUsage } from '../monitoring/usage.js';
import type { Resource } from '../sizing/catalog.js';
import { esc } from './html-label.js';
import { FONT, FRAME, INK, MUTED } from './palette.js';
import { DiagramError } from './render.js';

/** Lines per chart: past this a legend stops telling colours apart. */
export const CHART_NODES = 8;

/** The thresholds the sizing rules warn at and call critical, drawn across every panel. */
export const CHART_THRESHOLDS = [
  { level: 80, colour: '#f9a825', label: '80 % warning' },
  { level: 90, colour: '#c62828', label: '90 % critical' },
] as const;

/** Distinct from each other and from the threshold colours; ordered so the worst node gets the darkest. */
export const SERIES_COLOURS = [
  '#1f4e9c',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#7f7f7f',
  '#bcbd22',
  '#ff7f0e',
  '#393b79',
];

const PANELS: readonly { resource: Resource; title: string }[] = [
  { resource: 'cpu', title: 'CPU' },
  { resource: 'memory', title: 'Memory' },
  { resource: 'io', title: 'Disk (busiest device, time busy)' },
];

const WIDTH = 1000;
const LEFT = 64;
const RIGHT = 110;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = 150;
const TOP = 86;
const GAP = 46;
const LEGEND_ROW = 20;

const n1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
const pct = (x: number) => `${Math.round(x * 100)} %`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dateLabel(t: number, withTime: boolean): string {
  const d = new Date(t * 1000);
  const day = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  if (!withTime) return day;
  return `${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** Tick spacing: the smallest calendar step giving at most 8 ticks over the window. */
const TICK_STEPS = [3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400, 14 * 86_400, 28 * 86_400];

function ticks(start: number, end: number): { at: number[]; withTime: boolean } {
  const span = end - start;
  const step = TICK_STEPS.find((s) => span / s <= 8) ?? TICK_STEPS.at(-1)!;
  const at: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) at.push(t);
  return { at, withTime: step < 86_400 };
}

export interface ChartNode {
  name: string;
  /** The node's worst p95 over the three resources, which orders and selects the lines. */
  worst: number;
  p95: Partial<Record<Resource, number>>;
}

/** The nodes a chart draws: those with a timeline, worst p95 first (name breaks ties), at most `max`. */
export function chartNodes(usage: LiveUsage, max = CHART_NODES): { drawn: ChartNode[]; total: number } {
  const timeline = usage.timeline;
  const all: ChartNode[] = [];
  for (const [name, node] of Object.entries(usage.nodes)) {
    if (!timeline?.nodes[name]) continue;
    const p95: ChartNode['p95'] = {};
    for (const { resource } of PANELS) {
      const figure = node.figures[resource];
      if (figure) p95[resource] = figure.p95;
    }
    all.push({ name, worst: Math.max(0, ...Object.values(p95)), p95 });
  }
  all.sort((a, b) => b.worst - a.worst || (a.name < b.name ? -1 : 1));
  return { drawn: all.slice(0, max), total: all.length };
}

/** One node's line in one panel, broken where buckets have no point. */
function path(values: readonly (number | null)[], buckets: number, top: number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = LEFT + ((i + 0.5) * PLOT_W) / buckets;
    const y = top + PLOT_H * (1 - v);
    d += `${pen ? 'L' : 'M'}${n1(x)},${n1(y)}`;
    pen = true;
  });
  return d;
}

function text(x: number, y: number, body: string, attrs = ''): string {
  return `<text x="${n1(x)}" y="${n1(y)}"${attrs ? ` ${attrs}` : ''}>${esc(body)}</text>`;
}

export interface Chart {
  svg: string;
  nodes: ChartNode[];
  /** Nodes with series; `nodes` is the worst of them. */
  total: number;
}

/**
 * Per-node utilisation over the monitoring window as an SVG: a panel per resource (CPU, memory,
 * disk), a line per node, the 80 % and 90 % thresholds dashed across each panel, dates under the
 * time axis and a legend with each node's p95. Written by hand, numbers rounded to 0.1 px, so the
 * same usage gives the same bytes.
 */
export function chartSvg(topology: string, usage: LiveUsage, max = CHART_NODES): Chart {
  const timeline: Timeline | undefined = usage.timeline;
  if (!timeline) throw new DiagramError('no series over the window were collected');
  const { drawn, total } = chartNodes(usage, max);
  if (drawn.length === 0) throw new DiagramError('no node has series to chart');
  const { at, withTime } = ticks(timeline.start, timeline.end);
  const x = (t: number) => LEFT + ((t - timeline.start) / (timeline.end - timeline.start)) * PLOT_W;
  const legendTop = TOP + PANELS.length * (PLOT_H + GAP) + 8;
  const legendRows = Math.ceil(drawn.length / 2) + 1;
  const height = legendTop + legendRows * LEGEND_ROW + 16;
  const bucket = formatDuration(Math.max(1, Math.round((timeline.end - timeline.start) / timeline.buckets)));

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(LEFT, 28, `Utilisation of ${topology}`, `font-size="18" font-weight="bold" fill="${INK}"`),
    text(
      LEFT,
      50,
      `${usage.window} to ${dateLabel(timeline.end, true)} UTC from ${usage.endpoint} · busiest point per ${bucket} · ` +
        `${drawn.length} of ${total} nodes, worst p95 first`,
      `font-size="12" fill="${MUTED}"`,
    ),
  ];
  PANELS.forEach(({ resource, title }, p) => {
    const top = TOP + p * (PLOT_H + GAP);
    const bottom = top + PLOT_H;
    out.push(`<g class="panel" data-resource="${resource}">`);
    out.push(text(LEFT, top - 8, `${title} utilisation`, `font-size="13" font-weight="bold" fill="${INK}"`));
    out.push(`<rect x="${LEFT}" y="${top}" width="${PLOT_W}" height="${PLOT_H}" fill="#fbfbfc" stroke="${FRAME}"/>`);
    for (const level of [0, 20, 40, 60, 100]) {
      const y = bottom - (PLOT_H * level) / 100;
      if (level > 0 && level < 100)
        out.push(`<path d="M${LEFT},${n1(y)}H${LEFT + PLOT_W}" stroke="#e4e7eb" stroke-width="1"/>`);
      out.push(text(LEFT - 8, y + 4, `${level} %`, `font-size="11" fill="${MUTED}" text-anchor="end"`));
    }
    for (const t of at) out.push(`<path d="M${n1(x(t))},${top}V${bottom}" stroke="#e4e7eb" stroke-width="1"/>`);
    for (const { level, colour, label } of CHART_THRESHOLDS) {
      const y = n1(bottom - (PLOT_H * level) / 100);
      out.push(
        `<path class="threshold" data-level="${level}" d="M${LEFT},${y}H${LEFT + PLOT_W}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="6,4"/>`,
      );
      out.push(text(LEFT + PLOT_W + 6, Number(y) + 4, label, `font-size="11" fill="${colour}"`));
    }
    drawn.forEach((node, i) => {
      const values = timeline.nodes[node.name]?.[resource];
      if (!values) return;
      const d = path(values, timeline.buckets, top);
      if (d)
        out.push(
          `<path class="series" data-node="${esc(node.name)}" d="${d}" fill="none" stroke="${SERIES_COLOURS[i % SERIES_COLOURS.length]}" stroke-width="1.6" stroke-linejoin="round"/>`,
        );
    });
    out.push('</g>');
    // Dates under the last panel only: the panels share the time axis.
    if (p === PANELS.length - 1) {
      out.push('<g class="time-axis">');
      for (const t of at)
        out.push(
          text(x(t), bottom + 16, dateLabel(t, withTime), `font-size="11" fill="${MUTED}" text-anchor="middle"`),
        );
      out.push(
        text(LEFT + PLOT_W / 2, bottom + 34, 'time (UTC)', `font-size="11" fill="${MUTED}" text-anchor="middle"`),
      );
      out.push('</g>');
    }
  });
  out.push(`<g class="legend">`);
  out.push(text(LEFT, legendTop + 12, 'p95 over the window: CPU / memory / disk', `font-size="12" fill="${MUTED}"`));
  drawn.forEach((node, i) => {
    const col = i % 2;
    const row = Math.floor(i / 2) + 1;
    const lx = LEFT + col * (PLOT_W / 2);
    const ly = legendTop + row * LEGEND_ROW + 8;
    const figures = PANELS.map(({ resource }) => {
      const v = node.p95[resource];
      return v === undefined ? '–' : pct(v);
    }).join(' / ');
    out.push(`<g class="legend-entry" data-node="${esc(node.name)}">`);
    out.push(
      `<path d="M${n1(lx)},${n1(ly - 4)}h22" stroke="${SERIES_COLOURS[i % SERIES_COLOURS.length]}" stroke-width="3"/>`,
    );
    out.push(text(lx + 30, ly, `${node.name}  ${figures}`, `font-size="12" fill="${INK}"`));
    out.push('</g>');
  });
  out.push('</g>');
  out.push('</svg>');
  return { svg: out.join('\n') + '\n', nodes: drawn, total };
}

/** What a screen reader says instead of the chart. */
export function chartAltText(topology: string, usage: LiveUsage, chart: Chart): string {
  const over = (level: number) =>
    chart.nodes.filter((n) => Object.values(n.p95).some((v) => v !== undefined && v * 100 >= level)).map((n) => n.name);
  const parts = [
    `Chart of CPU, memory and disk utilisation of ${topology} over ${usage.window}, ${chart.nodes.length} of ${chart.total} nodes (worst p95 first): ` +
      chart.nodes.map((n) => `${n.name} ${pct(n.worst)}`).join(', '),
  ];
  const critical = over(90);
  const warning = over(80).filter((n) => !critical.includes(n));
  parts.push(critical.length ? `p95 at or above 90 %: ${critical.join(', ')}` : 'no p95 at or above 90 %');
  if (warning.length) parts.push(`80–90 %: ${warning.join(', ')}`);
  return parts.join('; ').slice(0, 1000);
}
