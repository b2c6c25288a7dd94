import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The last check a delivery makes before a port writes to the platform. Ports may wait between the
 * ledger's fenced claim and the request itself (a channel's pacing, a 429's Retry-After, a token
 * look-up); a worker frozen in such a wait must not post once it resumes, so the job's fence is
 * checked again right before each request goes out, however long the port waited.
 */
const gates = new AsyncLocalStorage<() => Promise<void>>();

/** Runs `send` with `gate` called by the port immediately before each platform write. */
export function withPostGate<T>(gate: () => Promise<void>, send: () => Promise<T>): Promise<T> {
  return gates.run(gate, send);
}

/** Ports call this immediately before each request that posts or uploads; it throws when the job is lost. */
export async function beforePost(): Promise<void> {
  await gates.getStore()?.();
}
