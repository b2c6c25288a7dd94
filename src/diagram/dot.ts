import { SEVERITY_RANK, type Finding, type Severity } from '../engine/finding.js';
import { ROLE_IDS, type RoleId } from '../topology/roles.js';
import type { Topology, TopologyNode } from '../topology/schema.js';
import { LEVELS, type Impact, type Level, type WhatIfAnswer } from '../whatif/simulate.js';
import { esc, row, table, type Cell } from './html-label.js';
import {
  FAILED_FILL,
  FAMILY_FILL,
  FAMILY_LABEL,
  FONT,
  FRAME,
  INK,
  LEVEL_FILL,
  LEVEL_INK,
  LEVEL_TINT,
  MUTED,
  ROLE_FAMILY,
  SEVERITY_FILL,
  SEVERITY_INK,
  type Family,
} from './palette.js';

/** What losing one failure domain does, for `--resilience`. */
export interface DomainLoss {
  kind: 'host' | 'zone';
  name: string;
  level: Level;
  /** Roles that reach `level` when the domain is lost. */
  roles: RoleId[];
}

export interface DiagramInput {
  topology: Topology;
  /** The check's findings: each node gets a badge with its worst. */
  findings?: readonly Finding[];
  whatIf?: WhatIfAnswer;
  resilience?: readonly DomainLoss[];
  /** Up to this many nodes each node is drawn; beyond, hosts or zones are summarised. @defaultValue 40 */
  detailLimit?: number;
  /** Beyond this many hosts, zones are summarised instead. @defaultValue 120 */
  hostLimit?: number;
}

export type DiagramMode = 'nodes' | 'hosts' | 'zones';

export interface DiagramDot {
  dot: string;
  mode: DiagramMode;
  /** Graphviz ids of boxes to cross out (every node they stand for failed). */
  crossed: string[];
}

const NO_ZONE = '(no zone)';
const DEFAULT_DETAIL_LIMIT = 40;
const DEFAULT_HOST_LIMIT = 120;

const worstLevel = (levels: Iterable<Level>): Level => {
  let worst: Level = 'none';
  for (const l of levels) if (LEVELS.indexOf(l) > LEVELS.indexOf(worst)) worst = l;
  return worst;
};

/** A group of nodes drawn together: a host, a zone's unhosted nodes, or a whole zone when summarised. */
interface Box {
  id: string;
  title: string;
  nodes: TopologyNode[];
}

/** Where a summarised node is drawn: its box, and the zone frame edges may end at. */
interface Place {
  box: string;
  cluster?: string;
  anchor?: string;
}

interface Zone {
  name: string;
  hosts: { name: string; nodes: TopologyNode[] }[];
  /** Nodes of the zone that declare no host. */
  loose: TopologyNode[];
}

function zonesOf(topology: Topology): Zone[] {
  const zones = new Map<string, Zone>();
  for (const node of topology.nodes) {
    const key = node.zone ?? NO_ZONE;
    let zone = zones.get(key);
    if (!zone) zones.set(key, (zone = { name: key, hosts: [], loose: [] }));
    if (!node.host) {
      zone.loose.push(node);
      continue;
    }
    let host = zone.hosts.find((h) => h.name === node.host);
    if (!host) zone.hosts.push((host = { name: node.host, nodes: [] }));
    host.nodes.push(node);
  }
  return [...zones.values()];
}

/** Findings per node, unsuppressed, worst first. */
function findingsByNode(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.suppressed) continue;
    for (const name of new Set([...(f.node ? [f.node] : []), ...(f.nodes ?? [])])) {
      let list = map.get(name);
      if (!list) map.set(name, (list = []));
      list.push(f);
    }
  }
  for (const list of map.values()) list.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return map;
}

function badge(findings: readonly Finding[]): Cell {
  const worst = findings[0];
  if (!worst) return { text: '✓ ok', fill: SEVERITY_FILL.ok, ink: SEVERITY_INK.ok, align: 'right', size: 10 };
  const more = findings.length > 1 ? ` +${findings.length - 1}` : '';
  return {
    text: `${worst.rule}${more}`,
    fill: SEVERITY_FILL[worst.severity],
    ink: SEVERITY_INK[worst.severity],
    bold: true,
    align: 'right',
    size: 10,
  };
}

