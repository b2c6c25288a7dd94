import type { Redis } from 'ioredis';
import type { Reply, ReplyFile } from '../../src/reply/document.js';
import type { MessageRef, ReplyPort } from '../../src/reply/port.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import { renderReplyText, splitText } from '../shell/render.js';

export interface RecordedMessage {
  kind: 'parent' | 'message' | 'file' | 'update';
  id: string;
  channel: string;
  thread: string;
  text: string;
  key?: string;
}

/**
 * A loopback "platform" that records every post in Redis, so that tests and benchmarks can count
 * what workers in other processes delivered. Each post is one atomic step, as on a real platform.
 */
export class RecordPort implements ReplyPort<string> {
  readonly platform = 'test' as const;

  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
    private readonly limit = 3000,
  ) {}

  private get keys() {
    return { log: `${this.namespace}:log`, byKey: `${this.namespace}:bykey`, seq: `${this.namespace}:seq` };
  }

  private async record(entry: Omit<RecordedMessage, 'id'>, id?: string): Promise<MessageRef> {
    const messageId = id ?? String(await this.redis.incr(this.keys.seq));
    const full = { ...entry, id: messageId };
    const multi = this.redis.multi().rpush(this.keys.log, JSON.stringify(full));
    const ref = { channel: entry.channel, id: messageId, thread: entry.thread === '' ? messageId : entry.thread };
    if (entry.key) multi.hset(this.keys.byKey, entry.key, JSON.stringify(ref));
    await multi.exec();
    return ref;
  }

  async startThread(target: ReplyTarget, text: string, key: string): Promise<MessageRef> {
    const id = String(await this.redis.incr(this.keys.seq));
    return this.record({ kind: 'parent', channel: target.channel, thread: id, text, key }, id);
  }

  render(reply: Reply): string[] {
    return splitText(renderReplyText(reply), this.limit);
  }

  postInThread(parent: MessageRef, message: string, key: string): Promise<MessageRef> {
    return this.record({ kind: 'message', channel: parent.channel, thread: parent.thread, text: message, key });
  }

  async update(message: MessageRef, text: string): Promise<void> {
    await this.record({ kind: 'update', channel: message.channel, thread: message.thread, text }, message.id);
  }

  upload(parent: MessageRef, file: ReplyFile, key: string): Promise<MessageRef> {
    return this.record({ kind: 'file', channel: parent.channel, thread: parent.thread, text: `${file.filename}\n${file.content}`, key });
  }

  async find(_channel: string, _thread: string | undefined, key: string): Promise<MessageRef | undefined> {
    const raw = await this.redis.hget(this.keys.byKey, key);
    return raw ? (JSON.parse(raw) as MessageRef) : undefined;
  }

  async messages(): Promise<RecordedMessage[]> {
    return (await this.redis.lrange(this.keys.log, 0, -1)).map((line) => JSON.parse(line) as RecordedMessage);
  }
}
