import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInvocation } from '../../commands/invocation.js';
import { CHAOS_SCALE, ChaosRig, printTally, tally, waitHeld } from '../support/chaos.js';
import { FakeSlack } from '../support/fake-slack.js';
import { testRedisUrl } from '../support/redis.js';

let fake: FakeSlack;
let redis: Redis;
let url: string;
const rigs: ChaosRig[] = [];

beforeAll(async () => {
  fake = await FakeSlack.start();
  url = await testRedisUrl();
  redis = new Redis(url, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  fake.release();
  for (const rig of rigs) await rig.stop();
  await redis.quit();
  await fake.close();
});

function rig(env: Record<string, string> = {}): ChaosRig {
  const r = new ChaosRig(redis, url, fake, env);
  rigs.push(r);
  return r;
}

describe('chaos: platform faults and costly input', () => {
  for (const when of ['before', 'after'] as const) {
    it(`Slack answers 500 ${when} applying posts: every request answered once`, async () => {
      const r = rig();
      const n = 24 * CHAOS_SCALE;
      (when === 'before' ? fake.failBefore : fake.failAfter).set('chat.postMessage', Math.ceil(n / 2));
      const ids = await r.enqueueChecks(n);
      r.startWorker();
      await r.waitCompleted(r.queue, n);
      const t = tally(`Slack 500 ${when} applying a post`, fake, ids);
      printTally(t);
      expect(t).toMatchObject({ replies: n, lost: 0, doubled: 0 });
    }, 180_000);
  }

  it('a busy channel: a retry finds its posts behind more than 100 newer messages', async () => {
    const r = rig();
    const n = 8 * CHAOS_SCALE;
    const channel = `C-${r.name}-busy`;
    const ids = await r.enqueueChecks(n, () => channel);
    fake.hold.add('chat.postMessage');
    const a = r.startWorker();
    await waitHeld(fake, 4);
    a.child.kill('SIGKILL');
    await a.exited;
    // The killed worker's posts land; then the channel gets busy before anyone looks for them.
    fake.release();
    fake.chatter(channel, 150);
    r.startWorker();
    await r.waitCompleted(r.queue, n);
    const t = tally('busy channel (150 newer messages)', fake, ids);
    printTally(t);
    expect(t).toMatchObject({ replies: n, lost: 0, doubled: 0 });
  }, 180_000);

  it('costly uploads (1 MiB flow lists) are refused with SCH001 and others are answered too', async () => {
    const r = rig();
    const n = 8 * CHAOS_SCALE;
    const costly = `version: 1\nname: x\nnodes: [${Array(520_000).fill('1').join(',')}]\n`;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const inv = parseInvocation('check this', { name: 'x.yaml', content: costly });
      const requestId = `${r.name}-costly-${i}`;
      await r.producer.enqueue({
        requestId,
        target: { platform: 'slack', tenant: 'slack:T1', channel: `C-${r.name}-c${i}`, requester: 'U1' },
        command: inv.command,
        input: inv.input,
        ...(inv.attachment ? { attachment: inv.attachment } : {}),
        pending: inv.pending,
        receivedAt: Date.now(),
        admin: true,
      });
      ids.push(requestId);
    }
    ids.push(...(await r.enqueueChecks(n)));
    r.startWorker();
    r.startWorker();
    await r.waitCompleted(r.queue, 2 * n);
    const t = tally('costly uploads + ordinary checks', fake, ids);
    printTally(t);
    expect(t).toMatchObject({ replies: 2 * n, lost: 0, doubled: 0 });
    // A short refusal is one message in the channel (no thread), so look at whatever the channel holds.
    const refusal = fake.messages.filter((m) => m.channel === `C-${r.name}-c0`);
    expect(JSON.stringify(refusal)).toMatch(/SCH001.*YAML items/);
  }, 180_000);
});
