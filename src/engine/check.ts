import { ruleById } from '../rules/index.js';
import { defaultEngineConfig, type EngineConfig } from '../team-config/resolve.js';
import { parseTopology, type ParseIssue, type ParseOptions, type ParseResult } from '../topology/parse.js';
import type { Topology } from '../topology/schema.js';
import { SourceMap, formatPath, type FieldPath } from '../topology/source-map.js';
import type { LiveUsage } from '../monitoring/usage.js';
import { createContext } from './context.js';
import { compareFindings, type Finding } from './finding.js';
import { renderMessage, type Report, type TopologyRule } from './rule.js';
import { applyWaivers } from './waivers.js';

export interface CheckOptions {
  /** The topology this one replaces; enables the lifetime rules. */
  baseline?: Topology;
  /** YYYY-MM-DD used to decide whether waivers have expired. @defaultValue today (UTC) */
  today?: string;
  /** The team's configuration: which rules run, their severities and options, shared waivers. */
  config?: EngineConfig;
  /** Live utilisation read from the monitoring endpoint; without it the file's `metrics:` are used. */
  usage?: LiveUsage;
}

export interface Summary {
  error: number;
  warning: number;
  info: number;
  suppressed: number;
}

/** The contract of `voipnow check --format json`. */
export interface CheckResult {
  topology: string | null;
  summary: Summary;
  findings: Finding[];
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function summarise(findings: readonly Finding[]): Summary {
  const summary: Summary = { error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const f of findings) {
    if (f.suppressed) summary.suppressed++;
    else summary[f.severity]++;
  }
  return summary;
}

function applyOverrides(findings: Finding[], config: EngineConfig | undefined): Finding[] {
  if (!config || Object.keys(config.levels).length === 0) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const o = config.levels[f.rule];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}

function finish(name: string | null, findings: Finding[], options: CheckOptions): CheckResult {
  const kept = applyOverrides(findings, options.config).sort(compareFindings);
  return { topology: name, summary: summarise(kept), findings: kept };
}

/**
 * A team's rule that throws is reported as one finding naming it; the other rules still run and the
 * process (a worker serving many teams) carries on.
 */
function runRule(rule: TopologyRule, ctx: ReturnType<typeof createContext>, options: object): Report[] {
  try {
    return rule.check(ctx, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ messageId: 'ruleFailed', data: { rule: rule.meta.id, reason: reason.slice(0, 300) }, severity: 'error' }];
  }
}

const RULE_FAILED = 'rule {{rule}} failed and reported nothing: {{reason}}';

/** Runs every active topology rule over a parsed topology. Pure: no I/O. */
export function checkTopology(
  topology: Topology,
  source: SourceMap = SourceMap.none(),
  options: CheckOptions = {},
): CheckResult {
  const ctx = createContext(topology, options.baseline, options.usage);
  const nodeIndex = new Map(topology.nodes.map((n, i) => [n.name, i]));
  const findings: Finding[] = [];
  const config = options.config ?? defaultEngineConfig();
  for (const { rule, options: ruleOptions } of config.active) {
    for (const report of runRule(rule, ctx, ruleOptions)) {
      const index = report.node === undefined ? undefined : nodeIndex.get(report.node);
      let path: FieldPath | undefined;
      if (index !== undefined) path = ['nodes', index, ...(report.field ?? [])];
      else path = report.field;
      findings.push({
        rule: rule.meta.id,
        severity: report.severity ?? rule.meta.severity,
        message: renderMessage(
          rule.meta.messages[report.messageId] ?? (report.messageId === 'ruleFailed' ? RULE_FAILED : report.messageId),
          { ...report.data, ...report.figures },
        ),
        messageId: report.messageId,
        ...(report.data ? { data: report.data } : {}),
        remediation: report.remediation ?? rule.meta.remediation,
        ...(report.node !== undefined ? { node: report.node } : {}),
        ...(report.nodes && report.nodes.length > 1 ? { nodes: report.nodes } : {}),
        ...(report.role ? { role: report.role } : {}),
        ...(report.figures ? { figures: report.figures } : {}),
        // A field's key line reads best ("nodes:", "public: 1.2.3.4"), even when its value starts below.
        ...(path ? { path: formatPath(path), ...source.locate(path, typeof path[path.length - 1] === 'string') } : {}),
      });
    }
  }
  const waived = applyWaivers(findings, topology, source, options.today ?? today(), config.waivers);
  return finish(topology.name, waived, options);
}

export function issueToFinding(issue: ParseIssue, prefix = ''): Finding {
  const rule = ruleById(issue.rule)!;
  return {
    rule: issue.rule,
    severity: 'error',
    message: prefix + issue.message,
    // Parse messages come from the parser and zod: the rule and the field identify the problem.
    messageId: prefix ? 'invalidBaseline' : 'invalid',
    remediation: rule.meta.remediation,
    ...(issue.path ? { path: issue.path } : {}),
    ...(issue.line !== undefined ? { line: issue.line, column: issue.column ?? 1 } : {}),
  };
}

export interface CheckTextOptions extends Omit<CheckOptions, 'baseline'>, ParseOptions {
  /** Baseline as text (a file or the stored previous version). */
  baselineText?: string | Uint8Array;
  /** How errors in the baseline name it: the file given to --baseline, or the stored version. */
  baselineLabel?: string;
  /**
   * The input already parsed with the same cap: a caller that needed the topology first (live
   * usage, node names) passes it, so a large file is not held twice in memory.
   */
  parsed?: ParseResult;
}

/** Parse, validate and check in one step; invalid input yields SCH findings, never an exception. */
export function checkText(
  input: string | Uint8Array,
  options: CheckTextOptions = {},
): CheckResult & { valid: boolean } {
  const parsed = options.parsed ?? parseTopology(input, options);
  if (!parsed.ok) {
    return {
      ...finish(
        parsed.name ?? null,
        parsed.issues.map((i) => issueToFinding(i)),
        options,
      ),
      valid: false,
    };
  }
  let baseline: Topology | undefined;
  if (options.baselineText !== undefined) {
    const base = parseTopology(options.baselineText, options);
    if (!base.ok) {
      return {
        ...finish(
          parsed.topology.name,
          // The line is the baseline's, not this file's: it goes in the words, not in the finding's position.
          base.issues.map(({ line, column, ...issue }) => {
            const where = line !== undefined ? ` line ${line}:${column ?? 1}` : '';
            return issueToFinding(issue, `baseline ${options.baselineLabel ?? 'version'}${where}: `);
          }),
          options,
        ),
        valid: false,
      };
    }
    baseline = base.topology;
  }
  return {
    ...checkTopology(parsed.topology, parsed.source, { ...options, ...(baseline ? { baseline } : {}) }),
    valid: true,
  };
}
