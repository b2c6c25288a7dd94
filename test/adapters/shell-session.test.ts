import { PassThrough } from 'node:stream';
import { readFileSync } from 'node:fs';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShellPort } from '../../adapters/shell/port.js';
import { runShellSession, Spinner } from '../../adapters/shell/session.js';
import { createExecutor } from '../../commands/execute.js';
import { PLAIN } from '../../src/format/style.js';
import { Producer } from '../../src/queue/producer.js';
import { createChatWorker } from '../../src/queue/worker.js';
import { ReplyLedger } from '../../src/reply/ledger.js';
import { TopologyStore } from '../../src/store/topology-store.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

let redis: Redis;
const name = uniqueName('shell');
beforeAll(async () => {
  redis = new Redis(await testRedisUrl(), { maxRetriesPerRequest: null });
});
afterAll(async () => {
  const q = new Queue(name, { connection: redis });
  await q.obliterate({ force: true });
  await q.close();
  await deleteKeys(redis, `${name}*`);
  await redis.quit();
});

/** Types `lines` into a shell session as a person would and returns what the terminal showed. */
async function converse(lines: string[]): Promise<string> {
  const queue = new Queue(name, { connection: redis });
  const out: string[] = [];
  const output = Object.assign(new PassThrough(), { isTTY: false });
  output.on('data', (c: Buffer) => out.push(c.toString()));
  const port = new ShellPort({ write: (t) => output.write(t) });
  const worker = createChatWorker({
    connection: redis,
    queueName: name,
    ports: new Map([['shell', port]]),
    ledger: new ReplyLedger(redis, name),
    execute: createExecutor({
      store: new TopologyStore(redis, name, { maxTopologies: 5, maxVersions: 5, maxBytes: 200_000 }),
      maxBytes: 200_000,
    }),
    concurrency: 1,
    lockDuration: 5000,
    stalledInterval: 5000,
    logger: pino({ level: 'silent' }),
  });
  const events = new QueueEvents(name, { connection: redis.duplicate() });
  await events.waitUntilReady();
  const input = new PassThrough();
  const session = runShellSession({
    input,
    output,
    producer: new Producer(queue, redis, {
      attempts: 2,
      backoffMs: 10,
      keepCompleted: { age: 60, count: 100 },
      keepFailed: { age: 60, count: 100 },
    }),
    waitFor: async (id) => {
      await (await Job.fromId(queue, id))?.waitUntilFinished(events);
    },
    tenant: 'shell:tester',
    user: 'tester',
    maxBytes: 200_000,
    style: PLAIN,
    spinner: new Spinner(output),
    logger: pino({ level: 'silent' }),
  });
  for (const line of lines) input.write(line + '\n');
  input.end();
  await session;
  await worker.close();
  await events.close();
  await queue.close();
  return out.join('');
}

describe('shell adapter session', () => {
  it('answers help, local files, questions and both kinds of paste', async () => {
    const small = readFileSync(new URL('../../examples/small.yaml', import.meta.url), 'utf8').split('\n');
    const transcript = await converse([
      'help',
      'check ./examples/medium.yaml',
      'topology save ./examples/medium.yaml',
      'what happens if PBX fails on regional-eu?',
      'check ```yaml',
      ...small,
      '```',
      ...small.filter((l) => !l.startsWith('#') && l.trim() !== ''),
      '',
      'check ./examples/nope.yaml',
      'bake me a cake',
      'exit',
    ]);
    if (process.env.SHOW_TRANSCRIPT) console.log(transcript);
    expect(transcript).toContain('▸ Help…');
    expect(transcript).toContain('└ ✅ regional-eu: 0 errors, 0 warnings, 1 info');
    expect(transcript).toContain('└ 💾 Saved regional-eu v1');
    expect(transcript).toMatch(/└ 🟠 If 1 pbx node fails: PARTIAL/);
    expect(transcript.match(/└ ⚠️ small-lab: 0 errors, 14 warnings/g)).toHaveLength(2);
    expect(transcript).toContain('./examples/nope.yaml: no such file');
    expect(transcript).toContain(`I didn't understand "bake me a cake"`);
  }, 60_000);
});
