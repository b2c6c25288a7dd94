import type { Redis } from 'ioredis';
import type { AuditService } from '../audit/audit-service.js';
import { tenantHash } from './topology-store.js';

/** Glob characters in a prefix must not widen the match. */
const globEscape = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&');

async function tenantKeys(redis: Redis, prefix: string, tenant: string): Promise<string[]> {
  const hash = tenantHash(tenant);
  const keys: string[] = [];
  for (const area of ['store', 'audit']) {
    const stream = redis.scanStream({ match: `${globEscape(`${prefix}:${area}:${hash}`)}:*`, count: 500 });
    for await (const batch of stream as AsyncIterable<string[]>) keys.push(...batch);
  }
  return keys;
}

/**
 * What happens to a tenant's stored topologies and audit history when the platform tells us the
 * app was removed: kept for `retentionSeconds` (a reinstall within it finds everything), then gone;
 * 0 deletes at once.
 */
export async function retainTenantData(
  redis: Redis,
  prefix: string,
  tenant: string,
  retentionSeconds: number,
): Promise<number> {
  const keys = await tenantKeys(redis, prefix, tenant);
  if (keys.length === 0) return 0;
  const batch = redis.pipeline();
  for (const key of keys) {
    if (retentionSeconds > 0) batch.expire(key, retentionSeconds);
    else batch.del(key);
  }
  await batch.exec();
  return keys.length;
}

/** A reinstall within the retention period: the tenant's data is kept for good again. */
export async function keepTenantData(redis: Redis, prefix: string, tenant: string): Promise<number> {
  const keys = await tenantKeys(redis, prefix, tenant);
  if (keys.length === 0) return 0;
  const batch = redis.pipeline();
  for (const key of keys) batch.persist(key);
  await batch.exec();
  return keys.length;
}

/** Stops every audit of a tenant: schedules removed, each marked stopped with the reason (for a reinstall's `audit list`). */
export async function stopTenantAudits(audits: AuditService, tenant: string, reason: string): Promise<number> {
  const store = audits.store.forTenant(tenant);
  const specs = await store.list();
  for (const spec of specs) {
    await audits.scheduler.remove(tenant, spec.id);
    if (!spec.stopped) await store.markStopped(spec, reason);
  }
  return specs.length;
}
