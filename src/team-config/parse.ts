import { LineCounter, parseDocument } from 'yaml';
import type { Rule } from '../engine/rule.js';
import { MAX_ALIAS_COUNT, zodIssues } from '../topology/parse.js';
import { SourceMap } from '../topology/source-map.js';
import { teamConfigSchema, type TeamConfig } from './schema.js';

/** A problem in a configuration file, located like a topology's. */
export interface ConfigIssue {
  message: string;
  path?: string;
  line?: number;
  column?: number;
}

export type ConfigParse = { ok: true; config: TeamConfig; source: SourceMap } | { ok: false; issues: ConfigIssue[] };

/** A configuration is a few dozen lines; this is far above any real one. */
export const MAX_CONFIG_BYTES = 256 * 1024;

function strip({ rule: _rule, ...issue }: { rule: string } & ConfigIssue): ConfigIssue {
  return issue;
}

/** Parses `.voipnow.yaml` text (YAML or JSON) against the configuration schema of these rules. */
export function parseTeamConfig(text: string, rules: readonly Rule[]): ConfigParse {
  if (Buffer.byteLength(text, 'utf8') > MAX_CONFIG_BYTES)
    return { ok: false, issues: [{ message: `the configuration is over ${MAX_CONFIG_BYTES} bytes` }] };
  const lines = new LineCounter();
  let value: unknown;
  let source: SourceMap;
  try {
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true, strict: true });
    if (doc.errors.length > 0) {
      return {
        ok: false,
        issues: doc.errors.map((e) => ({
          message: (e.message.split('\n')[0] ?? e.message).replace(/ at line.*$/, ''),
          ...(e.linePos?.[0] ? { line: e.linePos[0].line, column: e.linePos[0].col } : {}),
        })),
      };
    }
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
    source = new SourceMap(doc, lines);
  } catch {
    return {
      ok: false,
      issues: [{ message: 'aliases expand too far or the file nests too deeply', line: 1, column: 1 }],
    };
  }
  const parsed = teamConfigSchema(rules).safeParse(value);
  if (parsed.success) return { ok: true, config: parsed.data, source };
  return { ok: false, issues: zodIssues(parsed.error.issues, source, value, 'voipnow config schema').map(strip) };
}

export function formatConfigIssue(file: string, issue: ConfigIssue): string {
  const at = issue.line !== undefined ? `:${issue.line}:${issue.column ?? 1}` : '';
  return `${file}${at}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}
