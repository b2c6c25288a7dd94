import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../commands/invocation.js';
import { auditTopology } from '../../src/audit/outcome.js';
import { parseSchedule } from '../../src/audit/schedule.js';
import { changesState } from '../../adapters/dispatch.js';
import { cleanTopology } from '../support/topology.js';

const MINUTE = 60_000;
const now = new Date('2026-11-25T08:00:00Z');

describe('parseSchedule', () => {
  it.each([
    ['0 9 * * 1-5', 'Europe/Bucharest', { pattern: '0 9 * * 1-5', tz: 'Europe/Bucharest' }, '2026-11-26T07:00:00.000Z'],
    ['"30 6 * * *"', 'UTC', { pattern: '30 6 * * *', tz: 'UTC' }, '2026-11-26T06:30:00.000Z'],
    ['@daily', 'America/New_York', { pattern: '@daily', tz: 'America/New_York' }, '2026-11-26T05:00:00.000Z'],
    ['every 4h', 'UTC', { every: 4 * 3_600_000 }, '2026-11-25T12:00:00.000Z'],
    ['every 30 minutes', 'UTC', { every: 30 * MINUTE }, '2026-11-25T08:30:00.000Z'],
  ])('%s (%s)', (text, tz, repeat, first) => {
    const result = parseSchedule(text, tz, 5 * MINUTE, now);
    expect(result).toMatchObject({ ok: true, schedule: { repeat } });
    if (result.ok) expect(result.schedule.next[0]!.toISOString()).toBe(first);
  });

  it.each([
    ['61 9 * * *', 'UTC', /not a valid cron pattern/],
    ['0 9 * *', 'UTC', /needs 5 fields/],
    ['every 2 fortnights', 'UTC', /not an interval I understand/],
    ['', 'UTC', /missing/],
    ['0 9 * * *', 'Europe/Atlantis', /not a time zone/],
    ['*/1 * * * *', 'UTC', /more often than once every 5 minute/],
    ['every 10s', 'UTC', /more often than once every 5 minute/],
    ['*/10 * * * * *', 'UTC', /more often/],
  ])('refuses %s (%s) with an example', (text, tz, message) => {
    const result = parseSchedule(text, tz, 5 * MINUTE, now);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.hint).toMatch(/`/);
    }
  });
});

describe('audit command line', () => {
  it.each([
    [
      'audit schedule prod 0 9 * * 1-5 in <#C123|infra> tz Europe/Bucharest quiet',
      {
        action: 'schedule',
        name: 'prod',
        schedule: '0 9 * * 1-5',
        channel: '<#C123|infra>',
        tz: 'Europe/Bucharest',
        quiet: true,
      },
    ],
    ['audit schedule prod every 4h', { action: 'schedule', name: 'prod', schedule: 'every 4h', quiet: false }],
    [
      '@voipnow audit schedule prod "0 9 * * *" in #infra',
      { action: 'schedule', name: 'prod', schedule: '"0 9 * * *"', channel: '#infra', quiet: false },
    ],
    ['audit list', { action: 'list' }],
    ['audits', { action: 'list' }],
    ['audit cancel prod-3fa9c1', { action: 'cancel', id: 'prod-3fa9c1' }],
    ['audit run prod', { action: 'run', name: 'prod' }],
    ['audit prod', { action: 'run', name: 'prod' }],
    ['audit history prod', { action: 'history', name: 'prod' }],
  ])('%s', (line, input) => {
    expect(parseInvocation(line)).toMatchObject({ command: 'audit', input });
  });

  it('scheduling and cancelling need the admin permission; the rest does not', () => {
    expect(changesState(parseInvocation('audit schedule prod every 4h'))).toBe(true);
    expect(changesState(parseInvocation('audit cancel prod-3fa9c1'))).toBe(true);
    expect(changesState(parseInvocation('audit run prod'))).toBe(false);
    expect(changesState(parseInvocation('audit list'))).toBe(false);
  });
});

describe('auditTopology', () => {
  const version = (n: number, doc: object) => ({
    name: 'prod',
    version: n,
    author: 'U',
    savedAt: now.toISOString(),
    text: stringify(doc),
  });
  const exposed = () => {
    const doc = cleanTopology();
    doc.nodes = doc.nodes.map((n: { name: string }) =>
      n.name === 'ddb-1' ? { ...n, public: 'ddb-1.example.com' } : n,
    );
    return doc;
  };
  const base = { runId: 'r', auditId: 'a', maxBytes: 1 << 20, now };

  it.each([
    [
      'first audit, clean, quiet: nothing to post',
      version(1, cleanTopology()),
      undefined,
      true,
      { first: true, post: false, newCount: 0, verdict: 'pass' },
    ],
    [
      'first audit, clean, not quiet: posts',
      version(1, cleanTopology()),
      undefined,
      false,
      { first: true, post: true, newCount: 0 },
    ],
    [
      'a finding appears: new',
      version(2, exposed()),
      { seq: 1, version: 1, findings: [] },
      true,
      { first: false, post: true, newCount: 1, resolvedCount: 0, unchanged: 0, verdict: 'warn' },
    ],
  ])('%s', (_, latest, last, quiet, expected) => {
    const { run } = auditTopology({ ...base, latest, ...(last ? { last } : {}), quiet });
    expect(run).toMatchObject(expected);
  });

  it('a finding that goes away is resolved, one that stays is unchanged', () => {
    const withWarning = auditTopology({ ...base, latest: version(2, exposed()), quiet: true });
    const fixed = auditTopology({
      ...base,
      latest: version(3, cleanTopology()),
      previous: version(2, exposed()),
      last: { seq: 1, ...withWarning.state },
      quiet: true,
    });
    expect(fixed.run).toMatchObject({ post: true, newCount: 0, resolvedCount: 1, unchanged: 0, baselineVersion: 2 });
    expect(fixed.run.resolvedFindings[0]!.rule).toBe('NET003');
    const same = auditTopology({
      ...base,
      latest: version(3, exposed()),
      last: { seq: 1, ...withWarning.state },
      quiet: true,
    });
    expect(same.run).toMatchObject({ post: false, newCount: 0, resolvedCount: 0, unchanged: 1 });
  });
});
