import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify as stringifyYaml } from 'yaml';
import { checkText, issueToFinding, type CheckResult } from '../engine/check.js';
import { SEVERITY_RANK, type Severity } from '../engine/finding.js';
import { formatJunit } from '../format/junit.js';
import { formatMarkdown } from '../format/markdown.js';
import { formatSarif } from '../format/sarif.js';
import { formatSizingText } from '../format/sizing-text.js';
import { styleFor } from '../format/style.js';
import { formatText } from '../format/text.js';
import { formatWhatIfText } from '../format/whatif-text.js';
import { ruleDocUrl } from '../docs/rule-page.js';
import { RULES } from '../rules/index.js';
import { sizeTopology } from '../sizing/advice.js';
import { parseTopologyCached } from '../engine/memo.js';
import { DEFAULT_MAX_BYTES, parseTopology, sizeIssue } from '../topology/parse.js';
import { topologyJsonSchema } from '../topology/schema.js';
import { createSimulator, whatIf, type WhatIfAnswer } from '../whatif/simulate.js';
import { resilience } from '../whatif/resilience.js';
import { formatResilienceMarkdown, formatResilienceText } from '../format/resilience-text.js';
import { diagramInput } from '../diagram/picture.js';
import { DiagramError, renderDiagram } from '../diagram/render.js';
import { CHART_NODES, chartSvg } from '../diagram/chart.js';
import { svgToPng } from '../diagram/png.js';
import type { Finding } from '../engine/finding.js';
import { parseDuration } from '../monitoring/duration.js';
import { liveUsageFor } from '../monitoring/live.js';
import { endpointProblem, PERCENTILES } from '../monitoring/settings.js';
import type { LiveUsage } from '../monitoring/usage.js';
import type { Topology } from '../topology/schema.js';
import { formatExplainText } from '../format/explain-text.js';
import { readInput } from './read-input.js';
import { configJsonSchema } from '../team-config/schema.js';
import { ConfigError, findConfigFile, loadConfigFile } from '../team-config/load.js';
import { defaultEngineConfig, effectiveConfig, type EngineConfig } from '../team-config/resolve.js';

/** Options of every command that can read live figures from Prometheus. */
const LIVE_OPTIONS = {
  prometheus: { type: 'string' },
  window: { type: 'string' },
  percentile: { type: 'string' },
  at: { type: 'string' },
  explain: { type: 'boolean' },
} as const;

/** Exit codes are part of the CI contract. */
const EXIT = { ok: 0, findings: 1, invalid: 2 } as const;

const USAGE = `voipnow: check VoipNow topologies against the vendor's provisioning rules

Usage:
  voipnow check FILE [--baseline FILE] [--format text|json|sarif|junit|markdown] [--fail-on error|warning|info|none]
  voipnow whatif FILE QUESTION [--format text|json]
  voipnow resilience FILE [--depth 1|2] [--format text|json|markdown]
  voipnow sizing FILE [--format text|json] [--chart FILE.png|FILE.svg]
  voipnow diagram FILE [--whatif QUESTION] [--resilience] [--format svg|png] [-o FILE]
  voipnow rules [ID] [--format text|json]
  voipnow config print [FILE]      the effective team configuration (.voipnow.yaml)
  voipnow config schema            JSON Schema of .voipnow.yaml
  voipnow schema

FILE may be - for standard input. Options for every command reading FILE:
  --max-bytes N   size cap (default ${DEFAULT_MAX_BYTES}, or MAX_TOPOLOGY_BYTES)
  --config FILE   (check, rules) team configuration; default: the nearest .voipnow.yaml
                  from FILE's folder upward

Live figures (check, sizing, whatif, resilience), from a Prometheus with node_exporter series:
  --prometheus URL   endpoint (else the file's monitoring.prometheus); credentials from
                     PROMETHEUS_BEARER_TOKEN or PROMETHEUS_USERNAME/PROMETHEUS_PASSWORD
  --window 7d        how far back (default 7d); --percentile p50|p95|p99|max (default p95)
  --at ISO-TIME      end of the window (default now)
  --explain          print the PromQL, window and step behind every live figure (stderr)
  --chart FILE       (sizing) each node's utilisation over the window, worst ${CHART_NODES} by p95, with
                     the 80 % and 90 % thresholds: PNG, or SVG when FILE ends in .svg

Exit codes: 0 nothing at or above --fail-on (default error); 1 findings at or above it;
2 invalid input or usage.

Examples:
  voipnow check examples/medium.yaml
  voipnow check prod.yaml --baseline prod-previous.yaml --format sarif > voipnow.sarif
  voipnow whatif examples/medium.yaml "what happens if PBX fails"
  voipnow resilience examples/medium.yaml --depth 2
  voipnow rules HA001
  voipnow diagram examples/medium.yaml --whatif "zone fra-1 fails" -o fra-1.png
`;

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

