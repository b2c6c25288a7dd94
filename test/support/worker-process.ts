import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('../../dist/bench/record-worker.js', import.meta.url));

export const FAKE_SLACK_TOKEN = 'xoxb-000000000000-test-token-do-not-log';

export interface WorkerProcess {
  child: ChildProcess;
  logs(): string;
  exited: Promise<number | null>;
}

/** The production worker (built by `pretest`) with the loopback `test` platform, in its own process. */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [WORKER], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      METRICS_PORT: '0',
      SLACK_BOT_TOKEN: FAKE_SLACK_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  child.stdout.on('data', (c: Buffer) => (logs += c.toString()));
  child.stderr.on('data', (c: Buffer) => (logs += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, logs: () => logs, exited };
}
