import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../commands/execute.js';
import { boundedPictures } from '../../src/diagram/picture.js';
import { TopologyStore } from '../../src/store/topology-store.js';
import { chatJob } from '../support/chat-job.js';
import { deleteKeys, testRedisUrl, uniqueName } from '../support/redis.js';

const small = {
  name: 'small.yaml',
  content: readFileSync(new URL('../../examples/small.yaml', import.meta.url), 'utf8'),
};

describe('a picture the real rendering thread cannot draw costs a line, never the text answer', () => {
  let redis: Redis;
  const prefix = uniqueName('picfail');
  beforeAll(async () => {
    redis = new Redis(await testRedisUrl());
  });
  afterAll(async () => {
    await deleteKeys(redis, `${prefix}*`);
    await redis.quit();
  });

  const answer = async (pictures: ReturnType<typeof boundedPictures>) => {
    const execute = createExecutor({
      store: new TopologyStore(redis, prefix, { maxTopologies: 5, maxVersions: 5, maxBytes: 1 << 20 }),
      maxBytes: 1 << 20,
      pictures,
    });
    try {
      return await execute({
        ...chatJob('check', uniqueName('req'), small),
        admin: true,
        adminHint: 'members of @infra-admins',
      });
    } finally {
      await pictures.close();
    }
  };

  it('past its deadline: the check answer, and one line saying why there is no picture', async () => {
    const reply = await answer(boundedPictures({ timeoutMs: 1 }));
    expect(reply.title).toBe('Check of small-lab');
    expect(reply.sections?.length).toBeGreaterThan(0);
    expect(reply.files ?? []).toHaveLength(0);
    expect(reply.text).toContain('(No diagram this time: drawing took longer than 1 ms.)');
  });

  it('out of memory: the thread dies, the answer does not', async () => {
    const reply = await answer(boundedPictures({ maxHeapMb: 8 }));
    expect(reply.title).toBe('Check of small-lab');
    expect(reply.files ?? []).toHaveLength(0);
    expect(reply.text).toContain('(No diagram this time: drawing ran out of memory.)');
  });
});
