import { describe, expect, it } from 'vitest';
import { deliver } from '../../src/reply/deliver.js';
import type { Reply } from '../../src/reply/document.js';
import type { ReplyLedger } from '../../src/reply/ledger.js';
import type { ReplyPort } from '../../src/reply/port.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import { uniqueName } from './redis.js';

export interface Observed {
  kind: 'parent' | 'message' | 'file' | 'update';
  id: string;
  thread: string;
  text: string;
}

export interface PortHarness {
  port: ReplyPort;
  ledger: ReplyLedger;
  target: ReplyTarget;
  /** Characters a single message may hold on this platform. */
  limit: number;
  /** Everything the platform received, in order. */
  observed(): Observed[] | Promise<Observed[]>;
}

const warning = {
  heading: 'Warnings (1)',
  severity: 'warning' as const,
  items: [{ text: 'HA001 sql-master sql-1 has no ha: vm', severity: 'warning' as const, detail: 'prod.yaml:7:5' }],
};

/** An answer long enough to go in a thread under a parent (a short one stands alone). */
const reply = (extra: Partial<Reply> = {}): Reply => ({
  title: 'Check of prod',
  verdict: 'warn',
  summary: '⚠️ prod: 0 errors, 1 warning, 0 info',
  sections: [
    warning,
    {
      heading: 'Notes (30)',
      severity: 'info',
      items: Array.from({ length: 30 }, (_, i) => ({
        text: `INFO${String(i).padStart(3, '0')} node-${i} is sized for ${i * 10} calls at the busy hour`,
        severity: 'info' as const,
        detail: `prod.yaml:${i + 10}:5`,
      })),
    },
  ],
  ...extra,
});

/** A one-finding answer: one message where it was asked, on a platform that can say it alone. */
const short = (): Reply => reply({ sections: [warning] });

