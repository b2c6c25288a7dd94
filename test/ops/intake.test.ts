import { request } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsServer } from '../../src/ops/http.js';
import { Metrics } from '../../src/ops/metrics.js';
import { boundedIntake } from '../../src/ops/intake.js';
import { createServer } from 'node:http';

/** Sends only the headers of a request and reads the answer: a refused body is never sent. */
function headersOnly(port: number, path: string, headers: Record<string, string>, method = 'POST') {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

let ops: Server;
let guarded: Server;
let reached = 0;
const now = 1_800_000_000_000;

beforeAll(async () => {
  ops = await startOpsServer(0, new Metrics(() => Promise.resolve({})), () => Promise.resolve(true));
  guarded = createServer(
    boundedIntake(
      (_req, res) => {
        reached++;
        res.writeHead(200).end('ok');
      },
      { maxBodyBytes: 1024, now: () => now },
    ),
  );
  await new Promise<void>((r) => guarded.listen(0, '127.0.0.1', () => r()));
});
afterAll(() => {
  ops.close();
  guarded.close();
});
const portOf = (s: Server) => (s.address() as { port: number }).port;

describe('bounded HTTP intake', () => {
  it('a body over the limit is refused from its Content-Length, before it is sent or checked', async () => {
    const res = await headersOnly(portOf(guarded), '/slack/events', { 'content-length': String(600 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('larger than 1024 bytes');
    const chunked = await headersOnly(portOf(guarded), '/slack/events', { 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(411);
    expect(reached).toBe(0);
  });

  it('a Slack timestamp more than five minutes ahead is refused; one within is let through', async () => {
    const ahead = String(now / 1000 + 600);
    expect((await headersOnly(portOf(guarded), '/', { 'x-slack-request-timestamp': ahead }, 'GET')).status).toBe(401);
    const near = String(now / 1000 + 60);
    expect((await headersOnly(portOf(guarded), '/', { 'x-slack-request-timestamp': near }, 'GET')).status).toBe(200);
  });

  it('the ops server serves GETs only and reads no body', async () => {
    const big = await headersOnly(portOf(ops), '/metrics', { 'content-length': String(600 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect((await headersOnly(portOf(ops), '/healthz', { 'content-length': '0' })).status).toBe(405);
    expect((await headersOnly(portOf(ops), '/healthz', {}, 'GET')).status).toBe(200);
  });
});
