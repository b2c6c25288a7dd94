#!/usr/bin/env node
import { main } from '../cli/voipnow.js';

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Only a bug reaches here: every input problem is a finding or a usage error.
    process.stderr.write(
      `voipnow: internal error: ${error instanceof Error ? error.message : String(error)}\nPlease report it with the input that caused it.\n`,
    );
    process.exitCode = 70;
  },
);
