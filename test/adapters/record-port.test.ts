import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { RecordPort } from '../../adapters/record/port.js';
import { ReplyLedger } from '../../src/reply/ledger.js';
import { describeReplyPortConformance } from '../support/reply-port-conformance.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

let redis: Redis;
const prefix = uniqueName('recport');
beforeAll(async () => {
  redis = new Redis(await testRedisUrl());
});
afterAll(async () => {
  await deleteKeys(redis, `${prefix}*`);
  await redis.quit();
});

describeReplyPortConformance('record (loopback)', () => {
  const port = new RecordPort(redis, uniqueName(`${prefix}:ns`), 1500);
  return {
    port,
    ledger: new ReplyLedger(redis, prefix),
    target: { platform: 'test', tenant: 'test:T', channel: 'C1', requester: 'U1' },
    limit: 1500,
    observed: async () => (await port.messages()).map(({ kind, id, thread, text }) => ({ kind, id, thread, text })),
  };
});