const SHORT_ROLE: Record<RoleId, string> = {
  'sql-master': 'sql-master',
  'sql-slave': 'sql-slave',
  'distributed-db': 'distributed-db',
  elasticsearch: 'elasticsearch',
  web: 'web',
  sip: 'sip',
  pbx: 'pbx',
  'infrastructure-controller': 'infra-controller',
  worker: 'worker',
  queue: 'queue',
  jabber: 'jabber',
};

/** A role line: the family colour, or the impact level's colour when a what-if hit the role. */
function roleCell(role: RoleId, text: string, impact: Impact | undefined, colspan = 1): Cell {
  if (impact)
    return {
      text: `${text} · ${impact.level.toUpperCase()}`,
      fill: LEVEL_FILL[impact.level],
      ink: LEVEL_INK[impact.level],
      bold: true,
      colspan,
    };
  return { text, fill: FAMILY_FILL[ROLE_FAMILY[role]], ink: INK, colspan };
}

interface Scene {
  input: DiagramInput;
  findings: Map<string, Finding[]>;
  failed: Set<string>;
  impacts: Map<RoleId, Impact>;
  losses: Map<string, DomainLoss>;
  crossed: string[];
  lines: string[];
  /** Boxes in the first row of their group: the legend and balancers sit above them. */
  tops: string[];
  zoneCount: number;
}

const nodeId = (name: string) => `node:${name}`;

/**
 * A node's box. `host` names a host that holds this node alone: a one-node cluster would only add
 * a frame, so the host is a line of the box, tinted by its loss under `--resilience`.
 */
function nodeLabel(scene: Scene, node: TopologyNode, host?: string): string {
  const failed = scene.failed.has(node.name);
  const roles = [...new Set(node.roles)];
  const head: Cell[] = [
    { text: node.name, bold: true, strike: failed, ink: failed ? MUTED : INK, size: 12 },
    badge(scene.findings.get(node.name) ?? []),
  ];
  const rows = [row(head)];
  const loss = host ? scene.losses.get(`host:${host}`) : undefined;
  if (host)
    rows.push(
      row([
        loss && loss.level !== 'none'
          ? {
              text: `host ${host} · loss: ${loss.level.toUpperCase()}`,
              fill: LEVEL_FILL[loss.level],
              ink: LEVEL_INK[loss.level],
              bold: true,
              size: 9,
              colspan: 2,
            }
          : { text: `host ${host}${loss ? ' · loss: none' : ''}`, ink: MUTED, size: 9, colspan: 2 },
      ]),
    );
  if (failed) rows.push(row([{ text: '✖ FAILED', ink: '#c62828', bold: true, colspan: 2, size: 10 }]));
  for (const role of roles) {
    const shard = role.startsWith('sql-') && node.shard ? ` · shard ${node.shard}` : '';
    rows.push(row([roleCell(role, `${SHORT_ROLE[role]}${shard}`, failed ? scene.impacts.get(role) : undefined, 2)]));
  }
  const facts = [node.ha === 'vm' ? 'ha: vm' : '', node.customers !== undefined ? `${node.customers} customers` : '']
    .filter(Boolean)
    .join(' · ');
  if (facts) rows.push(row([{ text: facts, ink: MUTED, size: 9, colspan: 2 }]));
  let fill = '#ffffff';
  let border = FRAME;
  if (failed) [fill, border] = [FAILED_FILL, MUTED];
  else if (loss && loss.level !== 'none') [fill, border] = [LEVEL_TINT[loss.level], LEVEL_FILL[loss.level]];
  return table(rows, { border, fill, dashed: failed });
}

