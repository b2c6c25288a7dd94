import { existsSync } from 'node:fs';

/** Loads ./.env when present (Node's own loader); real environment variables win over it. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
