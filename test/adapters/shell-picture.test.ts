import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePng } from '../support/png.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

const START = fileURLToPath(new URL('../../dist/src/bin/start.js', import.meta.url));
const SMALL = fileURLToPath(new URL('../../examples/small.yaml', import.meta.url));

const cwd = mkdtempSync(join(tmpdir(), 'voipnow-shell-'));
const queueName = uniqueName('shellpic');
afterAll(async () => {
  const redis = new Redis(await testRedisUrl(), { maxRetriesPerRequest: null });
  await new Queue(queueName, { connection: redis }).close();
  await deleteKeys(redis, `bull:${queueName}*`);
  await redis.quit();
  rmSync(cwd, { recursive: true, force: true });
});

describe('the shell adapter (npm start without tokens)', () => {
  it('writes the picture of a check under ./.voipnow/files and prints its path', async () => {
    // The built entry point in a folder of its own, typed into as a person would; it ends with its input.
    const child = spawn(process.execPath, [START], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        REDIS_URL: await testRedisUrl(),
        QUEUE_NAME: queueName,
        SHELL_USER: 'tester',
        PICTURES: 'true',
        AUDITS: 'false',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.stdin.end(`check ${SMALL}\n`);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, out).toBe(0);
    expect(out).toContain('📎 small-lab.png saved to .voipnow/files/small-lab.png');
    expect(out).toMatch(/└ ⚠️ small-lab: 0 errors, \d+ warnings/);
    const png = join(cwd, '.voipnow', 'files', 'small-lab.png');
    expect(existsSync(png)).toBe(true);
    const { width, height } = decodePng(readFileSync(png));
    expect(Math.max(width, height)).toBeLessThanOrEqual(4000);
  });
});
