import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';

/** A connection for BullMQ workers and the store: blocking commands need no per-request retry cap. */
export function connectRedis(url: string): Redis {
  // Auto-pipelining was measured slower here (bench/runtime.ts): replies await each call in turn.
  return new Redis(url, { maxRetriesPerRequest: null });
}

/**
 * For processes that only enqueue (the bot): a call fails after a couple of tries instead of
 * waiting for Redis forever, so the user can be told at once.
 */
export function connectRedisFailFast(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2, connectTimeout: 2000 });
}

export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    enableOfflineQueue: false,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export interface RedisSupply {
  url: string;
  /** Set when we started a private server; stop it on exit. */
  child?: ChildProcess;
  note?: string;
}

const HOW_TO_GET_REDIS =
  'Start one (`redis-server`, `docker compose up -d redis`, or `apt-get install redis-server`), or set REDIS_URL to one that answers.';

/**
 * Finds Redis for `npm start`: the one at REDIS_URL, else (for a local URL, when allowed) a private
 * redis-server with its data under ./.voipnow/redis. Otherwise says exactly how to get one.
 */
export async function ensureRedis(url: string, allowStart: boolean, dataDir = '.voipnow'): Promise<RedisSupply> {
  if (await redisAnswers(url)) return { url };
  const parsed = new URL(url);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(parsed.hostname);
  const hasServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!local || !allowStart || !hasServer) {
    throw new Error(
      `Nothing answers at ${url}. ${HOW_TO_GET_REDIS}${!hasServer && local ? ' (redis-server is not on the PATH.)' : ''}`,
    );
  }
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = parsed.port || '6379';
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', port, '--dir', dir, '--appendonly', 'yes', '--save', ''],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url, 200)) {
      return {
        url,
        child,
        note: `No Redis answered at ${url}, so I started a private one (data in ${dir}); it stops when I do.`,
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`Could not start redis-server on port ${port}. ${HOW_TO_GET_REDIS}`);
}
