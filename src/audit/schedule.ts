import { CronExpressionParser } from 'cron-parser';

/** What BullMQ's `upsertJobScheduler` takes: a cron pattern with its zone, or a fixed interval. */
export type Repeat = { pattern: string; tz: string } | { every: number };

export interface Schedule {
  repeat: Repeat;
  /** As the user wrote it, for lists and confirmations. */
  text: string;
  /** The next few runs, so the user can see what the pattern means. */
  next: Date[];
}

export type ScheduleResult = { ok: true; schedule: Schedule } | { ok: false; message: string; hint: string };

const CRON_EXAMPLE = 'Examples: `0 9 * * 1-5` (9:00 on weekdays), `30 6 * * *` (6:30 daily), `@daily`, `every 4h`.';
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const EVERY = /^every\s+(\d{1,6})\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)$/i;
// BullMQ's own parser (cron-parser) accepts these; anything else is refused before it reaches Redis.
const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly']);

/** A time zone name the runtime knows (IANA: Europe/Bucharest, America/New_York, UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a schedule as a user types it in chat: a cron pattern (5 fields, or 6 with seconds first),
 * a macro such as `@daily`, or `every 30m`. Refuses patterns that would fire more often than
 * `minIntervalMs`, since each run posts to a channel.
 */
export function parseSchedule(raw: string, tz: string, minIntervalMs: number, now = new Date()): ScheduleResult {
  const text = raw
    .trim()
    .replace(/^["'`]+|["'`]+$/g, '')
    .replace(/\s+/g, ' ');
  if (!text) return { ok: false, message: 'The schedule is missing.', hint: CRON_EXAMPLE };
  if (!isTimeZone(tz))
    return {
      ok: false,
      message: `"${tz.slice(0, 60)}" is not a time zone I know.`,
      hint: 'Use an IANA name such as `tz Europe/Bucharest`, `tz America/New_York` or `tz UTC`.',
    };
  const every = EVERY.exec(text);
  if (every) {
    const ms = Number(every[1]) * UNITS[every[2]![0]!.toLowerCase()]!;
    if (ms < minIntervalMs) return tooOften(text, minIntervalMs);
    return {
      ok: true,
      schedule: { repeat: { every: ms }, text, next: [1, 2, 3].map((i) => new Date(now.getTime() + i * ms)) },
    };
  }
  if (/^every\b/i.test(text))
    return {
      ok: false,
      message: `"${text.slice(0, 60)}" is not an interval I understand.`,
      hint: 'Write `every` with a number and a unit: `every 30m`, `every 4h`, `every 1d`.',
    };
  const fields = text.split(' ');
  if (!(fields.length === 5 || fields.length === 6 || (fields.length === 1 && MACROS.has(text.toLowerCase())))) {
    return {
      ok: false,
      message: `"${text.slice(0, 80)}" is not a cron pattern: it needs 5 fields (minute hour day month weekday), or 6 with seconds first.`,
      hint: CRON_EXAMPLE,
    };
  }
  let next: Date[];
  try {
    const expression = CronExpressionParser.parse(text, { tz, currentDate: now });
    next = Array.from({ length: 6 }, () => expression.next().toDate());
  } catch (error) {
    return {
      ok: false,
      message: `"${text.slice(0, 80)}" is not a valid cron pattern: ${(error as Error).message}.`,
      hint: CRON_EXAMPLE,
    };
  }
  const gap = Math.min(...next.slice(1).map((d, i) => d.getTime() - next[i]!.getTime()));
  if (gap < minIntervalMs) return tooOften(text, minIntervalMs);
  return { ok: true, schedule: { repeat: { pattern: text, tz }, text, next: next.slice(0, 3) } };
}

function tooOften(text: string, minIntervalMs: number): ScheduleResult {
  const least =
    minIntervalMs >= 60_000
      ? `${Math.round(minIntervalMs / 60_000)} minute(s)`
      : `${Math.round(minIntervalMs / 1000)} second(s)`;
  return {
    ok: false,
    message: `"${text.slice(0, 80)}" would run more often than once every ${least}, the most this bot allows.`,
    hint: CRON_EXAMPLE,
  };
}
