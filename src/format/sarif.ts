import type { CheckResult } from '../engine/check.js';
import type { Severity } from '../engine/finding.js';
import { findingFingerprint } from '../engine/finding-identity.js';
import type { Rule } from '../engine/rule.js';
import { ruleDocUrl } from '../docs/rule-page.js';
import { RULES } from '../rules/index.js';

const BUILT_IN = new Set(RULES.map((r) => r.meta.id));

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const INFO_URI = 'https://github.com/voipnow-chatops/voipnow-chatops#rules';

/** SARIF 2.1.0, for code-scanning dashboards; `uri` is the checked file as the user named it. */
export function formatSarif(result: CheckResult, uri: string, version: string, rules: readonly Rule[] = RULES): string {
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'voipnow',
            version,
            informationUri: INFO_URI,
            rules: rules.map((r) => ({
              id: r.meta.id,
              name: r.meta.title
                .replace(/[^A-Za-z0-9]+/g, ' ')
                .trim()
                .replace(/ (\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: r.meta.title },
              fullDescription: { text: r.meta.seed },
              help: { text: r.meta.remediation },
              ...(BUILT_IN.has(r.meta.id) ? { helpUri: ruleDocUrl(r.meta.id) } : {}),
              defaultConfiguration: { level: LEVEL[r.meta.severity] },
              properties: { family: r.meta.family },
            })),
          },
        },
        artifacts: [{ location: { uri } }],
        results: result.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule) ?? -1,
          level: LEVEL[f.severity],
          message: { text: `${f.message}. ${f.remediation}` },
          // Rule, subject, message id and data: dashboards track a finding across rewordings and moved lines.
          partialFingerprints: { 'voipnowFinding/v1': findingFingerprint(f) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri, index: 0 },
                region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
              },
              ...(f.node ? { logicalLocations: [{ name: f.node, kind: 'resource' }] } : {}),
            },
          ],
          ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.suppressed.reason }] } : {}),
          properties: {
            messageId: f.messageId,
            ...(f.node ? { node: f.node } : {}),
            ...(f.role ? { role: f.role } : {}),
            ...(f.path ? { path: f.path } : {}),
          },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
