import { createRule, type Report } from '../engine/rule.js';
import { LEVEL_RANK, roleProfile, type Resource } from '../sizing/catalog.js';
import type { RoleId } from '../topology/roles.js';

const RESOURCES: readonly Resource[] = ['cpu', 'memory', 'io'];

export default createRule({
  meta: {
    id: 'SIZE002',
    severity: 'warning',
    title: 'Roles rated High on the same resource share a node',
    family: 'sizing',
    seed: 'Hardware requirements, Role based resource consumption: SQL High / Very High / Very High; Distributed Database and Elasticsearch Moderate / High / Moderate; Web High / Low / Low; SIP High / Moderate / Low; PBX High / Moderate / Moderate; Infrastructure Controller Low / Low / Low; Worker High / Moderate / Low.',
    remediation: 'Move one of the contending roles to its own node, or size the node for the sum of their needs.',
    messages: {
      contention: 'node {{node}} runs roles that contend for {{resources}}',
    },
  },
  check(ctx) {
    const out: Report<'contention'>[] = [];
    for (const node of ctx.nodes) {
      if (node.roles.length < 2) continue;
      const contended: string[] = [];
      for (const resource of RESOURCES) {
        const heavy = [...new Set(node.roles)].filter((role: RoleId) => {
          const profile = roleProfile(role);
          return profile !== undefined && LEVEL_RANK[profile[resource]] >= LEVEL_RANK.high;
        });
        if (heavy.length >= 2) contended.push(`${resource} (${heavy.join(', ')})`);
      }
      if (contended.length > 0) {
        out.push({
          node: node.name,
          field: ['roles'],
          messageId: 'contention',
          data: { node: node.name, resources: contended.join(' and ') },
        });
      }
    }
    return out;
  },
});
