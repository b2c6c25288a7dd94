import type { z } from 'zod';

/**
 * Stored records carry `schemaVersion`. Reading one migrates it step by step to the current version
 * and then parses it; a record that still does not parse is reported, never dropped, so that the
 * caller can log it, count it and show it, and nothing deletes what a customer stored.
 */
export type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

export type ReadResult<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface RecordFormat<T> {
  /** What the record is, as logs and the unreadable-records metric name it (`audit-run`, …). */
  readonly kind: string;
  /** The version written now. */
  readonly version: number;
  /** `migrations[v]` turns a version-v record into version v+1; records without a version are v0. */
  readonly migrations: Readonly<Record<number, Migration>>;
  readonly schema: z.ZodType<T>;
}

export function readRecord<T>(format: RecordFormat<T>, raw: string): ReadResult<T> {
  let record: unknown;
  try {
    record = JSON.parse(raw);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return { ok: false, problem: 'not an object' };
  let current = record as Record<string, unknown>;
  let version = typeof current.schemaVersion === 'number' ? current.schemaVersion : 0;
  if (version > format.version) return { ok: false, problem: `schema version ${version} is newer than this release` };
  while (version < format.version) {
    const step = format.migrations[version];
    current = { ...(step ? step(current) : current), schemaVersion: version + 1 };
    version++;
  }
  const parsed = format.schema.safeParse(current);
  if (!parsed.success)
    return {
      ok: false,
      problem: parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; '),
    };
  return { ok: true, value: parsed.data };
}

/** The record as stored: the current version stamped on it. */
export function writeRecord<T extends object>(format: RecordFormat<T>, value: T): string {
  return JSON.stringify({ ...value, schemaVersion: format.version });
}

/** Hears of a stored record that does not read (the process logs and counts it); the record stays. */
export type UnreadableRecords = (kind: string, where: string, problem: string) => void;

/** The record's value, or undefined when it does not read: then `report` hears why, and nothing is deleted. */
export function readKept<T>(
  format: RecordFormat<T>,
  raw: string,
  where: string,
  report: UnreadableRecords | undefined,
): T | undefined {
  const read = readRecord(format, raw);
  if (read.ok) return read.value;
  report?.(format.kind, where, read.problem);
  return undefined;
}
