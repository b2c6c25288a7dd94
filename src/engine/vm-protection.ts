import type { RoleId } from '../topology/roles.js';
import type { RuleContext } from './context.js';
import type { Report } from './rule.js';

/**
 * HA006/HA007: nodes of an OS LEVEL role without `ha: vm`. With one such node the whole role
 * goes with it (warning, `lone`); with several, only that node's group of customers (info, `group`).
 */
export function vmProtectionReports(ctx: RuleContext, role: RoleId): Report<'lone' | 'group'>[] {
  const nodes = ctx.byRole(role);
  const single = nodes.length === 1;
  return nodes
    .filter((node) => node.ha !== 'vm')
    .map((node) => ({
      role,
      node: node.name,
      severity: single ? 'warning' : 'info',
      messageId: single ? 'lone' : 'group',
      data: { role, node: node.name },
    }));
}
