import { createRule, type Report } from '../engine/rule.js';
import { roleReference, STORAGE_RANK } from '../sizing/catalog.js';

export default createRule({
  meta: {
    id: 'SIZE001',
    severity: 'warning',
    title: "A node's resources are below the reference of a role it runs",
    family: 'sizing',
    seed: 'Hardware requirements, Role based resource consumption: the "Example: Amazon EC2 Instance Type" column (High I/O Quadruple Extra Large for SQL, Large for Distributed Database and Elasticsearch, High-CPU Extra Large for Web, SIP, PBX and Worker, Small for the Infrastructure Controller).',
    remediation:
      'Give the node at least the reference resources of its most demanding role (`voipnow sizing` recommends a current instance type), or move a role to another node.',
    messages: {
      undersized: 'node {{node}} is below the reference size: {{shortfalls}}',
    },
  },
  check(ctx) {
    const out: Report<'undersized'>[] = [];
    for (const node of ctx.nodes) {
      const have = ctx.resources(node);
      if (!have) continue;
      const short: string[] = [];
      for (const role of new Set(node.roles)) {
        const ref = roleReference(role);
        if (!ref) continue;
        const label = `${role} (${ref.type.type}: ${ref.type.vcpus} vCPU, ${ref.type.memoryGiB} GiB)`;
        if (have.vcpus !== undefined && have.vcpus < ref.type.vcpus) short.push(`${have.vcpus} vCPU < ${label}`);
        if (have.memoryGiB !== undefined && have.memoryGiB < ref.type.memoryGiB)
          short.push(`${have.memoryGiB} GiB < ${label}`);
        if (have.storage && ref.minStorage && STORAGE_RANK[have.storage] < STORAGE_RANK[ref.minStorage])
          short.push(`${have.storage} storage < ${ref.minStorage} for ${role}`);
      }
      if (short.length === 0) continue;
      out.push({
        node: node.name,
        field: [have.from],
        messageId: 'undersized',
        data: { node: node.name, shortfalls: short.join('; ') },
      });
    }
    return out;
  },
});
