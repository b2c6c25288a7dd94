import type { RoleId } from '../topology/roles.js';
import type { RuleContext } from './context.js';
import type { Report } from './rule.js';

/**
 * HA006/HA007: nodes of an OS LEVEL role without `ha: vm`. With one such node the whole role
 * goes with it (warning); with several, only that node's group of customers (info).
 */
export function vmProtectionReports(ctx: RuleContext, role: RoleId, lone: string, group: string): Report[] {
  const nodes = ctx.byRole(role);
  const single = nodes.length === 1;
  return nodes
    .filter((node) => node.ha !== 'vm')
    .map((node) => ({
      role,
      node: node.name,
      severity: single ? 'warning' : 'info',
      message: single
        ? `${role} node ${node.name} is the only one and has no ha: vm; if it fails ${lone}`
        : `${role} node ${node.name} has no ha: vm; if it fails ${group}`,
    }));
}