function version(): string {
  for (const base of ['../../package.json', '../../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(base, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // try the next layout (source or built)
    }
  }
  return '0.0.0';
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

function maxBytes(value: string | undefined, env: NodeJS.ProcessEnv): number {
  const raw = value ?? env.MAX_TOPOLOGY_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_MAX_BYTES;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`--max-bytes / MAX_TOPOLOGY_BYTES must be a positive whole number of bytes (got "${raw}")`);
  return n;
}

type Loaded = { bytes: Uint8Array } | { result: CheckResult };

async function load(file: string, cap: number, io: Io, role?: 'baseline'): Promise<Loaded> {
  const input = await readInput(file, cap, io.stdin);
  if (input.ok) return { bytes: input.bytes };
  if ('error' in input) throw new UsageError(role ? `--baseline ${input.error}` : input.error);
  const finding = issueToFinding(sizeIssue(input.tooLarge, cap), role ? `baseline ${file}: ` : '');
  return { result: { topology: null, summary: { error: 1, warning: 0, info: 0, suppressed: 0 }, findings: [finding] } };
}

function thresholdHit(result: CheckResult, failOn: Severity | 'none'): boolean {
  if (failOn === 'none') return false;
  return result.findings.some((f) => !f.suppressed && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}

/** `--config FILE`, else the nearest `.voipnow.yaml` above the topology (or the working folder for stdin). */
async function teamConfig(explicit: string | undefined, file: string | undefined): Promise<EngineConfig> {
  if (explicit !== undefined) return loadConfigFile(explicit);
  const found = findConfigFile(file && file !== '-' ? dirname(resolve(file)) : process.cwd());
  return found ? loadConfigFile(found) : defaultEngineConfig();
}

const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;

async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      baseline: { type: 'string' },
      format: { type: 'string', short: 'f' },
      'fail-on': { type: 'string' },
      'max-bytes': { type: 'string' },
      today: { type: 'string' },
      config: { type: 'string' },
      ...LIVE_OPTIONS,
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('check takes exactly one FILE (or - for standard input)');
  const format = choice(values.format, FORMATS, '--format', 'text');
  const failOn = choice(values['fail-on'], FAIL_ON, '--fail-on', 'error');
  const cap = maxBytes(values['max-bytes'], io.env);
  const config = await teamConfig(values.config, file);
  const loaded = await load(file, cap, io);
  let result: (CheckResult & { valid?: boolean }) | undefined;
  let nodes: string[] = [];
  let usage: LiveUsage | undefined;
  if ('result' in loaded) {
    result = { ...loaded.result, valid: false };
  } else {
    let baselineText: Uint8Array | undefined;
    if (values.baseline !== undefined) {
      const base = await load(values.baseline, cap, io, 'baseline');
      if ('result' in base) result = { ...base.result, valid: false };
      else baselineText = base.bytes;
    }
    const topology = result ? undefined : parseTopologyCached(loaded.bytes, { maxBytes: cap });
    usage = topology?.ok ? await liveUsage(topology.topology, values, io) : undefined;
    result ??= checkText(loaded.bytes, {
      maxBytes: cap,
      config,
      ...(topology ? { parsed: topology } : {}),
      ...(baselineText ? { baselineText, baselineLabel: values.baseline === '-' ? 'stdin' : values.baseline } : {}),
      ...(values.today ? { today: values.today } : {}),
      ...(usage ? { usage } : {}),
    });
    if (topology?.ok) nodes = topology.topology.nodes.map((n) => n.name);
  }
  const name = file === '-' ? 'stdin' : file;
  const { valid, ...contract } = result;
  switch (format) {
    case 'json':
      io.stdout.write(JSON.stringify(contract, null, 2) + '\n');
      break;
    case 'sarif':
      io.stdout.write(formatSarif(contract, name, version(), config.catalogue));
      break;
    case 'junit':
      io.stdout.write(formatJunit(contract, nodes, name, failOn, config.catalogue));
      break;
    case 'markdown':
      io.stdout.write(formatMarkdown(contract, name));
      break;
    default:
      io.stdout.write(formatText(contract, name, styleFor(io.stdout, io.env)));
  }
  if (values.explain) io.stderr.write(formatExplainText(usage, liveNodes(contract.findings)));
  if (valid === false) return EXIT.invalid;
  return thresholdHit(contract, failOn) ? EXIT.findings : EXIT.ok;
}

