import type { Topology, Waiver } from '../topology/schema.js';
import type { SourceMap } from '../topology/source-map.js';
import wvr001 from '../rules/wvr001.js';
import wvr002 from '../rules/wvr002.js';
import { ruleById } from '../rules/index.js';
import type { Finding } from './finding.js';
import { renderMessage } from './rule.js';

function matches(waiver: Waiver, finding: Finding): boolean {
  if (waiver.rule !== finding.rule) return false;
  if (!waiver.node) return true;
  return finding.node === waiver.node || (finding.nodes?.includes(waiver.node) ?? false);
}

/**
 * Marks waived findings as suppressed (with the reason) and reports waivers that expired
 * (WVR001: they stop suppressing) or match nothing (WVR002).
 */
export function applyWaivers(
  findings: Finding[],
  topology: Topology,
  source: SourceMap,
  today: string,
  shared: readonly Waiver[] = [],
): Finding[] {
  const own = topology.waivers ?? [];
  // The team configuration's waivers come after the topology's own and point at no line of it.
  const waivers = [...own, ...shared];
  if (waivers.length === 0) return findings;
  const used = new Set<number>();
  const out = findings.map((finding) => {
    const index = waivers.findIndex((w) => matches(w, finding) && !(w.expires && w.expires < today));
    if (index === -1) return finding;
    used.add(index);
    const waiver = waivers[index]!;
    return {
      ...finding,
      suppressed: { reason: waiver.reason, ...(waiver.expires ? { expires: waiver.expires } : {}) },
    };
  });
  waivers.forEach((waiver, i) => {
    const at = i < own.length ? { path: `waivers[${i}]`, ...source.locate(['waivers', i]) } : {};
    const data = { rule: waiver.rule, target: waiver.node ? ` on ${waiver.node}` : '' };
    if (waiver.expires && waiver.expires < today) {
      const expired = { ...data, expires: waiver.expires };
      out.push({
        rule: 'WVR001',
        severity: 'warning',
        message: renderMessage(wvr001.meta.messages!['expired']!, expired),
        messageId: 'expired',
        data: expired,
        remediation: 'Fix what the waiver covered, or renew it with a new `expires` date.',
        ...(waiver.node ? { node: waiver.node } : {}),
        ...at,
      });
    } else if (!used.has(i) && i < own.length) {
      // A shared waiver may well match nothing in one topology of the many it covers.
      // A rule id that does not exist is a typo to name, not a stale waiver.
      const messageId = ruleById(waiver.rule) ? 'unused' : 'unknownRule';
      out.push({
        rule: 'WVR002',
        severity: 'info',
        message: renderMessage(wvr002.meta.messages![messageId]!, data),
        messageId,
        data,
        remediation: 'Remove the waiver, or correct its rule id or node name.',
        ...(waiver.node ? { node: waiver.node } : {}),
        ...at,
      });
    }
  });
  return out;
}
