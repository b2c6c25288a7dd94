/** Runs `stop` once on SIGTERM or SIGINT: stop taking work, finish what is in flight, then exit. */
export function onShutdown(stop: (signal: string) => Promise<void>, log: (text: string) => void): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: finishing jobs in flight, then exiting`);
      stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          log(`shutdown failed: ${String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}
