import { createServer, type Server } from 'node:http';
import { intakeRefusal } from './intake.js';
import type { Metrics } from './metrics.js';

/** /healthz (200 when Redis answers, else 503) and /metrics, on their own port. */
export function startOpsServer(port: number, metrics: Metrics, healthy: () => Promise<boolean>): Promise<Server> {
  const server = createServer((req, res) => {
    // Only GETs are served: nothing here reads a body, so any body is refused unread.
    const refusal = intakeRefusal(req, { maxBodyBytes: 0 });
    if (refusal || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res
        .writeHead(refusal?.status ?? 405, { 'content-type': 'text/plain', connection: 'close' })
        .end(`${refusal?.text ?? 'only GET is served here'}\n`);
      return;
    }
    void (async () => {
      try {
        if (req.url === '/healthz') {
          const ok = await healthy().catch(() => false);
          res
            .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: ok ? 'ok' : 'redis unreachable' }));
        } else if (req.url === '/metrics') {
          res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
        } else {
          res.writeHead(404).end('not found: try /healthz or /metrics\n');
        }
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}
