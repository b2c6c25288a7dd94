import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toDot, type DiagramInput } from '../../src/diagram/dot.js';
import { LEVEL_FILL, LEVEL_TINT, SEVERITY_FILL } from '../../src/diagram/palette.js';
import { MAX_PNG_SIDE } from '../../src/diagram/png.js';
import { RenderThread } from '../../src/diagram/bounded.js';
import { DiagramError, renderDiagram } from '../../src/diagram/render.js';
import { domainLosses } from '../../src/diagram/resilience.js';
import { checkTopology } from '../../src/engine/check.js';
import { parseTopology } from '../../src/topology/parse.js';
import type { Topology } from '../../src/topology/schema.js';
import { whatIf, type WhatIfAnswer } from '../../src/whatif/simulate.js';
import { runCli } from '../support/run-cli.js';
import { decodePng } from '../support/png.js';

function load(name: string): Topology {
  const parsed = parseTopology(readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url)));
  if (!parsed.ok) throw new Error(`examples/${name}.yaml does not parse`);
  return parsed.topology;
}

function answer(topology: Topology, question: string): WhatIfAnswer {
  const result = whatIf(topology, question);
  if (!result.ok) throw new Error(result.problem);
  return result;
}

/** Graphviz writes '-' in ids and titles as a character reference. */
const gv = (s: string) => s.replace(/-/g, '&#45;').replace(/>/g, '&gt;');

/** The SVG group of one box, from its opening tag to its closing tag. */
function group(svg: string, id: string): string {
  const start = svg.indexOf(`<g id="${gv(id)}" class="node">`);
  expect(start, `box ${id} is drawn`).toBeGreaterThanOrEqual(0);
  return svg.slice(start, svg.indexOf('</g>', start));
}

