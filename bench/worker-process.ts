import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { ShellPort } from '../adapters/shell/port.js';
import { createExecutor } from '../commands/execute.js';
import { createChatWorker } from '../src/queue/worker.js';
import { ReplyLedger } from '../src/reply/ledger.js';
import { LatestCache } from '../src/store/latest-cache.js';
import { TopologyStore, type StoredVersion } from '../src/store/topology-store.js';

/**
 * A worker in its own process for the throughput benchmark: `bare` processes empty jobs, `chat`
 * is the real chat worker with replies rendered into an in-memory port.
 */
const [kind = 'bare', url = 'redis://127.0.0.1:6379', name = 'bench', concurrency = '16'] = process.argv.slice(2);
const redis = new Redis(url, { maxRetriesPerRequest: null });
const worker =
  kind === 'bare'
    ? new Worker(name, () => Promise.resolve({}), { connection: redis, concurrency: Number(concurrency) })
    : createChatWorker({
        connection: redis,
        queueName: name,
        ports: new Map([['shell', new ShellPort({ write: () => undefined, filesDir: '.voipnow/bench-files' })]]),
        ledger: new ReplyLedger(redis, name),
        // As the worker binary builds it (src/runtime/services.ts): with the tracked cache of newest versions.
        execute: createExecutor({
          store: new TopologyStore(
            redis,
            name,
            { maxTopologies: 10, maxVersions: 10, maxBytes: 1 << 20 },
            new LatestCache<StoredVersion>(redis, TopologyStore.keyPrefix(name), (v) => v.text.length),
          ),
          maxBytes: 1 << 20,
        }),
        concurrency: Number(concurrency),
        lockDuration: 30_000,
        stalledInterval: 30_000,
        logger: pino({ level: 'silent' }),
      });
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
process.send?.('ready');
