import type { z } from 'zod';
import type { RoleId } from '../topology/roles.js';
import type { FieldPath } from '../topology/source-map.js';
import type { RuleContext } from './context.js';
import type { Severity } from './finding.js';

export type RuleFamily =
  'schema' | 'networking' | 'counts' | 'lifetime' | 'high-availability' | 'sizing' | 'waivers' | 'custom';

export interface RuleMeta<MessageIds extends string = string> {
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
  /**
   * Message templates by id; `{{name}}` is replaced by the report's `data.name`. A finding is
   * identified by its message id and data, so rewording a template changes no identity.
   */
  messages: Record<MessageIds, string>;
}

/** Values a message template interpolates; part of a finding's identity, so keep prose out. */
export type MessageData = Record<string, string | number>;

/** What a check reports; the engine adds severity, remediation, the rendered message and source positions. */
export interface Report<MessageIds extends string = string> {
  messageId: MessageIds;
  data?: MessageData;
  node?: string;
  nodes?: string[];
  role?: RoleId;
  /** Field the report is about: relative to the node when the node is in the topology (`['public']`), else absolute. */
  field?: FieldPath;
  severity?: Severity;
  remediation?: string;
  /** Values the message interpolates that are measurements, not identity (see Finding.figures). */
  figures?: MessageData;
}

export interface TopologyRule<Options extends object = object, MessageIds extends string = string> {
  meta: RuleMeta<MessageIds>;
  /** Validates a team's options for this rule (`.voipnow.yaml`); every field has a default. */
  options?: z.ZodType<Options>;
  defaultOptions: Options;
  // Method syntax on purpose: a rule with specific options still fits a list of rules.
  check(context: RuleContext, options: Options): Report<MessageIds>[];
}

/** Schema and waiver rules are reported by the parser and the waiver pass; their module holds metadata. */
export interface InputRule {
  meta: Omit<RuleMeta, 'messages'> & { messages?: Record<string, string> };
  check?: undefined;
}

export type Rule = TopologyRule | InputRule;

export interface RuleDefinition<Options extends object, MessageIds extends string> {
  meta: RuleMeta<MessageIds>;
  /** A zod object whose fields all have defaults; `{}` must parse. */
  options?: z.ZodType<Options>;
  // NoInfer: the ids come from `meta.messages` alone, so a report with an unknown id is a compile error.
  check(context: RuleContext, options: NoInfer<Options>): Report<NoInfer<MessageIds>>[];
}

/**
 * The typed way to write a rule, built-in or a team's own (as typescript-eslint's RuleCreator):
 * message ids are the keys of `meta.messages`, options come typed and defaulted from their schema.
 */
export function createRule<Options extends object = Record<string, never>, MessageIds extends string = string>(
  rule: RuleDefinition<Options, MessageIds>,
): TopologyRule<Options, MessageIds> {
  const defaultOptions = (rule.options ? rule.options.parse({}) : {}) as Options;
  return { ...rule, defaultOptions };
}

/** A rule the parser or the waiver pass reports: metadata only. */
export function defineInputRule(rule: InputRule): InputRule {
  return rule;
}

/** `{{name}}` → data.name; an unknown placeholder stays visible rather than vanishing. */
export function renderMessage(template: string, data: MessageData | undefined): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, key: string) =>
    data && key in data ? String(data[key]) : whole,
  );
}
