#!/usr/bin/env node
import { ConfigError } from '../config/env.js';
import { bootstrap, checkBotConfig, startBot, stopRoles } from './bootstrap.js';
import { onShutdown } from './lifecycle.js';

/** The bot process: chat adapters that acknowledge and enqueue; workers do the rest. */
async function main(): Promise<void> {
  // Fail fast on Redis: a command the queue cannot take is refused at once, not left waiting.
  const base = await bootstrap('voipnow-bot', { failFast: true, check: checkBotConfig });
  const bot = await startBot(base);
  onShutdown(
    () => stopRoles(base, [bot]),
    (text) => base.logger.info(text),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`voipnow-bot: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
