#!/usr/bin/env node
import { ConfigError } from '../config/env.js';
import { bootstrap, replyPorts, startWorker, stopRoles } from './bootstrap.js';
import { onShutdown } from './lifecycle.js';

/** The worker process: takes chat jobs from the queue and replies through the platform that asked. */
async function main(): Promise<void> {
  const base = await bootstrap('voipnow-worker', { worker: true });
  const worker = await startWorker(base, replyPorts(base));
  onShutdown(
    () => stopRoles(base, [worker]),
    (text) => base.logger.info(text),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`voipnow-worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
