import { showTimes, utcTime } from '../../src/reply/time.js';
import type { Redis } from 'ioredis';
import { LuaScript } from '../../src/runtime/lua-script.js';
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

const RECORD = new LuaScript(`
local id = ARGV[1]
if id == '' then id = tostring(redis.call('INCR', KEYS[1])) end
local entry = cjson.decode(ARGV[2])
entry['id'] = id
if entry['thread'] == '' then entry['thread'] = id end
redis.call('RPUSH', KEYS[2], cjson.encode(entry))
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[3], ARGV[3], cjson.encode({ channel = entry['channel'], id = id, thread = entry['thread'] }))
end
return id`);

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

  /** One atomic step, like a platform accepting a message: number it, log it, index its key. */
  private async record(entry: Omit<RecordedMessage, 'id'>, id?: string): Promise<MessageRef> {
    const messageId = (await RECORD.run(
      this.redis,
      [this.keys.seq, this.keys.log, this.keys.byKey],
      [id ?? '', JSON.stringify(entry), entry.key ?? ''],
    )) as string;
    return { channel: entry.channel, id: messageId, thread: entry.thread === '' ? messageId : entry.thread };
  }

  startThread(target: ReplyTarget, text: string, key: string): Promise<MessageRef> {
    // An empty thread means "the message starts its own thread".
    return this.record({ kind: 'parent', channel: target.channel, thread: '', text, key });
  }

  render(reply: Reply): string[] {
    return splitText(showTimes(renderReplyText(reply), utcTime), this.limit);
  }

  postInThread(parent: MessageRef, message: string, key: string): Promise<MessageRef> {
    return this.record({ kind: 'message', channel: parent.channel, thread: parent.thread, text: message, key });
  }

  async update(message: MessageRef, text: string): Promise<void> {
    await this.record(
      { kind: 'update', channel: message.channel, thread: message.thread, text: showTimes(text, utcTime) },
      message.id,
    );
  }

  upload(parent: MessageRef, file: ReplyFile, key: string): Promise<MessageRef> {
    return this.record({
      kind: 'file',
      channel: parent.channel,
      thread: parent.thread,
      text: `${file.filename}\n${typeof file.content === 'string' ? file.content : `${file.content.byteLength} bytes${file.alt ? `: ${file.alt}` : ''}`}`,
      key,
    });
  }

  async find(_target: ReplyTarget, _thread: string | undefined, key: string): Promise<MessageRef | undefined> {
    const raw = await this.redis.hget(this.keys.byKey, key);
    return raw ? (JSON.parse(raw) as MessageRef) : undefined;
  }

  async messages(): Promise<RecordedMessage[]> {
    return (await this.redis.lrange(this.keys.log, 0, -1)).map((line) => JSON.parse(line) as RecordedMessage);
  }
}
