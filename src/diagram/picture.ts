import type { Finding } from '../engine/finding.js';
import type { ReplyFile } from '../reply/document.js';
import type { Topology } from '../topology/schema.js';
import type { WhatIfAnswer } from '../whatif/simulate.js';
import type { LiveUsage } from '../monitoring/usage.js';
import { RenderThread, type Bounds } from './bounded.js';
import { chartAltText, chartSvg } from './chart.js';
import { customersHit, type DiagramInput, type DomainLoss } from './dot.js';
import { domainLosses } from './resilience.js';

/** Up to this many nodes a chat answer carries its picture; larger ones offer a "Diagram" button. */
export const AUTO_PICTURE_NODES = 40;

export interface PictureRequest {
  topology: Topology;
  findings?: readonly Finding[];
  whatIf?: WhatIfAnswer;
  /** Colour hosts and zones by what their loss does. */
  resilience?: boolean;
}

/** Utilisation over the monitoring window, for a `sizing` answer read from live figures. */
export interface ChartRequest {
  topology: string;
  /** Collected with its timeline (`liveUsageFor(…, { timeline: true })`). */
  usage: LiveUsage;
}

/** Draws chat pictures; the worker's composition root provides one, bounded in time and memory. */
export interface Pictures {
  draw(request: PictureRequest): Promise<ReplyFile>;
  /** Absent where charts are not drawn; the answer is then text alone. */
  chart?(request: ChartRequest): Promise<ReplyFile>;
  /** Ends the rendering thread. */
  close?(): Promise<void>;
}

/** What a screen reader says instead of the picture. */
export function altText(request: PictureRequest, losses?: readonly DomainLoss[]): string {
  const { topology, findings, whatIf } = request;
  const zones = new Set(topology.nodes.map((n) => n.zone).filter(Boolean)).size;
  const hosts = new Set(topology.nodes.map((n) => n.host).filter(Boolean)).size;
  const parts = [
    `Diagram of ${topology.name}: ${topology.nodes.length} nodes on ${hosts} hosts in ${zones} zones, ${(topology.loadBalancers ?? []).length} load balancers`,
  ];
  if (findings) {
    const open = findings.filter((f) => !f.suppressed);
    const n = (s: string) => open.filter((f) => f.severity === s).length;
    parts.push(`findings: ${n('error')} errors, ${n('warning')} warnings, ${n('info')} info`);
  }
  if (whatIf)
    parts.push(
      `if ${whatIf.scenario}: ${whatIf.overall}; ${whatIf.failed.length} nodes crossed out; customers hit: ${customersHit(whatIf)}`,
    );
  if (losses) {
    const worst = losses[0];
    parts.push(
      worst
        ? `worst single loss: ${worst.kind} ${worst.name} (${worst.level}${worst.roles.length ? `, ${worst.roles.join(', ')}` : ''})`
        : 'no host or zone declared',
    );
  }
  return parts.join('; ').slice(0, 1000);
}

export function diagramInput(request: PictureRequest): { input: DiagramInput; losses?: DomainLoss[] } {
  const losses = request.resilience ? domainLosses(request.topology) : undefined;
  return {
    input: {
      topology: request.topology,
      ...(request.findings ? { findings: request.findings } : {}),
      ...(request.whatIf ? { whatIf: request.whatIf } : {}),
      ...(losses ? { resilience: losses } : {}),
    },
    ...(losses ? { losses } : {}),
  };
}

function suffix(request: PictureRequest): string {
  if (request.whatIf) return '-whatif';
  return request.resilience ? '-resilience' : '';
}

/** The chart as an attachment; the SVG is written here, only rasterising needs the thread. */
export async function chartFile(request: ChartRequest, thread: RenderThread): Promise<ReplyFile> {
  const chart = chartSvg(request.topology, request.usage);
  const png = await thread.rasterise(chart.svg);
  return {
    filename: `${request.topology}-utilisation.png`,
    content: png.png,
    type: 'image/png',
    alt: chartAltText(request.topology, request.usage, chart),
  };
}

/** Pictures rendered in one long-lived thread with a heap limit and a deadline per picture. */
export function boundedPictures(bounds: Bounds = {}): Pictures & { thread: RenderThread; close(): Promise<void> } {
  const thread = new RenderThread(bounds);
  return {
    thread,
    async draw(request) {
      const { input, losses } = diagramInput(request);
      const rendered = await thread.render(input, 'png');
      return {
        filename: `${request.topology.name}${suffix(request)}.png`,
        content: rendered.png!,
        type: 'image/png',
        alt: altText(request, losses),
      };
    },
    chart: (request) => chartFile(request, thread),
    close: () => thread.close(),
  };
}
