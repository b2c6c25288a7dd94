import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { ShellPort } from '../../adapters/shell/port.js';
import { ReplyLedger } from '../../src/reply/ledger.js';
import { describeReplyPortConformance } from '../support/reply-port-conformance.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

let redis: Redis;
const prefix = uniqueName('shellport');
beforeAll(async () => {
  redis = new Redis(await testRedisUrl());
});
afterAll(async () => {
  await deleteKeys(redis, `${prefix}:*`);
  await redis.quit();
});

describeReplyPortConformance('shell', () => {
  const output: string[] = [];
  const port = new ShellPort({
    write: (t) => output.push(t),
    limit: 2000,
    filesDir: mkdtempSync(join(tmpdir(), 'shell-files-')),
  });
  return {
    port,
    ledger: new ReplyLedger(redis, prefix),
    target: { platform: 'shell', tenant: 'shell:tester', channel: 'terminal', requester: 'tester' },
    limit: 2000,
    observed: () => port.transcript.map(({ kind, id, thread, text }) => ({ kind, id, thread, text })),
  };
});