/** Reads and parses FILE for whatif and sizing; invalid input prints its SCH findings. */
async function loadTopology(file: string, format: string, cap: number, io: Io, preloaded?: Loaded) {
  const loaded = preloaded ?? (await load(file, cap, io));
  const fail = (result: CheckResult) => {
    io.stdout.write(
      format === 'json'
        ? JSON.stringify(result, null, 2) + '\n'
        : formatText(result, file, styleFor(io.stdout, io.env)),
    );
    return undefined;
  };
  if ('result' in loaded) return fail(loaded.result);
  const parsed = parseTopology(loaded.bytes, { maxBytes: cap });
  if (!parsed.ok) {
    const result = checkText(loaded.bytes, { maxBytes: cap });
    return fail(result);
  }
  return parsed.topology;
}

async function whatif(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      'max-bytes': { type: 'string' },
      ...LIVE_OPTIONS,
    },
  });
  const [file, ...words] = positionals;
  if (!file || words.length === 0)
    throw new UsageError(
      'whatif takes a FILE and a QUESTION, e.g. voipnow whatif prod.yaml "what happens if PBX fails"',
    );
  const format = choice(values.format, ['text', 'json'] as const, '--format', 'text');
  const topology = await loadTopology(file, format, maxBytes(values['max-bytes'], io.env), io);
  if (!topology) return EXIT.invalid;
  const usage = await liveUsage(topology, values, io);
  const answer = whatIf(topology, words.join(' '), createSimulator(topology, usage));
  if (format === 'json') {
    const { ok, ...rest } = answer;
    io.stdout.write(JSON.stringify(ok ? rest : { error: rest }, null, 2) + '\n');
  } else {
    io.stdout.write(formatWhatIfText(answer, styleFor(io.stdout, io.env)));
  }
  if (values.explain) io.stderr.write(formatExplainText(usage, answer.ok ? answer.failed : []));
  return answer.ok ? EXIT.ok : EXIT.invalid;
}

async function resilienceCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      depth: { type: 'string' },
      'max-bytes': { type: 'string' },
      ...LIVE_OPTIONS,
    },
  });
  if (positionals.length !== 1) throw new UsageError('resilience takes exactly one FILE (or - for standard input)');
  const format = choice(values.format, ['text', 'json', 'markdown'] as const, '--format', 'text');
  const depth = Number(choice(values.depth, ['1', '2'] as const, '--depth', '1')) as 1 | 2;
  const topology = await loadTopology(positionals[0]!, format, maxBytes(values['max-bytes'], io.env), io);
  if (!topology) return EXIT.invalid;
  const usage = await liveUsage(topology, values, io);
  const report = resilience(topology, { depth, ...(usage ? { simulator: createSimulator(topology, usage) } : {}) });
  if (format === 'json') io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else if (format === 'markdown') io.stdout.write(formatResilienceMarkdown(report));
  else io.stdout.write(formatResilienceText(report, styleFor(io.stdout, io.env)));
  if (values.explain)
    io.stderr.write(
      formatExplainText(
        usage,
        topology.nodes.map((n) => n.name),
      ),
    );
  return EXIT.ok;
}

