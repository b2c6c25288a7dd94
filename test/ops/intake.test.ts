import { request } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsServer } from '../../src/ops/http.js';
import { Metrics } from '../../src/ops/metrics.js';
import { boundedIntake } from '../../src/ops/intake.js';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { waitUntil } from '../support/redis.js';

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

/**
 * Sends a request whose body (`bodyBytes`, declared in Content-Length) is written as fast as the
 * server takes it, until the server answers and closes; resolves with the answer's status line.
 */
function flood(port: number, bodyBytes: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const chunk = Buffer.alloc(64 * 1024, 120);
    let sent = 0;
    const pump = () => {
      while (sent < bodyBytes && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    socket.on('connect', () => {
      socket.write(`POST /slack/events HTTP/1.1\r\nhost: x\r\ncontent-length: ${bodyBytes}\r\n\r\n`);
      pump();
    });
    socket.on('data', (c: Buffer) => (answer += c.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
  });
}

describe('bounded HTTP intake', () => {
  it('a burst of large POSTs is refused unread: the server takes in a small bounded part of each, not the body', async () => {
    const limit = 512 * 1024;
    const read: number[] = [];
    const server = createServer(
      boundedIntake(
        (_req, res) => {
          reached++;
          res.writeHead(200).end('ok');
        },
        { maxBodyBytes: limit },
      ),
    );
    // Bytes taken off each connection, counted by the server's own sockets.
    server.on('connection', (socket) => socket.on('close', () => read.push(socket.bytesRead)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const body = 32 * 1024 * 1024;
    const statuses = await Promise.all(Array.from({ length: 16 }, () => flood(portOf(server), body)));
    await waitUntil(() => read.length === 16, 10_000, 'every connection closed');
    server.close();
    expect(statuses.every((s) => s.includes(' 413 '))).toBe(true);
    for (const bytes of read) expect(bytes).toBeLessThan(limit);
    expect(reached).toBe(0);
  });

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
