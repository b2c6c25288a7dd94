import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { MonitoringError, PrometheusClient } from '../../src/monitoring/client.js';
import { endpointProblem } from '../../src/monitoring/settings.js';

const OK = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } });
const servers: Server[] = [];

/** A hostile or misbehaving endpoint on loopback: the client must stay bounded whatever it does. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const ask = (client: PrometheusClient) => client.queryRange('up', 0, 60, 60);

describe('the Prometheus client', () => {
  it('sends the query as a form POST with the credentials from the environment', async () => {
    let seen: { auth?: string; body: string; path?: string } = { body: '' };
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = { auth: req.headers.authorization, body, path: req.url };
        res.end(OK);
      });
    });
    await ask(new PrometheusClient({ url: `${url}/prom`, credentials: { bearer: 'fake-token' } }));
    expect(seen.path).toBe('/prom/api/v1/query_range');
    expect(seen.auth).toBe('Bearer fake-token');
    expect(new URLSearchParams(seen.body).get('query')).toBe('up');
  });

  it('gives up after the timeout with a message, not a hang', async () => {
    const url = await serve(() => {});
    await expect(ask(new PrometheusClient({ url, timeoutMs: 200 }))).rejects.toThrow(/did not answer within 0.2 s/);
  });

  it('refuses a response over the size cap, declared or streamed', async () => {
    const big = await serve((_, res) => res.end('x'.repeat(5000)));
    await expect(ask(new PrometheusClient({ url: big, maxBytes: 1000 }))).rejects.toThrow(/more than/);
    const streamed = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 50; i++) res.write('x'.repeat(100));
      res.end();
    });
    await expect(ask(new PrometheusClient({ url: streamed, maxBytes: 1000 }))).rejects.toThrow(/more than/);
  });

  it('follows a redirect on the same host and refuses one to another host', async () => {
    const stolen: (string | undefined)[] = [];
    const elsewhere = await serve((req, res) => {
      stolen.push(req.headers.authorization);
      res.end(OK);
    });
    const url = await serve((req, res) => {
      if (req.url === '/api/v1/query_range') res.writeHead(307, { location: '/v2/api/v1/query_range' }).end();
      else if (req.url === '/v2/api/v1/query_range') res.writeHead(307, { location: `${elsewhere}/steal` }).end();
      else res.end(OK);
    });
    const error = await ask(new PrometheusClient({ url, credentials: { bearer: 'fake-token' } })).catch((e) => e);
    expect(error).toBeInstanceOf(MonitoringError);
    expect((error as Error).message).toContain(`redirected to ${elsewhere}`);
    expect((error as Error).message).not.toContain('fake-token');
    // Not followed at all: the other host never saw a request, let alone the token.
    expect(stolen).toEqual([]);
    const same = await serve((req, res) => {
      if (req.url === '/api/v1/query_range') res.writeHead(308, { location: '/ok' }).end();
      else res.end(OK);
    });
    await expect(ask(new PrometheusClient({ url: same }))).resolves.toEqual([]);
  });

  it('says an endpoint is unreachable or refuses access, never echoing the credentials', async () => {
    const closed = await serve(() => {});
    servers[0]!.close();
    const port = new URL(closed).port;
    await new Promise((r) => setTimeout(r, 0));
    const down = await ask(new PrometheusClient({ url: `http://127.0.0.1:${port}` })).catch((e: Error) => e.message);
    expect(down).toMatch(/unreachable/);
    const denied = await serve((_, res) => res.writeHead(401).end('{"status":"error"}'));
    const message = await ask(
      new PrometheusClient({ url: denied, credentials: { basic: { username: 'u', password: 'fake-secret' } } }),
    ).catch((e: Error) => e.message);
    expect(message).toMatch(/refused access \(HTTP 401\)/);
    expect(message).not.toContain('fake-secret');
  });

  it('refuses URLs with credentials or of another scheme', () => {
    expect(endpointProblem('https://user:pw@prom.example.com')).toMatch(/credentials do not belong/);
    expect(endpointProblem('file:///etc/passwd')).toMatch(/http or https/);
    expect(endpointProblem('not a url')).toMatch(/expected a URL/);
    expect(endpointProblem('https://prom.example.com/prometheus')).toBeUndefined();
  });
});