async function diagram(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      whatif: { type: 'string' },
      resilience: { type: 'boolean' },
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      'max-bytes': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('diagram takes exactly one FILE (or - for standard input)');
  if (values.whatif !== undefined && values.resilience)
    throw new UsageError('--whatif and --resilience draw different pictures; pick one');
  const fromName = values.output?.toLowerCase().endsWith('.png') ? 'png' : 'svg';
  const format = choice(values.format, ['svg', 'png'] as const, '--format', fromName);
  if (format === 'png' && !values.output && (io.stdout as { isTTY?: boolean }).isTTY)
    throw new UsageError('a PNG is not for the terminal; write it with -o FILE.png or redirect standard output');
  const cap = maxBytes(values['max-bytes'], io.env);
  const loaded = await load(positionals[0]!, cap, io);
  const topology = await loadTopology(positionals[0]!, 'text', cap, io, loaded);
  if (!topology) return EXIT.invalid;
  let answer: WhatIfAnswer | undefined;
  if (values.whatif !== undefined) {
    const result = whatIf(topology, values.whatif);
    if (!result.ok) {
      io.stdout.write(formatWhatIfText(result, styleFor(io.stdout, io.env)));
      return EXIT.invalid;
    }
    answer = result;
  }
  const findings = 'bytes' in loaded ? checkText(loaded.bytes, { maxBytes: cap }).findings : [];
  const { input } = diagramInput({
    topology,
    findings,
    ...(answer ? { whatIf: answer } : {}),
    ...(values.resilience ? { resilience: true } : {}),
  });
  let rendered;
  try {
    rendered = await renderDiagram(input, format);
  } catch (error) {
    if (error instanceof DiagramError) throw new UsageError(`cannot draw this topology: ${error.message}`);
    throw error;
  }
  const bytes = format === 'png' ? rendered.png! : rendered.svg;
  if (values.output) {
    writeFileSync(values.output, bytes);
    const size = format === 'png' ? `, ${rendered.width}×${rendered.height} px` : '';
    const drawn = { nodes: 'every node', hosts: 'one box per host', zones: 'one box per zone' }[rendered.mode];
    io.stderr.write(`voipnow: wrote ${values.output} (${format}${size}, ${drawn})\n`);
  } else {
    io.stdout.write(bytes);
  }
  return EXIT.ok;
}

async function sizing(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      'max-bytes': { type: 'string' },
      chart: { type: 'string' },
      ...LIVE_OPTIONS,
    },
  });
  if (positionals.length !== 1) throw new UsageError('sizing takes exactly one FILE');
  const format = choice(values.format, ['text', 'json'] as const, '--format', 'text');
  const topology = await loadTopology(positionals[0]!, format, maxBytes(values['max-bytes'], io.env), io);
  if (!topology) return EXIT.invalid;
  const usage = await liveUsage(topology, values, io, values.chart !== undefined);
  if (values.chart !== undefined) writeChart(values.chart, topology.name, usage, io);
  const report = sizeTopology(topology, usage);
  io.stdout.write(
    format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatSizingText(report, styleFor(io.stdout, io.env)),
  );
  if (values.explain)
    io.stderr.write(
      formatExplainText(
        usage,
        topology.nodes.map((n) => n.name),
      ),
    );
  return EXIT.ok;
}

interface MonitoringFlags {
  prometheus?: string;
  window?: string;
  percentile?: string;
  at?: string;
}

/** `sizing --chart FILE`: the utilisation chart, PNG unless FILE ends in .svg. */
function writeChart(file: string, topology: string, usage: LiveUsage | undefined, io: Io): void {
  if (!usage)
    throw new UsageError('--chart needs live figures: name an endpoint with --prometheus or monitoring.prometheus');
  if (usage.failure) throw new UsageError(`--chart: ${usage.failure}`);
  let chart;
  try {
    chart = chartSvg(topology, usage);
  } catch (error) {
    if (error instanceof DiagramError) throw new UsageError(`cannot chart ${topology}: ${error.message}`);
    throw error;
  }
  if (file.toLowerCase().endsWith('.svg')) {
    writeFileSync(file, chart.svg);
    io.stderr.write(`voipnow: wrote ${file} (svg, ${chart.nodes.length} of ${chart.total} nodes)\n`);
    return;
  }
  const png = svgToPng(chart.svg);
  writeFileSync(file, png.png);
  io.stderr.write(
    `voipnow: wrote ${file} (png, ${png.width}×${png.height} px, ${chart.nodes.length} of ${chart.total} nodes)\n`,
  );
}

