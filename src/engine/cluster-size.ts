import type { RoleId } from '../topology/roles.js';
import type { RuleContext } from './context.js';
import type { Report } from './rule.js';

/**
 * HA002/HA003: a quorum cluster of n nodes. Below `minimum` it tolerates no failure (warning);
 * an even n ≥ 4 tolerates no more than n-1 would (info). The rules word the advice.
 */
export function clusterSizeReports(ctx: RuleContext, role: RoleId, minimum: number): Report<'tooFew' | 'even'>[] {
  const nodes = ctx.byRole(role);
  const n = nodes.length;
  if (n === 0) return [];
  const names = nodes.map((node) => node.name);
  const where = { role, node: names[0], nodes: names };
  if (n < minimum) {
    return [
      {
        ...where,
        severity: 'warning',
        messageId: 'tooFew',
        data: { count: n, role, nodes: `${n} ${role} node${n === 1 ? ' tolerates' : 's tolerate'}` },
      },
    ];
  }
  if (n >= 4 && n % 2 === 0) {
    return [
      {
        ...where,
        severity: 'info',
        messageId: 'even',
        data: {
          count: n,
          role,
          tolerance: `${Math.floor((n - 1) / 2)} failure${Math.floor((n - 1) / 2) === 1 ? '' : 's'}`,
          fewer: n - 1,
        },
      },
    ];
  }
  return [];
}
