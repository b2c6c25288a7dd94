import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { fieldText } from './field-text.js';
import { fileParts } from './multipart.js';

export interface DiscordPosted {
  id: string;
  channel_id: string;
  content?: string;
  embeds?: { title?: string; description?: string; fields?: unknown[]; image?: { url: string } }[];
  nonce?: string;
  files?: string[];
  /** The uploaded files' bytes and declared types, as Discord stores them. */
  uploads?: { name: string; contentType: string; bytes: Buffer }[];
  attachments?: { id: number; filename?: string; description?: string }[];
}

/**
 * A fake Discord REST API on 127.0.0.1 for the real @discordjs/rest client (`api` pointed here):
 * messages with nonce enforcement, threads from messages, edits, attachments, and 429s on demand.
 */
export class FakeDiscordRest {
  readonly messages: DiscordPosted[] = [];
  readonly timeline: {
    kind: 'parent' | 'message' | 'file' | 'update';
    id: string;
    thread: string;
    text: string;
    channel: string;
    at?: number;
  }[] = [];
  readonly threads = new Map<string, string>();
  /** Channels of other guilds (or DMs, null) than the fake's own, by id. */
  readonly channelGuilds = new Map<string, string | null>();
  /** Answer every Nth message create with 429 (0 = never). */
  rateLimitEvery = 0;
  rateLimited = 0;
  readonly interactionCallbacks: { id: string; type: number; data?: unknown }[] = [];
  readonly originalEdits: { token: string; content?: string; embeds?: unknown[] }[] = [];
  identifies = 0;
  readonly files = new Map<string, Buffer>();
  readonly registered: { application: string; guild?: string; commands: unknown[] }[] = [];
  resumes = 0;
  private server!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  /** Every dispatch sent, for replay on RESUME. */
  private dispatched: { s: number; t: string; d: unknown }[] = [];
  private sequence = 0;
  guild = {
    id: '300000000000000001',
    channels: [
      {
        id: '300000000000000010',
        type: 0,
        name: 'infra',
        guild_id: '300000000000000001',
        position: 0,
        permission_overwrites: [],
      },
    ],
  };
  bot = {
    id: '300000000000000099',
    username: 'voipnow',
    discriminator: '0',
    bot: true,
    global_name: null,
    avatar: null,
  };
  private seq = 1_000_000_000_000_000;
  private creates = 0;
  port = 0;

