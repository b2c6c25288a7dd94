import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { fieldText } from './field-text.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: { key?: string } };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** WebClient sends form fields, with nested values JSON-encoded. */
function parseArgs(body: string, type: string | undefined): Record<string, unknown> {
  if (type?.includes('application/json')) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

/**
 * A fake Slack on 127.0.0.1: the Web API methods the bot uses, the file host, the upload URLs,
 * and a Socket Mode endpoint that speaks the envelope protocol. The real Bolt app and WebClient
 * talk to it through `slackApiUrl`.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly messages: PostedMessage[] = [];
  readonly updates: { channel: string; ts: string; text: string }[] = [];
  readonly ephemerals: { channel: string; user: string; text: string }[] = [];
  readonly uploads: { channel: string; thread_ts?: string; filename: string; content: string }[] = [];
  readonly files = new Map<string, { name: string; content: Buffer }>();
  readonly acks = new Map<string, Record<string, unknown>>();
  /** Everything posted, edited and uploaded, in order. */
  readonly timeline: {
    kind: 'parent' | 'message' | 'file' | 'update';
    id: string;
    thread: string;
    text: string;
    channel: string;
    at?: number;
  }[] = [];
  connectionsOpened = 0;
  /** Answer the next N calls of a method with 429 and Retry-After: 1. */
  readonly rateLimit = new Map<string, number>();
  admins = new Set<string>();
  private server!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private ts = 1_700_000_000;
  private pendingUploads = new Map<string, { filename: string }>();
  port = 0;

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await fake.listen();
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  private nextTs(): string {
    return `${++this.ts}.000100`;
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.add(ws);
        ws.on('close', () => this.sockets.delete(ws));
        ws.on('message', (data) => {
          // Slack's socket sends text frames, which ws hands over as one Buffer.
          const msg = JSON.parse((data as Buffer).toString('utf8')) as {
            envelope_id?: string;
            payload?: Record<string, unknown>;
          };
          if (msg.envelope_id) this.acks.set(msg.envelope_id, msg.payload ?? {});
        });
        ws.send(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            debug_info: { host: 'fake' },
            connection_info: { app_id: 'A1' },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as { port: number }).port;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const body = await readBody(req);
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
    };
    if (url.pathname.startsWith('/files/')) {
      const file = this.files.get(url.pathname.slice('/files/'.length));
      if (!file || req.headers.authorization !== 'Bearer xoxb-fake-bot-token') return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-length': String(file.content.length) }).end(file.content);
    }
    if (url.pathname.startsWith('/upload/')) {
      const id = url.pathname.slice('/upload/'.length);
      const pending = this.pendingUploads.get(id);
      if (pending) this.uploads.push({ channel: '', filename: pending.filename, content: body.toString('utf8') });
      return void res.writeHead(200).end('OK');
    }
    if (!url.pathname.startsWith('/api/')) return void res.writeHead(404).end();
    const method = url.pathname.slice('/api/'.length);
    const args = parseArgs(body.toString('utf8'), req.headers['content-type']);
    const auth = req.headers.authorization;
    this.calls.push({ method, args, ...(auth ? { token: auth.replace(/^Bearer /, '') } : {}) });
    const limited = this.rateLimit.get(method) ?? 0;
    if (limited > 0) {
      this.rateLimit.set(method, limited - 1);
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    }
    switch (method) {
      case 'auth.test':
        return json(200, {
          ok: true,
          url: 'https://fake.slack.com/',
          team: 'Fake',
          user: 'voipnow',
          team_id: 'T0001',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        });
      case 'apps.connections.open':
        this.connectionsOpened++;
        return json(200, { ok: true, url: `ws://127.0.0.1:${this.port}/socket` });
      case 'chat.postMessage': {
        const channel = String(args.channel);
        if (channel.startsWith('GONE')) return json(200, { ok: false, error: 'channel_not_found' });
        const message: PostedMessage = {
          channel,
          ts: this.nextTs(),
          text: fieldText(args.text),
          ...(args.thread_ts ? { thread_ts: fieldText(args.thread_ts) } : {}),
          ...(args.blocks ? { blocks: args.blocks as unknown[] } : {}),
          ...(args.metadata ? { metadata: args.metadata as PostedMessage['metadata'] } : {}),
        };
        this.messages.push(message);
        const shown = [
          message.text,
          ...((message.blocks ?? []) as { text?: { text?: string } }[]).map((b) => b.text?.text ?? ''),
        ].join('\n');
        this.timeline.push({
          kind: message.thread_ts ? 'message' : 'parent',
          id: message.ts,
          thread: message.thread_ts ?? message.ts,
          text: shown,
          channel,
          at: Date.now(),
        });
        return json(200, { ok: true, channel, ts: message.ts, message });
      }
      case 'chat.update':
        this.updates.push({ channel: String(args.channel), ts: String(args.ts), text: fieldText(args.text) });
        this.timeline.push({
          kind: 'update',
          id: String(args.ts),
          thread: String(args.ts),
          text: fieldText(args.text),
          channel: String(args.channel),
        });
        return json(200, { ok: true, channel: args.channel, ts: args.ts });
      case 'conversations.replies':
        return json(200, {
          ok: true,
          messages: this.messages.filter(
            (m) => m.channel === args.channel && (m.ts === args.ts || m.thread_ts === args.ts),
          ),
        });
      case 'conversations.history':
        return json(200, {
          ok: true,
          messages: this.messages.filter((m) => m.channel === args.channel && !m.thread_ts).reverse(),
        });
      case 'files.info': {
        const id = String(args.file);
        const file = this.files.get(id);
        if (!file) return json(200, { ok: false, error: 'file_not_found' });
        return json(200, {
          ok: true,
          file: {
            id,
            name: file.name,
            size: file.content.length,
            url_private_download: `http://127.0.0.1:${this.port}/files/${id}`,
          },
        });
      }
      case 'files.getUploadURLExternal': {
        const id = `F${randomUUID().slice(0, 8)}`;
        this.pendingUploads.set(id, { filename: String(args.filename) });
        return json(200, { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal': {
        const files = (args.files as { id: string; title?: string }[]) ?? [];
        for (const f of files) {
          const upload = this.uploads.find(
            (u) => u.filename === this.pendingUploads.get(f.id)?.filename && u.channel === '',
          );
          if (upload) {
            upload.channel = String(args.channel_id);
            if (args.thread_ts) upload.thread_ts = fieldText(args.thread_ts);
            this.timeline.push({
              kind: 'file',
              id: f.id,
              thread: fieldText(args.thread_ts),
              text: upload.filename,
              channel: upload.channel,
            });
          }
        }
        return json(200, { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) });
      }
      case 'chat.postEphemeral':
        this.ephemerals.push({ channel: String(args.channel), user: String(args.user), text: fieldText(args.text) });
        return json(200, { ok: true, message_ts: this.nextTs() });
      case 'users.info':
        return json(200, {
          ok: true,
          user: { id: args.user, is_admin: this.admins.has(String(args.user)), is_owner: false },
        });
      case 'usergroups.users.list':
        return json(200, { ok: true, users: [] });
      default:
        return json(200, { ok: false, error: 'unknown_method' });
    }
  }

  /** A file as Slack would host it, with the metadata an event carries. */
  addFile(
    name: string,
    content: string | Buffer,
  ): { id: string; name: string; size: number; url_private_download: string } {
    const id = `F${randomUUID().slice(0, 8).toUpperCase()}`;
    const buf = Buffer.isBuffer(content) ? content : Buffer.from(content);
    this.files.set(id, { name, content: buf });
    return { id, name, size: buf.length, url_private_download: `http://127.0.0.1:${this.port}/files/${id}` };
  }

  /** Sends a Socket Mode envelope and resolves with the client's acknowledgement. */
  async envelope(
    type: 'slash_commands' | 'events_api' | 'interactive',
    payload: Record<string, unknown>,
    retry = 0,
  ): Promise<Record<string, unknown>> {
    const id = randomUUID();
    const started = Date.now();
    while (this.sockets.size === 0) {
      if (Date.now() - started > 15_000) throw new Error('no Socket Mode connection');
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const ws of this.sockets)
      ws.send(
        JSON.stringify({
          envelope_id: id,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          retry_attempt: retry,
          retry_reason: retry ? 'timeout' : '',
        }),
      );
    while (!this.acks.has(id)) {
      if (Date.now() - started > 15_000) throw new Error(`envelope ${id} was not acknowledged`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.acks.get(id)!;
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  /** Drops every Socket Mode connection, as Slack does on a refresh or an outage. */
  dropSockets(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Signs a request body as Slack does (v0 HMAC-SHA256 of "v0:timestamp:body"). */
export function signSlack(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}
