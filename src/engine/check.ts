import { RULES, ruleById } from '../rules/index.js';
import { parseTopology, type ParseIssue, type ParseOptions } from '../topology/parse.js';
import type { Topology } from '../topology/schema.js';
import { SourceMap, formatPath, type FieldPath } from '../topology/source-map.js';
import { createContext } from './context.js';
import { compareFindings, type Finding, type Severity } from './finding.js';
import { renderMessage } from './rule.js';
import { applyWaivers } from './waivers.js';

export interface CheckOptions {
  /** The topology this one replaces; enables the lifetime rules. */
  baseline?: Topology;
  /** YYYY-MM-DD used to decide whether waivers have expired. @defaultValue today (UTC) */
  today?: string;
  /** A team's per-rule severity overrides; `off` drops the rule. */
  severity?: Record<string, Severity | 'off'>;
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

function applyOverrides(findings: Finding[], overrides: CheckOptions['severity']): Finding[] {
  if (!overrides) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const o = overrides[f.rule];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}

function finish(name: string | null, findings: Finding[], options: CheckOptions): CheckResult {
  const kept = applyOverrides(findings, options.severity).sort(compareFindings);
  return { topology: name, summary: summarise(kept), findings: kept };
}

/** Runs every topology rule over a parsed topology. Pure: no I/O. */
export function checkTopology(
  topology: Topology,
  source: SourceMap = SourceMap.none(),
  options: CheckOptions = {},
): CheckResult {
  const ctx = createContext(topology, options.baseline);
  const nodeIndex = new Map(topology.nodes.map((n, i) => [n.name, i]));
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (!rule.check) continue;
    for (const report of rule.check(ctx, rule.defaultOptions)) {
      const index = report.node === undefined ? undefined : nodeIndex.get(report.node);
      let path: FieldPath | undefined;
      if (index !== undefined) path = ['nodes', index, ...(report.field ?? [])];
      else path = report.field;
      findings.push({
        rule: rule.meta.id,
        severity: report.severity ?? rule.meta.severity,
        message: renderMessage(rule.meta.messages[report.messageId] ?? report.messageId, report.data),
        messageId: report.messageId,
        ...(report.data ? { data: report.data } : {}),
        remediation: report.remediation ?? rule.meta.remediation,
        ...(report.node !== undefined ? { node: report.node } : {}),
        ...(report.nodes && report.nodes.length > 1 ? { nodes: report.nodes } : {}),
        ...(report.role ? { role: report.role } : {}),
        // A field's key line reads best ("nodes:", "public: 1.2.3.4"), even when its value starts below.
        ...(path ? { path: formatPath(path), ...source.locate(path, typeof path[path.length - 1] === 'string') } : {}),
      });
    }
  }
  return finish(topology.name, applyWaivers(findings, topology, source, options.today ?? today()), options);
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
}

/** Parse, validate and check in one step; invalid input yields SCH findings, never an exception. */
export function checkText(
  input: string | Uint8Array,
  options: CheckTextOptions = {},
): CheckResult & { valid: boolean } {
  const parsed = parseTopology(input, options);
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
