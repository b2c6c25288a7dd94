import { createRule, type Report, type TopologyRule } from '../engine/rule.js';
import type { TopologyNode } from '../topology/schema.js';
import type { Policy } from './schema.js';

const SEED = "A team policy declared in the team's configuration (.voipnow.yaml), not a rule of the vendor's guide.";

type PolicyMessage = 'missing' | 'mismatch' | 'family' | 'tooManyRoles' | 'tooFewNodes';

const MESSAGES: Record<PolicyMessage, string> = {
  missing: 'node {{node}} does not declare {{field}}',
  mismatch: 'node {{node}} has {{field}} "{{value}}", which does not match {{pattern}}',
  family: 'node {{node}} uses instance type {{value}}; allowed families: {{allowed}}',
  tooManyRoles: 'node {{node}} runs {{count}} roles; at most {{max}} are allowed',
  tooFewNodes: '{{count}} node(s) run {{role}}; at least {{min}} are required',
};

function applies(policy: Policy, node: TopologyNode): boolean {
  return !policy.roles || node.roles.some((r) => policy.roles!.includes(r));
}

function valueOf(node: TopologyNode, field: string): string | undefined {
  const value = (node as Record<string, unknown>)[field];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Compiles a declarative policy into a rule with the same API as the built-in ones. */
export function policyRule(policy: Policy): TopologyRule<Record<string, never>, PolicyMessage> {
  const pattern = policy.kind === 'field-pattern' ? new RegExp(policy.pattern, 'u') : undefined;
  return createRule<Record<string, never>, PolicyMessage>({
    meta: {
      id: policy.id,
      severity: policy.severity,
      title: policy.title,
      family: 'custom',
      seed: SEED,
      remediation: policy.remediation,
      messages: MESSAGES,
    },
    check(ctx) {
      const out: Report<PolicyMessage>[] = [];
      const nodes = ctx.nodes.filter((n) => applies(policy, n));
      switch (policy.kind) {
        case 'field-required':
          for (const n of nodes)
            if (valueOf(n, policy.field) === undefined)
              out.push({ node: n.name, messageId: 'missing', data: { node: n.name, field: policy.field } });
          break;
        case 'field-pattern':
          for (const n of nodes) {
            const value = valueOf(n, policy.field);
            if (value !== undefined && !pattern!.test(value))
              out.push({
                node: n.name,
                field: [policy.field],
                messageId: 'mismatch',
                data: { node: n.name, field: policy.field, value, pattern: policy.pattern },
              });
          }
          break;
        case 'instance-families':
          for (const n of nodes) {
            if (!n.instanceType) continue;
            const family = n.instanceType.split('.')[0]!;
            if (!policy.allow.includes(family))
              out.push({
                node: n.name,
                field: ['instanceType'],
                messageId: 'family',
                data: { node: n.name, value: n.instanceType, allowed: policy.allow.join(', ') },
              });
          }
          break;
        case 'max-roles-per-node':
          for (const n of nodes) {
            const count = new Set(n.roles).size;
            if (count > policy.max)
              out.push({
                node: n.name,
                field: ['roles'],
                messageId: 'tooManyRoles',
                data: { node: n.name, count, max: policy.max },
              });
          }
          break;
        case 'min-nodes': {
          const count = ctx.byRole(policy.role).length;
          if (count < policy.count)
            out.push({
              role: policy.role,
              field: ['nodes'],
              messageId: 'tooFewNodes',
              data: { count, role: policy.role, min: policy.count },
            });
          break;
        }
      }
      return out;
    },
  });
}
