#!/usr/bin/env node
import { envSchema } from '../config/env.js';

/** Prints .env.example from the environment schema (`npm run env:example > .env.example`). */
const lines = [
  '# Every setting of the bot and the worker, with its default. Copy to .env and change what you need.',
  '# Secrets (tokens) never go into the repository.',
  '',
];
for (const [name, schema] of Object.entries(envSchema.shape)) {
  const parsed = schema.safeParse(undefined);
  lines.push(
    `# ${schema.description ?? ''}`,
    `${name}=${parsed.success && parsed.data !== undefined ? String(parsed.data) : ''}`,
    '',
  );
}
process.stdout.write(lines.join('\n'));
