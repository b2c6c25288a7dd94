import type { RoleId } from '../topology/roles.js';
import type { FieldPath } from '../topology/source-map.js';
import type { RuleContext } from './context.js';
import type { Severity } from './finding.js';

export type RuleFamily = 'schema' | 'networking' | 'counts' | 'lifetime' | 'high-availability' | 'sizing' | 'waivers';

export interface RuleMeta {
  id: string;
  /** Default severity; a rule rated "warning / info" reports the lower one with `severity` per report. */
  severity: Severity;
  title: string;
  family: RuleFamily;
  /** The passage of the vendor's role guide this rule comes from. */
  seed: string;
  remediation: string;
  /** Needs a baseline topology (the version this one replaces). */
  baseline?: boolean;
}

/** What a check reports; the engine adds severity, remediation and source positions. */
export interface Report {
  message: string;
  node?: string;
  nodes?: string[];
  role?: RoleId;
  /** Field the report is about: relative to the node when the node is in the topology (`['public']`), else absolute. */
  field?: FieldPath;
  severity?: Severity;
  remediation?: string;
}

export interface TopologyRule {
  meta: RuleMeta;
  check(context: RuleContext): Report[];
}

/** Schema rules are reported by the parser; their module holds the metadata only. */
export interface InputRule {
  meta: RuleMeta;
  check?: undefined;
}

export type Rule = TopologyRule | InputRule;

export function defineRule(rule: Rule): Rule {
  return rule;
}
