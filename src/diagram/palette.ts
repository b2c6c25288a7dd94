import type { Severity } from '../engine/finding.js';
import type { RoleId } from '../topology/roles.js';
import type { Level } from '../whatif/simulate.js';

/** Role families share a colour, so a glance tells databases from telephony. */
export const ROLE_FAMILY: Record<RoleId, Family> = {
  'sql-master': 'sql',
  'sql-slave': 'sql',
  'distributed-db': 'data',
  elasticsearch: 'data',
  web: 'web',
  sip: 'voice',
  pbx: 'voice',
  'infrastructure-controller': 'control',
  worker: 'control',
  queue: 'messaging',
  jabber: 'messaging',
};

export type Family = 'sql' | 'data' | 'web' | 'voice' | 'control' | 'messaging';

/**
 * Pastel fills for families and saturated ones for levels and severities, so an impact colour
 * never reads as a role family.
 */
export const FAMILY_FILL: Record<Family, string> = {
  sql: '#c6dbef',
  data: '#dadaeb',
  web: '#c7e9e9',
  voice: '#fcdcec',
  control: '#e3e3e3',
  messaging: '#f2e6cf',
};

export const FAMILY_LABEL: Record<Family, string> = {
  sql: 'SQL',
  data: 'Distributed DB, Elasticsearch',
  web: 'Web',
  voice: 'SIP, PBX',
  control: 'Controller, Worker',
  messaging: 'Queue, Jabber',
};

export const LEVEL_FILL: Record<Level, string> = {
  none: '#2e7d32',
  degraded: '#f9a825',
  partial: '#ef6c00',
  total: '#c62828',
};

/** Text on a level fill: yellow needs dark text to stay legible. */
export const LEVEL_INK: Record<Level, string> = {
  none: '#ffffff',
  degraded: '#000000',
  partial: '#ffffff',
  total: '#ffffff',
};

/** Tints for a failure domain's background under `--resilience`. */
export const LEVEL_TINT: Record<Level, string> = {
  none: '#eef7ee',
  degraded: '#fff6d5',
  partial: '#ffe3c7',
  total: '#fbd3d3',
};

export const SEVERITY_FILL: Record<Severity | 'ok', string> = {
  error: '#c62828',
  warning: '#f9a825',
  info: '#1565c0',
  ok: '#2e7d32',
};

export const SEVERITY_INK: Record<Severity | 'ok', string> = {
  error: '#ffffff',
  warning: '#000000',
  info: '#ffffff',
  ok: '#ffffff',
};

export const INK = '#1f2328';
export const MUTED = '#6a737d';
export const FRAME = '#8c959f';
export const FAILED_FILL = '#eeeeee';
export const CROSS = '#c62828';
export const FONT = 'DejaVu Sans';
