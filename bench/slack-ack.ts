import { createHmac } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createSlackApp } from '../adapters/slack/app.js';
import { Producer } from '../src/queue/producer.js';
import { percentile } from './timing.js';

const SECRET = 'bench-signing-secret';

/** Slash-command acknowledgement latency on loopback: 50 signed /voipnow requests at once, 6 rounds. */
export async function benchSlackAck(url: string): Promise<{ p50: number; p99: number; samples: number }> {
  // A stand-in Web API: auth.test at start-up, users.info for the permission check.
  const api = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, team_id: 'T1', user_id: 'UBOT', bot_id: 'B1', user: { is_admin: false } })),
    );
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
  const apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}/api/`;
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const name = `bench-slack-${process.pid}`;
  const queue = new Queue(name, { connection: redis });
  const producer = new Producer(queue, redis, {
    attempts: 1,
    backoffMs: 100,
    keepCompleted: { age: 60, count: 100 },
    keepFailed: { age: 60, count: 100 },
  });
  const port = 20_000 + (process.pid % 10_000);
  const app = createSlackApp({
    botToken: 'xoxb-bench',
    signingSecret: SECRET,
    apiUrl,
    port,
    producer,
    policy: { admins: [] },
    maxBytes: 1 << 20,
    logger: pino({ level: 'silent' }),
  });
  await app.start(port);
  const agent = new Agent({ keepAlive: true, maxSockets: 50 });
  const samples: number[] = [];
  let n = 0;
  const one = async () => {
    const body = new URLSearchParams({
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      command: '/voipnow',
      text: 'check prod',
      trigger_id: `t${++n}`,
      response_url: apiUrl,
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signature = 'v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex');
    const start = performance.now();
    // node:http with keep-alive: a light client, so the load generator does not crowd the server it measures.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/slack/events',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
            'x-slack-signature': signature,
            'x-slack-request-timestamp': String(ts),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    if (status !== 200) throw new Error(`ack was ${status}`);
    return performance.now() - start;
  };
  await Promise.all(Array.from({ length: 20 }, one));
  for (let round = 0; round < 6; round++) samples.push(...(await Promise.all(Array.from({ length: 50 }, one))));
  await new Promise((r) => setTimeout(r, 300));
  await app.stop();
  await queue.obliterate({ force: true });
  await queue.close();
  await redis.quit();
  api.close();
  agent.destroy();
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length };
}
