import type { RoleId } from '../topology/roles.js';
import type { RuleContext } from './context.js';
import type { Report } from './rule.js';

export const REQUIRE_ROLE_MESSAGES = {
  missing: 'no node runs the {{role}} role; the system needs at least one',
};

/** The check of the "no X node" count rules: the role must run on at least one node. */
export function requireRole(role: RoleId): (ctx: RuleContext) => Report<keyof typeof REQUIRE_ROLE_MESSAGES>[] {
  return (ctx) =>
    ctx.byRole(role).length > 0 ? [] : [{ role, field: ['nodes'], messageId: 'missing', data: { role } }];
}
