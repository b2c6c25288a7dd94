#!/usr/bin/env node
import { RecordPort } from '../adapters/record/port.js';
import { ConfigError } from '../src/config/env.js';
import { bootstrap, replyPorts, startWorker, stopRoles } from '../src/bin/bootstrap.js';
import { onShutdown } from '../src/bin/lifecycle.js';

/**
 * The production worker plus a loopback platform `test` whose replies are recorded in Redis, for
 * benchmarks and the process tests. Never deployed: production wires only registered platforms.
 */
async function main(): Promise<void> {
  const base = await bootstrap('voipnow-worker', { worker: true });
  const record = new RecordPort(base.redis, `${base.env.QUEUE_NAME}:record`);
  const worker = await startWorker(base, replyPorts(base, new Map([['test', record]])));
  onShutdown(
    () => stopRoles(base, [worker]),
    (text) => base.logger.info(text),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`record-worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