/** Counts by role for a summarised host or zone, with the impact colour where a what-if hit. */
function summaryLabel(scene: Scene, box: Box): string {
  const counts = new Map<RoleId, number>();
  const shards = new Set<number>();
  for (const node of box.nodes)
    for (const role of new Set(node.roles)) {
      counts.set(role, (counts.get(role) ?? 0) + 1);
      if (role.startsWith('sql-')) shards.add(node.shard ?? 1);
    }
  const findings = box.nodes.flatMap((n) => scene.findings.get(n.name) ?? []);
  const unique = [...new Map(findings.map((f) => [`${f.rule}|${f.message}`, f])).values()].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity],
  );
  const failedNodes = box.nodes.filter((n) => scene.failed.has(n.name));
  const failed = failedNodes.length;
  const failedRoles = new Set(failedNodes.flatMap((n) => n.roles));
  const allFailed = failed > 0 && failed === box.nodes.length;
  const rows = [
    row([{ text: box.title, bold: true, strike: allFailed, ink: allFailed ? MUTED : INK, size: 12 }, badge(unique)]),
    row([
      {
        text: `${box.nodes.length} node${box.nodes.length === 1 ? '' : 's'}${failed ? ` · ✖ ${failed} failed` : ''}`,
        ink: failed ? '#c62828' : MUTED,
        bold: failed > 0,
        size: 10,
        colspan: 2,
      },
    ]),
  ];
  for (const role of ROLE_IDS) {
    const n = counts.get(role);
    if (!n) continue;
    const shardNote = role === 'sql-master' && shards.size > 1 ? ` (${shards.size} shards)` : '';
    rows.push(
      row([
        roleCell(role, `${SHORT_ROLE[role]}${shardNote}`, failedRoles.has(role) ? scene.impacts.get(role) : undefined),
        { text: `×${n}`, align: 'right', bold: true },
      ]),
    );
  }
  if (allFailed) scene.crossed.push(box.id);
  return table(rows, {
    border: allFailed ? MUTED : FRAME,
    fill: allFailed ? FAILED_FILL : '#ffffff',
    dashed: allFailed,
  });
}

const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Lays boxes out in rows of `columns`: dot ranks each box below the one `columns` before it, so
 * a zone of 25 hosts is a 5×5 grid rather than a strip 25 boxes wide.
 */
function grid(scene: Scene, items: { first: string; last: string }[], columns: number): void {
  for (const item of items.slice(0, columns)) scene.tops.push(item.first);
  for (let i = columns; i < items.length; i++)
    scene.lines.push(`${q(items[i - columns]!.last)} -> ${q(items[i]!.first)} [style=invis weight=4];`);
}

/** Every box carries its name as its SVG id, so tests and the cross-out find it. */
function emitBox(scene: Scene, id: string, label: string): void {
  scene.lines.push(`${q(id)} [id=${q(id)} label=${label}];`);
}

/** Zones stand side by side, up to this many in a row. */
const ZONES_PER_ROW = 4;

/**
 * Columns inside a zone: with several zones side by side, each zone gets fewer columns, so the
 * whole picture stays about as wide as it is tall (chat previews are landscape, not strips).
 */
function zoneColumns(scene: Scene, n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt((1.5 * n) / Math.min(scene.zoneCount, ZONES_PER_ROW))));
}

function domainStyle(scene: Scene, kind: 'host' | 'zone', name: string, title: string): string {
  const loss = scene.losses.get(`${kind}:${name}`);
  if (!loss) return `label=${q(title)}`;
  const hit = loss.roles.length ? ` (${loss.roles.map((r) => SHORT_ROLE[r]).join(', ')})` : '';
  const label = `<<b>${esc(title)}</b><br/><font point-size="10" color="${LEVEL_FILL[loss.level]}"><b>loss: ${loss.level.toUpperCase()}</b>${esc(hit)}</font>>`;
  return `label=${label} style="rounded,filled,bold" fillcolor=${q(LEVEL_TINT[loss.level])} color=${q(LEVEL_FILL[loss.level])} penwidth=2.5`;
}