/** The suite every adapter's reply port must pass (shell, Slack, Discord), like BullMQ's adapter conformance tests. */
export function describeReplyPortConformance(name: string, harness: () => PortHarness | Promise<PortHarness>): void {
  describe(`reply port conformance: ${name}`, () => {
    it('threads: a parent, the answer under it, then the parent edited to the verdict', async () => {
      const h = await harness();
      const { parent } = await deliver(
        h.port,
        h.ledger,
        { requestId: uniqueName('r'), target: h.target, pending: 'Checking prod…', retry: false },
        reply(),
      );
      const seen = await h.observed();
      expect(seen[0]).toMatchObject({ kind: 'parent', text: expect.stringContaining('Checking prod…') });
      const body = seen.filter((m) => m.kind === 'message');
      expect(body.length).toBeGreaterThan(0);
      for (const m of body) expect(m.thread).toBe(parent.thread);
      expect(body.map((m) => m.text).join('\n')).toContain('HA001');
      const last = seen[seen.length - 1]!;
      expect(last).toMatchObject({
        kind: 'update',
        id: parent.id,
        text: expect.stringContaining('⚠️ prod: 0 errors, 1 warning'),
      });
    });

    it('a short answer is one message where it was asked: no parent, no thread, no edit', async () => {
      const h = await harness();
      const before = (await h.observed()).length;
      const requestId = uniqueName('r');
      await deliver(
        h.port,
        h.ledger,
        { requestId, target: h.target, pending: 'Checking prod…', retry: false },
        short(),
      );
      const seen = (await h.observed()).slice(before);
      if (!h.port.postAlone) {
        expect(seen.some((m) => m.kind === 'update')).toBe(true);
        return;
      }
      expect(seen).toHaveLength(1);
      expect(seen[0]!.kind).not.toBe('update');
      expect(seen[0]!.text).toContain('HA001');
      // A retry (the worker died after posting) finds it and posts nothing.
      await deliver(h.port, h.ledger, { requestId, target: h.target, pending: 'Checking prod…', retry: true }, short());
      expect((await h.observed()).slice(before).filter((m) => m.kind !== 'update')).toHaveLength(1);
    });

    it('answers inside an existing thread without a new parent or an edit', async () => {
      const h = await harness();
      const first = await deliver(
        h.port,
        h.ledger,
        { requestId: uniqueName('r'), target: h.target, pending: 'Checking…', retry: false },
        reply(),
      );
      const before = (await h.observed()).length;
      await deliver(
        h.port,
        h.ledger,
        {
          requestId: uniqueName('r'),
          target: { ...h.target, thread: first.parent.thread },
          pending: 'Again…',
          retry: false,
        },
        reply(),
      );
      const added = (await h.observed()).slice(before);
      expect(added.length).toBeGreaterThan(0);
      expect(added.every((m) => m.kind === 'message' && m.thread === first.parent.thread)).toBe(true);
    });

    it('uploads files into the thread', async () => {
      const h = await harness();
      const { parent } = await deliver(
        h.port,
        h.ledger,
        { requestId: uniqueName('r'), target: h.target, pending: 'Checking…', retry: false },
        reply({ files: [{ filename: 'prod-findings.md', content: '# findings\n', type: 'text/markdown' }] }),
      );
      const file = (await h.observed()).find((m) => m.kind === 'file');
      expect(file).toMatchObject({ thread: parent.thread, text: expect.stringContaining('prod-findings.md') });
    });

    it('splits long replies into messages within the limit, in order', async () => {
      const h = await harness();
      const items = Array.from({ length: 400 }, (_, i) => ({
        text: `item-${String(i).padStart(3, '0')} ${'x'.repeat(60)}`,
      }));
      await deliver(
        h.port,
        h.ledger,
        { requestId: uniqueName('r'), target: h.target, pending: 'Checking…', retry: false },
        reply({ sections: [{ heading: 'Many', items }] }),
      );
      const body = (await h.observed()).filter((m) => m.kind === 'message');
      expect(body.length).toBeGreaterThan(1);
      for (const m of body) expect(m.text.length).toBeLessThanOrEqual(h.limit);
      const all = body.map((m) => m.text).join('\n');
      const positions = items.map((item) => all.indexOf(item.text.slice(0, 8)));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });

    it('posts idempotently: the same request delivered again (a retry) posts nothing new', async () => {
      const h = await harness();
      const job = { requestId: uniqueName('r'), target: h.target, pending: 'Checking…' };
      await deliver(h.port, h.ledger, { ...job, retry: false }, reply());
      const count = (await h.observed()).filter((m) => m.kind !== 'update').length;
      await deliver(h.port, h.ledger, { ...job, retry: true }, reply());
      expect((await h.observed()).filter((m) => m.kind !== 'update').length).toBe(count);
    });

    it('a retry finds what a crashed attempt posted but never recorded, and does not post it twice', async () => {
      const h = await harness();
      const job = { requestId: uniqueName('r'), target: h.target, pending: 'Checking…' };
      // The first attempt posted the parent and its answer, then died before the ledger write.
      const parent = await h.port.startThread(h.target, 'Checking…', `${job.requestId}:parent`);
      await h.port.postInThread(parent, h.port.render(reply())[0], `${job.requestId}:part:0`);
      await deliver(h.port, h.ledger, { ...job, retry: true }, reply());
      const seen = await h.observed();
      expect(seen.filter((m) => m.kind === 'parent')).toHaveLength(1);
      expect(seen.filter((m) => m.kind === 'message')).toHaveLength(h.port.render(reply()).length);
      expect(seen.at(-1)).toMatchObject({ kind: 'update', id: parent.id });
    });

    it('recovers from a crash between posting and recording without posting twice', async () => {
      const h = await harness();
      const job = { requestId: uniqueName('r'), target: h.target, pending: 'Checking…' };
      const parent = await h.port.startThread(h.target, 'Checking…', `${job.requestId}:parent`);
      // The worker died right after the platform accepted the parent: the ledger says "pending".
      await expect(h.ledger.once(`${job.requestId}:parent`, () => Promise.reject(new Error('killed')))).rejects.toThrow(
        'killed',
      );
      void parent;
      await deliver(h.port, h.ledger, { ...job, retry: true }, reply());
      const parents = (await h.observed()).filter((m) => m.kind === 'parent');
      expect(parents).toHaveLength(1);
    });
  });
}
