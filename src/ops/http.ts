import { createServer, type Server } from 'node:http';
import type { Metrics } from './metrics.js';

/** /healthz (200 when Redis answers, else 503) and /metrics, on their own port. */
export function startOpsServer(port: number, metrics: Metrics, healthy: () => Promise<boolean>): Promise<Server> {
  const server = createServer((req, res) => {
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
