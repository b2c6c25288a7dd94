#!/usr/bin/env node
import { main } from '../cli/voipnow.js';

// `voipnow check … | head` closes the pipe early: that is the reader's choice, not an error to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

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