/** Draws every node (small topologies), hosts as clusters inside zone clusters. */
function drawNodes(scene: Scene, zones: Zone[]): { first: string; last: string }[] {
  const zoneItems: { first: string; last: string }[] = [];
  zones.forEach((zone, zi) => {
    const named = zone.name !== NO_ZONE;
    scene.lines.push(`subgraph "cluster_zone_${zi}" {`);
    scene.lines.push(
      named
        ? `${domainStyle(scene, 'zone', zone.name, `zone ${zone.name}`)};`
        : `label=${q('no zone declared')}; style="rounded,dashed";`,
    );
    if (named && !scene.losses.has(`zone:${zone.name}`))
      scene.lines.push('style="rounded,filled"; fillcolor="#f6f8fa";');
    const items: { first: string; last: string }[] = [];
    zone.hosts.forEach((host, hi) => {
      if (host.nodes.length === 1) {
        const node = host.nodes[0]!;
        emitBox(scene, nodeId(node.name), nodeLabel(scene, node, host.name));
        items.push({ first: nodeId(node.name), last: nodeId(node.name) });
        return;
      }
      scene.lines.push(`subgraph "cluster_host_${zi}_${hi}" {`);
      scene.lines.push(`${domainStyle(scene, 'host', host.name, `host ${host.name}`)};`);
      if (!scene.losses.has(`host:${host.name}`)) scene.lines.push('style="rounded"; bgcolor="#ffffff";');
      for (const node of host.nodes) emitBox(scene, nodeId(node.name), nodeLabel(scene, node));
      for (let i = 1; i < host.nodes.length; i++)
        scene.lines.push(`${q(nodeId(host.nodes[i - 1]!.name))} -> ${q(nodeId(host.nodes[i]!.name))} [style=invis];`);
      scene.lines.push('}');
      items.push({ first: nodeId(host.nodes[0]!.name), last: nodeId(host.nodes.at(-1)!.name) });
    });
    for (const node of zone.loose) {
      emitBox(scene, nodeId(node.name), nodeLabel(scene, node));
      items.push({ first: nodeId(node.name), last: nodeId(node.name) });
    }
    grid(scene, items, zoneColumns(scene, items.length));
    scene.lines.push('}');
    zoneItems.push({ first: items[0]!.first, last: items.at(-1)!.last });
  });
  for (const node of scene.input.topology.nodes) if (scene.failed.has(node.name)) scene.crossed.push(nodeId(node.name));
  drawReplication(scene);
  return zoneItems;
}

/** SQL shards: each master points at its slaves, so the shard reads as one group across hosts. */
function drawReplication(scene: Scene): void {
  const shards = new Map<number, { masters: string[]; slaves: string[] }>();
  for (const node of scene.input.topology.nodes) {
    const shard = node.shard ?? 1;
    let s = shards.get(shard);
    if (!s) shards.set(shard, (s = { masters: [], slaves: [] }));
    if (node.roles.includes('sql-master')) s.masters.push(node.name);
    else if (node.roles.includes('sql-slave')) s.slaves.push(node.name);
  }
  const multi = shards.size > 1;
  for (const [id, s] of [...shards].sort((a, b) => a[0] - b[0]))
    for (const master of s.masters)
      for (const slave of s.slaves)
        scene.lines.push(
          `${q(nodeId(master))} -> ${q(nodeId(slave))} [constraint=false style=dashed color=${q('#4a78b0')} fontcolor=${q('#4a78b0')} fontsize=9 penwidth=1.4 arrowsize=0.7 label=${q(multi ? `shard ${id}` : 'replicates')}];`,
        );
}

