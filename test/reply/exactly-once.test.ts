import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { slackClients } from '../../adapters/slack/client.js';
import { SlackPort } from '../../adapters/slack/port.js';
import { PostPacer } from '../../src/reply/post-pacer.js';
import { deliver } from '../../src/reply/deliver.js';
import { FenceLostError, ReplyLedger } from '../../src/reply/ledger.js';
import type { Reply } from '../../src/reply/document.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { FakeSlack } from '../support/fake-slack.js';
import { deleteKeys, testRedisUrl, uniqueName, waitUntil } from '../support/redis.js';

const BOT = 'xoxb-fake-bot-token';
let fake: FakeSlack;
let runtime: ChatRuntime;
let redis: Redis;
const prefix = uniqueName('once');

/** Long enough to go in a thread under a parent (a short answer would be one message). */
const reply: Reply = {
  title: 'Rules',
  verdict: 'info',
  summary: 'ℹ️ done',
  sections: [
    {
      heading: 'One',
      items: Array.from({ length: 80 }, (_, i) => ({ text: `item ${i} of a list long enough to want a thread` })),
    },
  ],
};
const target = (channel: string): ReplyTarget => ({ platform: 'slack', tenant: 'slack:T1', channel, requester: 'U1' });

beforeAll(async () => {
  fake = await FakeSlack.start();
  redis = new Redis(await testRedisUrl(), { maxRetriesPerRequest: null });
  runtime = await startChatRuntime(
    'once',
    (r, n) =>
      new Map([
        [
          'slack',
          new SlackPort(slackClients(BOT, fake.apiUrl), new PostPacer(r, `${n}:pace`, { channelIntervalMs: 1 })),
        ],
      ]),
  );
});
afterAll(async () => {
  await runtime.stop();
  await deleteKeys(redis, `${prefix}*`);
  await redis.quit();
  await fake.close();
});

function slackJob(requestId: string, channel: string, text = 'rules HA001') {
  return {
    requestId,
    target: target(channel),
    command: 'rules',
    input: { text: text.replace(/^rules\s*/, '') },
    pending: '⏳ Looking…',
    receivedAt: Date.now(),
  };
}

describe('exactly once against a platform that fails', () => {
  it('a post Slack applied but answered with a 500 is not posted again (client retries off, ledger looks it up)', async () => {
    fake.failAfter.set('chat.postMessage', 6);
    const ids = Array.from({ length: 6 }, (_, i) => `f500-${i}`);
    for (const id of ids) await runtime.producer.enqueue(slackJob(id, `C-500-${id}`));
    await waitUntil(
      async () => (await runtime.queue.getJobCounts('completed')).completed! >= ids.length,
      30_000,
      'every job completed',
    );
    for (const id of ids) {
      const inChannel = fake.messages.filter((m) => m.channel === `C-500-${id}`);
      const parents = inChannel.filter((m) => !m.thread_ts);
      expect(parents).toHaveLength(1);
      const keys = inChannel.map((m) => m.metadata?.event_payload.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(inChannel.filter((m) => m.thread_ts).length).toBeGreaterThan(0);
    }
  });

  it('a retry finds its parent behind more than 100 newer messages in a busy channel', async () => {
    const ledger = new ReplyLedger(redis, prefix);
    const port = new SlackPort(slackClients(BOT, fake.apiUrl));
    const requestId = `${prefix}-busy`;
    const since = Date.now();
    // An attempt claimed the parent and posted it, then died before recording it.
    await ledger.claim([`${requestId}:parent`]);
    await port.startThread(target('C-busy'), '⏳', `${requestId}:parent`);
    fake.chatter('C-busy', 250);
    await deliver(port, ledger, { requestId, target: target('C-busy'), pending: '⏳', retry: true, since }, reply);
    const parents = fake.messages.filter((m) => m.channel === 'C-busy' && m.metadata?.event_payload.key);
    expect(parents.filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(fake.messages.filter((m) => m.channel === 'C-busy' && m.thread_ts)).toHaveLength(1);
  });

  it('a worker that lost its lock posts nothing more (the fence is checked with each claim)', async () => {
    const ledger = new ReplyLedger(redis, prefix);
    const port = new SlackPort(slackClients(BOT, fake.apiUrl));
    const lockKey = `${prefix}:lock`;
    await redis.set(lockKey, 'token-B');
    await expect(
      deliver(
        port,
        ledger,
        {
          requestId: `${prefix}-fenced`,
          target: target('C-fence'),
          pending: '⏳',
          retry: false,
          fence: { lockKey, token: 'token-A' },
        },
        reply,
      ),
    ).rejects.toBeInstanceOf(FenceLostError);
    expect(fake.messages.filter((m) => m.channel === 'C-fence')).toHaveLength(0);
    await deliver(
      port,
      ledger,
      {
        requestId: `${prefix}-fenced`,
        target: target('C-fence'),
        pending: '⏳',
        retry: true,
        fence: { lockKey, token: 'token-B' },
      },
      reply,
    );
    expect(fake.messages.filter((m) => m.channel === 'C-fence')).toHaveLength(2);
  });

  it('a worker that lost its lock while its port waited (pacing, a 429) does not post when the wait ends', async () => {
    const ledger = new ReplyLedger(redis, prefix);
    const lockKey = `${prefix}:lock-wait`;
    await redis.set(lockKey, 'token-A', 'PX', 300);
    // The port's pacer holds the post past the lock's expiry; meanwhile another worker takes the job.
    const pacer = {
      admit: async () => {
        await waitUntil(async () => (await redis.exists(lockKey)) === 0, 10_000, 'the lock to expire');
        await redis.set(lockKey, 'token-B');
      },
    } as unknown as PostPacer;
    const port = new SlackPort(slackClients(BOT, fake.apiUrl), pacer);
    await expect(
      deliver(
        port,
        ledger,
        {
          requestId: `${prefix}-waited`,
          target: target('C-fence-wait'),
          pending: '⏳',
          retry: false,
          fence: { lockKey, token: 'token-A' },
        },
        reply,
      ),
    ).rejects.toBeInstanceOf(FenceLostError);
    expect(fake.messages.filter((m) => m.channel === 'C-fence-wait')).toHaveLength(0);
  });
});
