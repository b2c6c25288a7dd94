import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface DiscordPosted {
  id: string;
  channel_id: string;
  content?: string;
  embeds?: { title?: string; description?: string; fields?: unknown[] }[];
  nonce?: string;
  files?: string[];
}

/**
 * A fake Discord REST API on 127.0.0.1 for the real @discordjs/rest client (`api` pointed here):
 * messages with nonce enforcement, threads from messages, edits, attachments, and 429s on demand.
 */
export class FakeDiscordRest {
  readonly messages: DiscordPosted[] = [];
  readonly timeline: { kind: 'parent' | 'message' | 'file' | 'update'; id: string; thread: string; text: string; channel: string }[] = [];
  readonly threads = new Map<string, string>();
  /** Answer every Nth message create with 429 (0 = never). */
  rateLimitEvery = 0;
  rateLimited = 0;
  private server!: Server;
  private seq = 1_000_000_000_000_000;
  private creates = 0;
  port = 0;

  static async start(): Promise<FakeDiscordRest> {
    const fake = new FakeDiscordRest();
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', () => r()));
    fake.port = (fake.server.address() as { port: number }).port;
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    const path = (req.url ?? '').replace(/^\/api\/v10/, '');
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const channel = m[1]!;
      this.creates++;
      if (this.rateLimitEvery && this.creates % this.rateLimitEvery === 0) {
        this.rateLimited++;
        return json(429, { message: 'You are being rate limited.', retry_after: 0.05, global: false }, { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' });
      }
      const multipart = /multipart\/form-data/.test(req.headers['content-type'] ?? '');
      const body = multipart ? (JSON.parse(/name="payload_json"[\s\S]*?\r\n\r\n([\s\S]*?)\r\n--/.exec(raw)?.[1] ?? '{}') as Record<string, unknown>) : (JSON.parse(raw || '{}') as Record<string, unknown>);
      const files = multipart ? [...raw.matchAll(/filename="([^"]+)"/g)].map((x) => x[1]!) : [];
      if (body.enforce_nonce && body.nonce) {
        const existing = this.messages.find((p) => p.channel_id === channel && p.nonce === body.nonce);
        if (existing) return json(200, existing);
      }
      const message: DiscordPosted = { id: String(++this.seq), channel_id: channel, ...(body.content ? { content: String(body.content) } : {}), ...(body.embeds ? { embeds: body.embeds as DiscordPosted['embeds'] } : {}), ...(body.nonce ? { nonce: String(body.nonce) } : {}), ...(files.length ? { files } : {}) };
      this.messages.push(message);
      const inThread = [...this.threads.values()].includes(channel) || this.threads.has(channel);
      const text = [message.content ?? '', ...(message.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`)].join('\n');
      this.timeline.push({ kind: files.length ? 'file' : inThread ? 'message' : 'parent', id: message.id, thread: inThread ? channel : message.id, text: files.length ? files.join(',') : text, channel: inThread ? this.threads.get(channel) ?? channel : channel });
      return json(200, message);
    }
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      if (this.threads.has(m[2]!)) return json(400, { message: 'A thread has already been created for this message', code: 160004 });
      this.threads.set(m[2]!, m[1]!);
      return json(201, { id: m[2], type: 11, parent_id: m[1], name: (JSON.parse(raw) as { name: string }).name });
    }
    if (req.method === 'PATCH' && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      const body = JSON.parse(raw) as { content?: string };
      this.timeline.push({ kind: 'update', id: m[2]!, thread: m[2]!, text: body.content ?? '', channel: m[1]! });
      return json(200, { id: m[2], channel_id: m[1], content: body.content });
    }
    return json(404, { message: 'Unknown route', code: 0 });
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
