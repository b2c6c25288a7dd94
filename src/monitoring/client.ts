import { z } from 'zod';
import type { Credentials } from './settings.js';

/** A failure the user sees as one finding: never carries credentials or a stack. */
export class MonitoringError extends Error {}

export interface ClientOptions {
  url: string;
  credentials?: Credentials;
  /** Whole request, body included. @defaultValue 10 s */
  timeoutMs?: number;
  /** Largest response body accepted. @defaultValue 32 MiB */
  maxBytes?: number;
}

/** One series of a range query: its labels and its finite [unix seconds, value] points. */
export interface RangeSeries {
  labels: Record<string, string>;
  points: [number, number][];
}

const MAX_REDIRECTS = 3;

const responseSchema = z.union([
  z.object({
    status: z.literal('success'),
    data: z.object({
      resultType: z.literal('matrix'),
      result: z.array(
        z.object({
          metric: z.record(z.string(), z.string()),
          // Checked point by point below: a schema per point costs more than the rest of a collection.
          values: z.custom<unknown[]>((v) => Array.isArray(v)),
        }),
      ),
    }),
  }),
  z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string().optional() }),
]);

/** Validates a query_range answer (already JSON-decoded) and keeps its finite points. */
export function parseRangeResponse(json: unknown, endpoint: string): RangeSeries[] {
  const parsed = responseSchema.safeParse(json);
  if (!parsed.success) throw new MonitoringError(`${endpoint} did not answer like a Prometheus query API`);
  if (parsed.data.status === 'error')
    throw new MonitoringError(
      `${endpoint} refused the query: ${(parsed.data.error ?? parsed.data.errorType ?? 'no reason given').slice(0, 200)}`,
    );
  return parsed.data.data.result.map((s) => {
    const points: [number, number][] = [];
    for (const p of s.values) {
      if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'number' || typeof p[1] !== 'string')
        throw new MonitoringError(`${endpoint} did not answer like a Prometheus query API`);
      const v = Number(p[1]);
      if (Number.isFinite(v)) points.push([p[0], v]);
    }
    return { labels: s.metric, points };
  });
}

/** The endpoint as shown in replies: scheme, host and path only. */
export function publicEndpoint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, '')}`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * A Prometheus HTTP API client for range queries. Every answer is hostile until parsed: bounded
 * in time and size, redirects followed only within the configured origin, JSON validated.
 */
export class PrometheusClient {
  /** Queries sent so far (the benchmark and the one-query-per-metric test count them). */
  queries = 0;
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly headers: Record<string, string>;

  constructor(options: ClientOptions) {
    this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxBytes = options.maxBytes ?? 32 << 20;
    this.headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    const c = options.credentials;
    if (c?.bearer) this.headers.authorization = `Bearer ${c.bearer}`;
    else if (c?.basic)
      this.headers.authorization = `Basic ${Buffer.from(`${c.basic.username}:${c.basic.password}`).toString('base64')}`;
  }

  get endpoint(): string {
    return publicEndpoint(this.base.href);
  }

  /** POST /api/v1/query_range: the selector of a whole topology is too long for a URL. */
  async queryRange(query: string, start: number, end: number, stepSeconds: number): Promise<RangeSeries[]> {
    this.queries++;
    const body = new URLSearchParams({ query, start: String(start), end: String(end), step: String(stepSeconds) });
    return parseRangeResponse(await this.post('api/v1/query_range', body.toString()), this.endpoint);
  }

  private async post(path: string, body: string): Promise<unknown> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      let url = new URL(path, this.base);
      for (let hop = 0; ; hop++) {
        const res = await fetch(url, {
          method: 'POST',
          headers: this.headers,
          body,
          redirect: 'manual',
          signal: controller.signal,
        });
        if (res.status >= 300 && res.status < 400) {
          await res.body?.cancel();
          const location = res.headers.get('location');
          const next = location ? new URL(location, url) : undefined;
          // Following a redirect elsewhere would hand the credentials to another host.
          if (!next || next.origin !== this.base.origin)
            throw new MonitoringError(
              `${this.endpoint} redirected to ${next ? next.origin : 'nowhere'}; only ${this.base.origin} is queried`,
            );
          if (hop >= MAX_REDIRECTS) throw new MonitoringError(`${this.endpoint} redirected too many times`);
          url = next;
          continue;
        }
        const text = await this.readCapped(res);
        if (res.status === 401 || res.status === 403)
          throw new MonitoringError(
            `${this.endpoint} refused access (HTTP ${res.status}); check PROMETHEUS_BEARER_TOKEN or PROMETHEUS_USERNAME/PASSWORD`,
          );
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new MonitoringError(`${this.endpoint} answered HTTP ${res.status} with something other than JSON`);
        }
      }
    } catch (error) {
      if (error instanceof MonitoringError) throw error;
      if (controller.signal.aborted)
        throw new MonitoringError(`${this.endpoint} did not answer within ${this.timeoutMs / 1000} s`);
      const { code, message } = (error as { cause?: { code?: string; message?: string } }).cause ?? {};
      const cause = code ?? message;
      throw new MonitoringError(`${this.endpoint} is unreachable${cause ? ` (${cause})` : ''}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private async readCapped(res: Response): Promise<string> {
    const declared = Number(res.headers.get('content-length') ?? 0);
    const tooLarge = () =>
      new MonitoringError(
        `${this.endpoint} answered with more than ${Math.round(this.maxBytes / 2 ** 20)} MiB; shorten the window or widen the step`,
      );
    if (declared > this.maxBytes) {
      await res.body?.cancel();
      throw tooLarge();
    }
    if (!res.body) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}
