import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from './duration.js';

export const PERCENTILES = ['p50', 'p95', 'p99', 'max'] as const;
export type Percentile = (typeof PERCENTILES)[number];

export const DEFAULTS = { label: 'instance', template: '{private}', window: '7d', percentile: 'p95' } as const;

/** Most a window may span: a year of 5-minute points is already more than sizing needs. */
const MAX_WINDOW = 366 * 86_400;

/**
 * An endpoint URL as an operator writes it. Credentials in it are refused: the topology file is
 * shared and stored, and chat messages are logged by the platforms.
 */
export const endpointUrl = z
  .string()
  .max(2048)
  .superRefine((text, ctx) => {
    const problem = endpointProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: 'Base URL of a Prometheus-compatible query API (http or https, no credentials)' });

export function endpointProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'expected a URL such as https://prometheus.example.com';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'the endpoint must be an http or https URL';
  if (url.username || url.password)
    return 'credentials do not belong in the URL: set PROMETHEUS_BEARER_TOKEN or PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD in the environment';
  if (url.search || url.hash) return 'the endpoint URL takes no query string or fragment';
  return undefined;
}

const duration = (what: string) =>
  z
    .string()
    .regex(new RegExp(DURATION_PATTERN), { message: `expected a duration such as 7d, 12h or 5m (${what})` })
    .refine((s) => (parseDuration(s) ?? 0) <= MAX_WINDOW, { message: 'at most 366d' });

/** The topology's optional `monitoring:` block. Credentials are never part of it. */
export const monitoringSchema = z
  .strictObject({
    prometheus: endpointUrl.optional(),
    label: z
      .string()
      .regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/, { message: 'expected a Prometheus label name such as instance' })
      .optional()
      .meta({ description: 'Series label matched against each node (default instance, port stripped)' }),
    template: z
      .string()
      .max(200)
      .regex(/^(?:[A-Za-z0-9._:-]|\{(?:name|private|public)\})+$/, {
        message: 'use {name}, {private} or {public} and letters, digits, ".", "-", "_" or ":"',
      })
      .optional()
      .meta({ description: 'Label value of a node, e.g. {private} (default) or {name}.int.example.com' }),
    window: duration('window').optional().meta({ description: 'How far back figures look (default 7d)' }),
    step: duration('step').optional().meta({ description: 'Resolution of the figures (default: the window / 2016)' }),
    percentile: z.enum(PERCENTILES).optional().meta({ description: 'Figure the sizing rules read (default p95)' }),
  })
  .meta({
    description: 'Where live utilisation comes from: a Prometheus-compatible endpoint with node_exporter series',
  });

export type MonitoringBlock = z.output<typeof monitoringSchema>;

export interface Credentials {
  bearer?: string;
  basic?: { username: string; password: string };
}

/** Credentials come from the environment only; the values are never logged or echoed. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  if (env.PROMETHEUS_BEARER_TOKEN) return { bearer: env.PROMETHEUS_BEARER_TOKEN };
  if (env.PROMETHEUS_USERNAME && env.PROMETHEUS_PASSWORD)
    return { basic: { username: env.PROMETHEUS_USERNAME, password: env.PROMETHEUS_PASSWORD } };
  return undefined;
}

/** Everything a collection needs, defaults applied. */
export interface MonitoringSettings {
  url: string;
  label: string;
  template: string;
  windowSeconds: number;
  stepSeconds: number;
  percentile: Percentile;
}

/** Points per series at the default step: a week at 5 minutes. */
const POINTS = 2016;

export function defaultStep(windowSeconds: number): number {
  return Math.max(60, Math.ceil(windowSeconds / POINTS / 60) * 60);
}

/**
 * The settings of one run: an explicit URL or window (CLI flag, tenant setting) wins over the
 * topology's block, which wins over the defaults. Undefined when no endpoint is named anywhere.
 */
export function resolveSettings(
  block: MonitoringBlock | undefined,
  override: { url?: string; window?: string; percentile?: Percentile } = {},
): MonitoringSettings | undefined {
  const url = override.url ?? block?.prometheus;
  if (!url) return undefined;
  const windowSeconds = parseDuration(override.window ?? block?.window ?? DEFAULTS.window)!;
  const stepSeconds = block?.step ? parseDuration(block.step)! : defaultStep(windowSeconds);
  return {
    url,
    label: block?.label ?? DEFAULTS.label,
    template: block?.template ?? DEFAULTS.template,
    windowSeconds,
    stepSeconds: Math.min(stepSeconds, windowSeconds),
    percentile: override.percentile ?? block?.percentile ?? DEFAULTS.percentile,
  };
}