/** Summaries per host (medium and large topologies): counts by role inside zone clusters. */
function drawHosts(scene: Scene, zones: Zone[], boxOf: Map<string, Place>): { first: string; last: string }[] {
  const zoneItems: { first: string; last: string }[] = [];
  zones.forEach((zone, zi) => {
    const named = zone.name !== NO_ZONE;
    scene.lines.push(`subgraph "cluster_zone_${zi}" {`);
    scene.lines.push(
      named
        ? `${domainStyle(scene, 'zone', zone.name, `zone ${zone.name} · ${zone.hosts.reduce((s, h) => s + h.nodes.length, zone.loose.length)} nodes`)};`
        : `label=${q('no zone declared')}; style="rounded,dashed";`,
    );
    if (named && !scene.losses.has(`zone:${zone.name}`))
      scene.lines.push('style="rounded,filled"; fillcolor="#f6f8fa";');
    const boxes: Box[] = zone.hosts.map((h, hi) => ({
      id: `host:${zi}:${hi}`,
      title: `host ${h.name}`,
      nodes: h.nodes,
    }));
    if (zone.loose.length) boxes.push({ id: `loose:${zi}`, title: 'no host declared', nodes: zone.loose });
    for (const box of boxes) {
      const host = box.nodes[0]!.host;
      const loss = host ? scene.losses.get(`host:${host}`) : undefined;
      const label = summaryLabel(scene, box);
      const tinted = loss ? label.replace('bgcolor="#ffffff"', `bgcolor="${LEVEL_TINT[loss.level]}"`) : label;
      const styled = loss
        ? tinted.replace(`color="${FRAME}"`, `color="${LEVEL_FILL[loss.level]}"`).replace('<table ', '<table ')
        : tinted;
      emitBox(scene, box.id, styled);
      for (const node of box.nodes)
        boxOf.set(node.name, { box: box.id, cluster: `cluster_zone_${zi}`, anchor: boxes[0]!.id });
    }
    grid(
      scene,
      boxes.map((b) => ({ first: b.id, last: b.id })),
      zoneColumns(scene, boxes.length),
    );
    scene.lines.push('}');
    zoneItems.push({ first: boxes[0]!.id, last: boxes.at(-1)!.id });
  });
  return zoneItems;
}

/** One summary per zone (very large topologies). */
function drawZones(scene: Scene, zones: Zone[], boxOf: Map<string, Place>): { first: string; last: string }[] {
  return zones.map((zone, zi) => {
    const nodes = [...zone.hosts.flatMap((h) => h.nodes), ...zone.loose];
    const id = `zone:${zi}`;
    const hosts = zone.hosts.length ? ` · ${zone.hosts.length} hosts` : '';
    let label = summaryLabel(scene, {
      id,
      title: zone.name === NO_ZONE ? 'no zone declared' : `zone ${zone.name}${hosts}`,
      nodes,
    });
    const loss = scene.losses.get(`zone:${zone.name}`);
    if (loss)
      label = label
        .replace('bgcolor="#ffffff"', `bgcolor="${LEVEL_TINT[loss.level]}"`)
        .replace(`color="${FRAME}"`, `color="${LEVEL_FILL[loss.level]}"`);
    emitBox(scene, id, label);
    for (const node of nodes) boxOf.set(node.name, { box: id });
    return { first: id, last: id };
  });
}

function drawBalancers(scene: Scene, boxOf: Map<string, Place> | undefined): string[] {
  const ids: string[] = [];
  for (const lb of scene.input.topology.loadBalancers ?? []) {
    const id = `lb:${lb.name}`;
    ids.push(id);
    const facts = [lb.public ? lb.public : 'no public address', lb.healthCheck ? 'health check' : 'no health check'];
    const rows = [
      row([{ text: `⇄ ${lb.name}`, bold: true, size: 12 }]),
      row([{ text: facts[0]!, ink: lb.public ? MUTED : SEVERITY_FILL.warning, size: 9 }]),
      row([
        {
          text: facts[1]!,
          ink: lb.healthCheck ? MUTED : '#b26a00',
          bold: !lb.healthCheck,
          size: 9,
        },
      ]),
    ];
    emitBox(scene, id, table(rows, { border: '#4a4a4a', fill: '#fffdf2' }));
    // In a summary, one edge per zone (to the zone's frame) says how many web nodes it reaches;
    // an edge per host would cover the picture.
    const targets = new Map<string, { count: number; lhead?: string }>();
    for (const t of new Set(lb.targets)) {
      const place = boxOf ? boxOf.get(t) : { box: nodeId(t) };
      if (!place) continue;
      const key = place.anchor ?? place.box;
      const entry = targets.get(key) ?? { count: 0, ...(place.cluster ? { lhead: place.cluster } : {}) };
      entry.count++;
      targets.set(key, entry);
    }
    for (const [target, { count, lhead }] of targets)
      scene.lines.push(
        `${q(id)} -> ${q(target)} [constraint=false color=${q('#2b8a8a')} penwidth=1.6${lhead ? ` lhead=${q(lhead)}` : ''}${count > 1 || lhead ? ` label=${q(`${count} web`)} fontsize=10 fontcolor=${q('#2b8a8a')}` : ''}];`,
      );
  }
  return ids;
}

