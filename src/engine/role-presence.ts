import type { RoleId } from '../topology/roles.js';
import type { RuleContext } from './context.js';
import type { Report } from './rule.js';

/** The check of the "no X node" count rules: the role must run on at least one node. */
export function requireRole(role: RoleId): (ctx: RuleContext) => Report[] {
  return (ctx) =>
    ctx.byRole(role).length > 0
      ? []
      : [{ role, field: ['nodes'], message: `no node runs the ${role} role; the system needs at least one` }];
}
