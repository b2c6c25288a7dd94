import type { ReplyTarget } from '../reply/target.js';
import type { AuditStore } from './audit-store.js';
import type { AuditScheduler } from './scheduler.js';

/** What the `audit` command needs: where audits are kept, how they are scheduled, and the bounds. */
export interface AuditService {
  store: AuditStore;
  scheduler: AuditScheduler;
  /** Zone of a schedule that names none. */
  defaultTz: string;
  /** Schedules may not fire more often than this. */
  minIntervalMs: number;
  /** Why an audit may not post to `channel` for the tenant asking (another server's), if so. */
  destination?: (target: ReplyTarget, channel: string) => Promise<string | undefined>;
}