function legend(scene: Scene, mode: DiagramMode): string {
  const { topology, whatIf, resilience } = scene.input;
  const rows: string[] = [];
  const total = topology.nodes.length;
  const summary = summariseFindings(scene.input.findings ?? []);
  rows.push(row([{ text: topology.name, bold: true, size: 14, colspan: 2 }]));
  rows.push(
    row([
      {
        text: `${total} node${total === 1 ? '' : 's'}${summary ? ` · ${summary}` : ''}${mode === 'nodes' ? '' : ` · one box per ${mode === 'hosts' ? 'host' : 'zone'}`}`,
        ink: MUTED,
        size: 10,
        colspan: 2,
      },
    ]),
  );
  if (whatIf) {
    rows.push(
      row([
        { text: `If ${whatIf.scenario}`, bold: true, colspan: 1 },
        {
          text: whatIf.overall.toUpperCase(),
          fill: LEVEL_FILL[whatIf.overall],
          ink: LEVEL_INK[whatIf.overall],
          bold: true,
          align: 'center',
        },
      ]),
    );
    const hit = customersHit(whatIf);
    rows.push(row([{ text: `Customers hit: ${hit}`, colspan: 2 }]));
    rows.push(row([{ text: `Nodes lost: ${listOf(whatIf.failed, 6)}`, colspan: 2, size: 10 }]));
    for (const impact of whatIf.impacts)
      rows.push(
        row([
          { text: SHORT_ROLE[impact.role], size: 10 },
          {
            text: impact.level,
            fill: LEVEL_FILL[impact.level],
            ink: LEVEL_INK[impact.level],
            size: 10,
            align: 'center',
          },
        ]),
      );
  }
  if (resilience) {
    const worst = worstLevel(resilience.map((l) => l.level));
    rows.push(
      row([
        { text: 'Loss of one host or zone', bold: true },
        { text: `worst: ${worst.toUpperCase()}`, fill: LEVEL_FILL[worst], ink: LEVEL_INK[worst], bold: true },
      ]),
    );
    for (const level of [...LEVELS].reverse()) {
      const n = resilience.filter((l) => l.level === level).length;
      rows.push(
        row([
          { text: level, fill: LEVEL_TINT[level], ink: INK, size: 10 },
          { text: `${n} domain${n === 1 ? '' : 's'}`, size: 10, align: 'right' },
        ]),
      );
    }
  }
  const used = new Set<Family>(topology.nodes.flatMap((n) => n.roles.map((r) => ROLE_FAMILY[r])));
  const families = (Object.keys(FAMILY_FILL) as Family[]).filter((f) => used.has(f));
  for (const family of families)
    rows.push(row([{ text: FAMILY_LABEL[family], fill: FAMILY_FILL[family], ink: INK, size: 10, colspan: 2 }]));
  (['error', 'warning', 'info'] as const).forEach((severity, i) =>
    rows.push(
      row([
        { text: i === 0 ? 'badge: worst finding' : '', size: 9, ink: MUTED },
        { text: severity, fill: SEVERITY_FILL[severity], ink: SEVERITY_INK[severity], size: 9, align: 'center' },
      ]),
    ),
  );
  const global = (scene.input.findings ?? []).filter((f) => !f.suppressed && !f.node && !f.nodes?.length);
  for (const f of global.slice(0, 4))
    rows.push(
      row([
        {
          text: `${f.rule} ${truncate(f.message, 60)}`,
          fill: SEVERITY_FILL[f.severity],
          ink: SEVERITY_INK[f.severity],
          size: 9,
          colspan: 2,
        },
      ]),
    );
  if (global.length > 4) rows.push(row([{ text: `…and ${global.length - 4} more`, size: 9, colspan: 2 }]));
  return table(rows, { border: FRAME, fill: '#ffffff' });
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function listOf(names: readonly string[], max: number): string {
  if (names.length === 0) return 'none';
  return names.length > max ? `${names.slice(0, max).join(', ')} +${names.length - max}` : names.join(', ');
}

/** The customers a scenario reaches: the worst role's figure, not a sum (SIP and PBX serve the same people). */
export function customersHit(answer: WhatIfAnswer): string {
  let best: Impact['customersAffected'];
  for (const i of answer.impacts)
    if (i.customersAffected && (!best || i.customersAffected.share > best.share)) best = i.customersAffected;
  if (!best) return 'none';
  const pct = `${Math.round(best.share * 100)} %`;
  return best.count !== undefined ? `${best.count} (${pct})` : pct;
}

function summariseFindings(findings: readonly Finding[]): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let any = false;
  for (const f of findings)
    if (!f.suppressed) {
      counts[f.severity]++;
      any = true;
    }
  if (!any) return 'no findings';
  return `${counts.error} errors, ${counts.warning} warnings, ${counts.info} info`;
}