  static async start(): Promise<FakeDiscordRest> {
    const fake = new FakeDiscordRest();
    fake.server = createServer((req, res) => void fake.handle(req, res));
    fake.wss = new WebSocketServer({ noServer: true });
    fake.server.on('upgrade', (req, socket, head) =>
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.gateway(ws)),
    );
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
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void =>
      void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    const path = (req.url ?? '').replace(/^\/api\/v10/, '').replace(/\?.*$/, '');
    let m: RegExpExecArray | null;
    if (req.method === 'GET' && (m = /^\/files\/(.+)$/.exec(path))) {
      const file = this.files.get(decodeURIComponent(m[1]!));
      if (!file) return json(404, { message: 'Unknown attachment' });
      return void res.writeHead(200, { 'content-length': String(file.length) }).end(file);
    }
    if (req.method === 'GET' && (m = /^\/channels\/(\d+)$/.exec(path))) {
      // Channels belong to the fake's one guild unless a test placed them elsewhere (null: a DM).
      const guild = this.channelGuilds.has(m[1]!) ? this.channelGuilds.get(m[1]!) : this.guild.id;
      return json(200, { id: m[1], type: guild ? 0 : 1, ...(guild ? { guild_id: guild } : {}) });
    }
    if (req.method === 'PUT' && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      this.registered.push({
        application: m[1]!,
        ...(m[2] ? { guild: m[2] } : {}),
        commands: JSON.parse(raw) as unknown[],
      });
      return json(200, JSON.parse(raw));
    }
    if (req.method === 'GET' && path === '/gateway/bot') {
      return json(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (req.method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      const body = JSON.parse(raw || '{}') as { type: number; data?: unknown };
      this.interactionCallbacks.push({ id: m[1]!, type: body.type, ...(body.data ? { data: body.data } : {}) });
      return void res.writeHead(204).end();
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(?:@|%40)original$/.exec(path))) {
      const body = JSON.parse(raw || '{}') as { content?: string; embeds?: unknown[] };
      this.originalEdits.push({ token: m[2]!, ...body });
      const id = `7${m[2]!.replace(/\D/g, '').padEnd(17, '0').slice(0, 17)}`;
      const channel = this.guild.channels[0]!.id;
      if (!this.messages.some((x) => x.id === id))
        this.messages.push({ id, channel_id: channel, ...(body.content ? { content: body.content } : {}) });
      this.timeline.push({
        kind: this.originalEdits.filter((e) => e.token === m![2]).length === 1 ? 'parent' : 'update',
        id,
        thread: id,
        text: body.content ?? '',
        channel,
      });
      return json(200, { id, channel_id: channel, content: body.content ?? '', embeds: body.embeds ?? [] });
    }
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const channel = m[1]!;
      // Channels whose id starts with 403 are ones the bot has been removed from.
      if (channel.startsWith('403')) return json(403, { message: 'Missing Access', code: 50001 });
      this.creates++;
      if (this.rateLimitEvery && this.creates % this.rateLimitEvery === 0) {
        this.rateLimited++;
        return json(
          429,
          { message: 'You are being rate limited.', retry_after: 0.05, global: false },
          { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' },
        );
      }
      const multipart = /multipart\/form-data/.test(req.headers['content-type'] ?? '');
      const body = multipart
        ? (JSON.parse(/name="payload_json"[\s\S]*?\r\n\r\n([\s\S]*?)\r\n--/.exec(raw)?.[1] ?? '{}') as Record<
            string,
            unknown
          >)
        : (JSON.parse(raw || '{}') as Record<string, unknown>);
      const files = multipart ? [...raw.matchAll(/filename="([^"]+)"/g)].map((x) => x[1]!) : [];
      if (body.enforce_nonce && body.nonce) {
        const existing = this.messages.find((p) => p.channel_id === channel && p.nonce === body.nonce);
        if (existing) return json(200, existing);
      }
      const message: DiscordPosted = {
        id: String(++this.seq),
        channel_id: channel,
        ...(body.content ? { content: fieldText(body.content) } : {}),
        ...(body.embeds ? { embeds: body.embeds as DiscordPosted['embeds'] } : {}),
        ...(body.nonce ? { nonce: fieldText(body.nonce) } : {}),
        ...(files.length ? { files } : {}),
        ...(multipart ? { uploads: fileParts(Buffer.concat(chunks), req.headers['content-type'] ?? '') } : {}),
        ...(body.attachments ? { attachments: body.attachments as DiscordPosted['attachments'] } : {}),
      };
      this.messages.push(message);
      const inThread = this.threads.has(channel);
      const text = [
        message.content ?? '',
        ...(message.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`),
      ].join('\n');
      let kind: 'file' | 'message' | 'parent' = inThread ? 'message' : 'parent';
      if (files.length) kind = 'file';
      this.timeline.push({
        kind,
        id: message.id,
        thread: inThread ? channel : message.id,
        text: files.length ? files.join(',') : text,
        channel: inThread ? (this.threads.get(channel) ?? channel) : channel,
        at: Date.now(),
      });
      return json(200, message);
    }
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      if (this.threads.has(m[2]!))
        return json(400, { message: 'A thread has already been created for this message', code: 160004 });
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

  private send(ws: WebSocket, payload: unknown): void {
    ws.send(JSON.stringify(payload));
  }

  /** The gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with replay. */
  private gateway(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    this.send(ws, { op: 10, d: { heartbeat_interval: 1000 }, s: null, t: null });
    ws.on('message', (raw) => {
      const msg = JSON.parse((raw as Buffer).toString('utf8')) as { op: number; d: { seq?: number } };
      if (msg.op === 1) this.send(ws, { op: 11, d: null, s: null, t: null });
      if (msg.op === 2) {
        this.identifies++;
        this.dispatch(
          'READY',
          {
            v: 10,
            user: this.bot,
            guilds: [{ id: this.guild.id, unavailable: true }],
            session_id: 'fake-session',
            resume_gateway_url: `ws://127.0.0.1:${this.port}`,
            application: { id: '300000000000000098', flags: 0 },
            shard: [0, 1],
          },
          ws,
        );
        this.dispatch(
          'GUILD_CREATE',
          {
            id: this.guild.id,
            name: 'Fake Guild',
            unavailable: false,
            owner_id: '1',
            member_count: 2,
            large: false,
            features: [],
            emojis: [],
            stickers: [],
            roles: [
              {
                id: this.guild.id,
                name: '@everyone',
                permissions: '0',
                position: 0,
                color: 0,
                hoist: false,
                managed: false,
                mentionable: false,
                flags: 0,
              },
              // The role the tests name as the bot's admin role (DISCORD_ADMIN_ROLE).
              {
                id: '800000000000000001',
                name: 'infra-admins',
                permissions: '0',
                position: 1,
                color: 0,
                hoist: false,
                managed: false,
                mentionable: true,
                flags: 0,
              },
            ],
            members: [],
            channels: this.guild.channels,
            threads: [],
            presences: [],
            voice_states: [],
            stage_instances: [],
            guild_scheduled_events: [],
            joined_at: new Date().toISOString(),
            premium_tier: 0,
            preferred_locale: 'en-US',
            system_channel_flags: 0,
            nsfw_level: 0,
          },
          ws,
        );
      }
      if (msg.op === 6) {
        this.resumes++;
        for (const e of this.dispatched.filter((x) => x.s > (msg.d.seq ?? 0)))
          this.send(ws, { op: 0, s: e.s, t: e.t, d: e.d });
        this.dispatch('RESUMED', {}, ws);
      }
    });
  }

  /** Sends a dispatch to the connected client (or, with no connection, keeps it for the RESUME replay). */
  dispatch(t: string, d: unknown, only?: WebSocket): void {
    const s = ++this.sequence;
    this.dispatched.push({ s, t, d });
    for (const ws of only ? [only] : this.sockets) this.send(ws, { op: 0, s, t, d });
  }

  /** An attachment as Discord's CDN would serve it. */
  addFile(name: string, content: string | Buffer): { url: string; filename: string; size: number } {
    const buf = Buffer.isBuffer(content) ? content : Buffer.from(content);
    this.files.set(name, buf);
    return {
      url: `http://127.0.0.1:${this.port}/api/v10/files/${encodeURIComponent(name)}`,
      filename: name,
      size: buf.length,
    };
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  /** Drops the gateway connection as a network fault would (close code 4000: resumable). */
  dropGateway(): void {
    for (const ws of this.sockets) ws.close(4000, 'fake drop');
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss?.close();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