/** Live figures when --prometheus or the file's monitoring block names an endpoint. */
async function liveUsage(
  topology: Topology,
  values: MonitoringFlags,
  io: Io,
  timeline = false,
): Promise<LiveUsage | undefined> {
  if (values.prometheus !== undefined) {
    const problem = endpointProblem(values.prometheus);
    if (problem) throw new UsageError(`--prometheus: ${problem}`);
  }
  if (values.window !== undefined && parseDuration(values.window) === undefined)
    throw new UsageError(`--window must be a duration such as 7d, 12h or 30m (got "${values.window}")`);
  const percentile =
    values.percentile === undefined ? undefined : choice(values.percentile, PERCENTILES, '--percentile', 'p95');
  const now = values.at === undefined ? new Date() : new Date(values.at);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--at must be an ISO date-time (got "${values.at}")`);
  return liveUsageFor(topology, {
    ...(values.prometheus ? { url: values.prometheus } : {}),
    ...(values.window ? { window: values.window } : {}),
    ...(percentile ? { percentile } : {}),
    ...(timeline ? { timeline } : {}),
    env: io.env,
    now,
  });
}

/** Nodes a check's live findings are about: the ones `--explain` details. */
function liveNodes(findings: readonly Finding[]): string[] {
  return [...new Set(findings.filter((f) => f.figures && f.node).map((f) => f.node!))];
}

async function rules(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f' }, config: { type: 'string' } },
  });
  const format = choice(values.format, ['text', 'json'] as const, '--format', 'text');
  const catalogue = (await teamConfig(values.config, undefined)).catalogue;
  const id = positionals[0];
  if (id) {
    const rule = catalogue.find((r) => r.meta.id === id.toUpperCase());
    if (!rule) throw new UsageError(`no rule ${id}; \`voipnow rules\` lists them`);
    const m = rule.meta;
    io.stdout.write(
      format === 'json'
        ? JSON.stringify(m, null, 2) + '\n'
        : `${m.id} (${m.severity}, ${m.family}${m.baseline ? ', needs a baseline' : ''})\n${m.title}\n\nFrom the role guide:\n  ${m.seed}\n\nWhat to do:\n  ${m.remediation}\n${RULES.includes(rule) ? `\nMore: ${ruleDocUrl(m.id)}\n` : ''}`,
    );
    return EXIT.ok;
  }
  if (format === 'json') {
    io.stdout.write(
      JSON.stringify(
        catalogue.map((r) => r.meta),
        null,
        2,
      ) + '\n',
    );
  } else {
    for (const r of catalogue) io.stdout.write(`${r.meta.id.padEnd(8)} ${r.meta.severity.padEnd(8)} ${r.meta.title}\n`);
  }
  return EXIT.ok;
}

async function configCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { config: { type: 'string' } } });
  const [sub, file] = positionals;
  if (sub === 'schema') {
    io.stdout.write(JSON.stringify(configJsonSchema(RULES), null, 2) + '\n');
    return EXIT.ok;
  }
  if (sub !== 'print') throw new UsageError('config takes print [FILE] or schema');
  const config = await teamConfig(values.config ?? file, undefined);
  io.stdout.write(stringifyYaml(effectiveConfig(config)));
  return EXIT.ok;
}

/** One subcommand's lines of the usage, for `voipnow COMMAND --help`. */
function usageOf(command: string): string | undefined {
  const name = command === 'what-if' ? 'whatif' : command;
  const lines = USAGE.split('\n').filter((l) => l.startsWith(`  voipnow ${name} `) || l === `  voipnow ${name}`);
  if (lines.length === 0) return undefined;
  return `Usage:\n${lines.join('\n')}\n\nRun \`voipnow help\` for every command, options and exit codes.\n`;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command && (rest.includes('--help') || rest.includes('-h'))) {
    const usage = usageOf(command);
    if (usage) {
      io.stdout.write(usage);
      return EXIT.ok;
    }
  }
  try {
    switch (command) {
      case 'check':
        return await check(rest, io);
      case 'whatif':
      case 'what-if':
        return await whatif(rest, io);
      case 'sizing':
        return await sizing(rest, io);
      case 'resilience':
        return await resilienceCommand(rest, io);
      case 'diagram':
        return await diagram(rest, io);
      case 'rules':
        return await rules(rest, io);
      case 'config':
        return await configCommand(rest, io);
      case 'schema':
        io.stdout.write(JSON.stringify(topologyJsonSchema(), null, 2) + '\n');
        return EXIT.ok;
      case '--version':
      case '-v':
        io.stdout.write(version() + '\n');
        return EXIT.ok;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE);
        return command === undefined ? EXIT.invalid : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`voipnow: invalid configuration\n${error.problems.join('\n')}\n`);
      return EXIT.invalid;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`voipnow: ${(error as Error).message}\nRun \`voipnow help\` for usage.\n`);
      return EXIT.invalid;
    }
    throw error;
  }
}