describe('diagram: structure of the SVG', () => {
  const medium = load('medium');
  const findings = checkTopology(medium).findings;

  it('draws every node, every balancer edge, replication and a badge per node', async () => {
    const { svg, mode } = await renderDiagram({ topology: medium, findings }, 'svg');
    expect(mode).toBe('nodes');
    for (const node of medium.nodes) {
      const box = group(svg, `node:${node.name}`);
      for (const role of node.roles)
        expect(box).toContain(gv(role === 'infrastructure-controller' ? 'infra-controller' : role));
      const worst = findings.find((f) => f.node === node.name && !f.suppressed);
      if (worst) {
        expect(box).toContain(worst.rule);
        expect(box).toContain(`fill="${SEVERITY_FILL[worst.severity]}"`);
      } else {
        expect(box).toContain('✓ ok');
        expect(box).toContain(`fill="${SEVERITY_FILL.ok}"`);
      }
    }
    for (const lb of medium.loadBalancers ?? [])
      for (const target of lb.targets) expect(svg).toContain(`<title>${gv(`lb:${lb.name}->node:${target}`)}</title>`);
    expect(svg).toContain(`<title>${gv('node:sql-1->node:sql-2')}</title>`);
    expect(svg).toContain('>zone fra&#45;1</text>');
    expect(group(svg, 'node:pbx-2')).toContain('SIZE003');
  });

  it('a what-if crosses out the failed nodes and colours the roles hit by level', async () => {
    const whatIfAnswer = answer(medium, 'zone fra-1 fails');
    const { svg } = await renderDiagram({ topology: medium, findings, whatIf: whatIfAnswer }, 'svg');
    expect(whatIfAnswer.failed.length).toBeGreaterThan(1);
    for (const node of medium.nodes) {
      const box = group(svg, `node:${node.name}`);
      expect(box.includes('class="cross"'), node.name).toBe(whatIfAnswer.failed.includes(node.name));
    }
    for (const impact of whatIfAnswer.impacts) {
      const failedWithRole = medium.nodes.find(
        (n) => whatIfAnswer.failed.includes(n.name) && n.roles.includes(impact.role),
      )!;
      expect(group(svg, `node:${failedWithRole.name}`)).toContain(`fill="${LEVEL_FILL[impact.level]}"`);
    }
    const legend = group(svg, 'legend');
    expect(legend).toContain(whatIfAnswer.overall.toUpperCase());
    expect(legend).toContain('Customers hit: 480 (36 %)');
    // A survivor of a role that was hit is not coloured as if it had failed.
    expect(group(svg, 'node:sip-2')).not.toContain(`fill="${LEVEL_FILL.partial}"`);
  });

  it('--resilience colours each zone and host by what its loss does', async () => {
    const losses = domainLosses(medium);
    expect(losses[0]!.level).toBe('total');
    const { svg } = await renderDiagram({ topology: medium, findings, resilience: losses }, 'svg');
    const fra1 = losses.find((l) => l.kind === 'zone' && l.name === 'fra-1')!;
    const cluster = svg.slice(svg.indexOf('<title>cluster_zone_0</title>'));
    expect(cluster.slice(0, 400)).toContain(`fill="${LEVEL_TINT[fra1.level]}"`);
    const hv11 = losses.find((l) => l.kind === 'host' && l.name === 'hv-11')!;
    expect(group(svg, 'node:sql-1')).toContain(`host hv&#45;11 · loss: ${hv11.level.toUpperCase()}`);
    expect(group(svg, 'legend')).toContain('worst: TOTAL');
  });

  it('past 40 nodes, hosts are summarised with counts by role; past the host limit, zones', async () => {
    const large = load('large');
    const hosts = await renderDiagram({ topology: large }, 'svg');
    expect(hosts.mode).toBe('hosts');
    const hostNames = new Set(large.nodes.map((n) => n.host));
    expect((hosts.svg.match(/<g id="host:/g) ?? []).length).toBe(hostNames.size);
    expect(hosts.svg).not.toContain('id="node:');
    expect(hosts.svg).toMatch(/sql&#45;master \(\d shards\)|sql&#45;master/);
    const zones = toDot({ topology: large, hostLimit: 10 });
    expect(zones.mode).toBe('zones');
    expect((zones.dot.match(/\[id="zone:/g) ?? []).length).toBe(new Set(large.nodes.map((n) => n.zone)).size);
  });

  it('the same input gives the same SVG bytes', async () => {
    const input: DiagramInput = { topology: medium, findings, whatIf: answer(medium, 'pbx-1 fails') };
    const a = await renderDiagram(input, 'svg');
    const b = await renderDiagram(structuredClone(input), 'svg');
    expect(b.svg).toBe(a.svg);
  });
});

describe('diagram: PNG', () => {
  it('decodes, at twice the natural size for a small topology', async () => {
    const rendered = await renderDiagram({ topology: load('small') }, 'png');
    expect(decodePng(rendered.png!)).toEqual({ width: rendered.width, height: rendered.height });
    expect(Math.max(rendered.width!, rendered.height!)).toBeLessThanOrEqual(MAX_PNG_SIDE);
  });

  it('a 300-node topology fits 4,000 px on its longer side', async () => {
    const rendered = await renderDiagram({ topology: load('large') }, 'png');
    const size = decodePng(rendered.png!);
    expect(Math.max(size.width, size.height)).toBe(MAX_PNG_SIDE);
  });
});

describe('diagram: one long-lived rendering thread', () => {
  it('draws picture after picture on the same thread', async () => {
    const thread = new RenderThread({ timeoutMs: 60_000 });
    try {
      for (const name of ['small', 'medium', 'small']) {
        const rendered = await thread.render({ topology: load(name) }, 'png');
        expect(decodePng(rendered.png!)).toEqual({ width: rendered.width, height: rendered.height });
      }
      const png = await thread.rasterise('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"/>');
      expect(decodePng(png.png)).toEqual({ width: 20, height: 40 });
      expect(thread.threadsStarted).toBe(1);
    } finally {
      await thread.close();
    }
  });

  it('past its deadline a picture fails as a DiagramError; the next one is drawn by a fresh thread', async () => {
    const thread = new RenderThread({ timeoutMs: 60_000 });
    try {
      await expect(thread.render({ topology: load('large') }, 'png', 1)).rejects.toThrow(
        new DiagramError('drawing took longer than 1 ms'),
      );
      const rendered = await thread.render({ topology: load('small') }, 'svg');
      expect(rendered.svg).toContain('<svg');
      expect(thread.threadsStarted).toBe(2);
    } finally {
      await thread.close();
    }
  });

  it('a thread that runs out of memory fails its picture and is replaced for the next', async () => {
    // 8 MiB of heap holds no layout at all: every picture kills its thread.
    const thread = new RenderThread({ timeoutMs: 60_000, maxHeapMb: 8 });
    try {
      for (const attempt of [1, 2]) {
        await expect(thread.render({ topology: load('small') }, 'svg')).rejects.toThrow(
          new DiagramError('drawing ran out of memory'),
        );
        expect(thread.threadsStarted).toBe(attempt);
      }
    } finally {
      await thread.close();
    }
  });
});

describe('voipnow diagram', () => {
  const golden = (name: string) => new URL(`./golden/${name}.svg`, import.meta.url);

  const cases: [string, string[]][] = [
    ['small', ['examples/small.yaml']],
    ['medium', ['examples/medium.yaml']],
    ['large', ['examples/large.yaml']],
    ['medium-whatif', ['examples/medium.yaml', '--whatif', 'zone fra-1 fails']],
    ['medium-resilience', ['examples/medium.yaml', '--resilience']],
    ['large-resilience', ['examples/large.yaml', '--resilience']],
  ];

  it.each(cases)('%s matches its golden SVG', async (name, args) => {
    const run = await runCli(['diagram', ...args]);
    expect(run.code).toBe(0);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden(name), run.stdout);
    expect(run.stdout).toBe(readFileSync(golden(name), 'utf8'));
  });

  it('writes a PNG with -o and says what it drew', async () => {
    const out = `${process.env.TMPDIR ?? '/tmp'}/voipnow-diagram-${process.pid}.png`;
    const run = await runCli(['diagram', 'examples/medium.yaml', '--whatif', 'zone fra-1 fails', '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/wrote .*\.png \(png, \d+×\d+ px, every node\)/);
    decodePng(readFileSync(out));
  });

  it('refuses a question it cannot read, and a PNG on a terminal', async () => {
    const bad = await runCli(['diagram', 'examples/medium.yaml', '--whatif', 'the moon falls']);
    expect(bad.code).toBe(2);
    const tty = await runCli(['diagram', 'examples/small.yaml', '--format', 'png'], { tty: true });
    expect(tty.code).toBe(2);
    expect(tty.stderr).toContain('-o FILE.png');
  });

  it('draws invalid input as its findings, exit 2', async () => {
    const run = await runCli(['diagram', 'examples/broken/schema.yaml']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('SCH00');
  });
});