/** The topology as a Graphviz graph. Pure and deterministic: the same input gives the same text. */
export function toDot(input: DiagramInput): DiagramDot {
  const { topology } = input;
  const detailLimit = input.detailLimit ?? DEFAULT_DETAIL_LIMIT;
  const zones = zonesOf(topology);
  const hostCount = zones.reduce((s, z) => s + z.hosts.length + (z.loose.length ? 1 : 0), 0);
  let mode: DiagramMode = 'nodes';
  if (topology.nodes.length > detailLimit)
    mode = hostCount <= (input.hostLimit ?? DEFAULT_HOST_LIMIT) ? 'hosts' : 'zones';
  const scene: Scene = {
    input,
    findings: findingsByNode(input.findings ?? []),
    failed: new Set(input.whatIf?.failed ?? []),
    impacts: new Map((input.whatIf?.impacts ?? []).map((i) => [i.role, i])),
    losses: new Map((input.resilience ?? []).map((l) => [`${l.kind}:${l.name}`, l])),
    crossed: [],
    lines: [],
    tops: [],
    zoneCount: zones.length,
  };
  scene.lines.push(
    'digraph topology {',
    `graph [fontname=${q(FONT)} fontsize=13 fontcolor=${q(INK)} rankdir=TB nodesep=0.25 ranksep=0.35 newrank=true compound=true pad=0.3 bgcolor="#ffffff" color=${q(FRAME)} margin=0];`,
    `node [fontname=${q(FONT)} fontsize=11 shape=plain fontcolor=${q(INK)}];`,
    `edge [fontname=${q(FONT)} arrowsize=0.7];`,
  );
  const boxOf = mode === 'nodes' ? undefined : new Map<string, Place>();
  let items: { first: string; last: string }[];
  if (mode === 'nodes') items = drawNodes(scene, zones);
  else if (mode === 'hosts') items = drawHosts(scene, zones, boxOf!);
  else items = drawZones(scene, zones, boxOf!);
  // Zones side by side, wrapping after four so that many zones do not make one long strip.
  grid(scene, items, Math.min(ZONES_PER_ROW, Math.max(1, Math.ceil(Math.sqrt(items.length)) + 1)));
  const balancers = drawBalancers(scene, boxOf);
  emitBox(scene, 'legend', legend(scene, mode));
  scene.lines.push(`{ rank=same; "legend"; ${balancers.map(q).join('; ')} }`);
  for (const top of new Set(scene.tops)) scene.lines.push(`"legend" -> ${q(top)} [style=invis];`);
  scene.lines.push('}');
  return { dot: scene.lines.join('\n') + '\n', mode, crossed: scene.crossed };
}
