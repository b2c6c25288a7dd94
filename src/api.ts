/**
 * The package's public entry: what a team's plugin imports to write rules with the same typed API
 * as the built-in ones, and to check topologies from its own tooling.
 */
export { createRule, renderMessage } from './engine/rule.js';
export type { MessageData, Report, Rule, RuleFamily, RuleMeta, TopologyRule } from './engine/rule.js';
export type { RuleContext } from './engine/context.js';
export type { Finding, Severity } from './engine/finding.js';
export { findingKey } from './engine/finding-identity.js';
export { checkText, type CheckResult } from './engine/check.js';
export type { Topology, TopologyNode, LoadBalancer } from './topology/schema.js';
export type { RoleId } from './topology/roles.js';
export { RULES } from './rules/index.js';
