import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { fieldText } from './field-text.js';
import { fileParts } from './multipart.js';
import { type RateBucket } from './rate-bucket.js';

/** How a posted message shows in the timeline. */
function kindOf(file: boolean, inThread: boolean): 'file' | 'message' | 'parent' {
  if (file) return 'file';
  return inThread ? 'message' : 'parent';
}

/** Discord's epoch (2015-01-01): a snowflake's top 42 bits are milliseconds since it. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** Channel types (Discord's numbers). */
export const CHANNEL = {
  text: 0,
  dm: 1,
  voice: 2,
  groupDm: 3,
  announcementThread: 10,
  publicThread: 11,
  privateThread: 12,
  stage: 13,
  forum: 15,
} as const;
const THREAD_TYPES = new Set<number>([CHANNEL.announcementThread, CHANNEL.publicThread, CHANNEL.privateThread]);
/** Where a thread cannot be started from a message: DMs, threads (and forum posts), voice and stage chats. */
const NO_THREADS = new Set<number>([CHANNEL.dm, CHANNEL.groupDm, CHANNEL.voice, CHANNEL.stage, ...THREAD_TYPES]);

export type DiscordPermission = 'CREATE_PUBLIC_THREADS' | 'SEND_MESSAGES_IN_THREADS' | 'SEND_MESSAGES';

interface EmbedBody {
  title?: string;
  description?: string;
  fields?: { name?: string; value?: string }[];
  footer?: { text?: string };
  author?: { name?: string };
}

/**
 * Discord's limits on a message body, as the API checks them: 2,000 characters of content, 10
 * embeds, and per embed a title of 256, a description of 4,096, 25 fields (name 256, value 1,024),
 * a footer of 2,048 and 6,000 characters in all. Returns the `errors` object of a 50035 reply.
 */
export function invalidBody(body: { content?: unknown; embeds?: unknown }): Record<string, unknown> | undefined {
  const tooLong = (max: number) => ({
    _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` }],
  });
  const errors: Record<string, unknown> = {};
  if (typeof body.content === 'string' && body.content.length > 2000) errors.content = tooLong(2000);
  const embeds = Array.isArray(body.embeds) ? (body.embeds as EmbedBody[]) : [];
  if (embeds.length > 10) errors.embeds = tooLong(10);
  else {
    const perEmbed: Record<string, unknown> = {};
    embeds.forEach((e, i) => {
      const own: Record<string, unknown> = {};
      if ((e.title ?? '').length > 256) own.title = tooLong(256);
      if ((e.description ?? '').length > 4096) own.description = tooLong(4096);
      if ((e.footer?.text ?? '').length > 2048) own.footer = { text: tooLong(2048) };
      const fields = e.fields ?? [];
      if (fields.length > 25) own.fields = tooLong(25);
      else {
        const bad: Record<string, unknown> = {};
        fields.forEach((f, j) => {
          const field: Record<string, unknown> = {};
          if ((f.name ?? '').length > 256) field.name = tooLong(256);
          if ((f.value ?? '').length > 1024) field.value = tooLong(1024);
          if (Object.keys(field).length) bad[String(j)] = field;
        });
        if (Object.keys(bad).length) own.fields = bad;
      }
      const total =
        (e.title ?? '').length +
        (e.description ?? '').length +
        (e.footer?.text ?? '').length +
        (e.author?.name ?? '').length +
        fields.reduce((n, f) => n + (f.name ?? '').length + (f.value ?? '').length, 0);
      if (!Object.keys(own).length && total > 6000)
        own._errors = [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }];
      if (Object.keys(own).length) perEmbed[String(i)] = own;
    });
    if (Object.keys(perEmbed).length) errors.embeds = perEmbed;
  }
  return Object.keys(errors).length ? errors : undefined;
}

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
  /** 64: ephemeral (a follow-up only the requester sees). */
  flags?: number;
  /** Posted through an interaction's webhook (a follow-up), under this token. */
  token?: string;
}

/**
 * A fake Discord REST API on 127.0.0.1 for the real @discordjs/rest client (`api` pointed here):
 * messages with nonce enforcement, threads from messages, edits, attachments, interaction
 * follow-ups, reactions, and Discord's refusals: 50024 for a thread where none can start (DMs,
 * threads, forum posts, voice chats), 50013 for a permission the bot lacks, 50035 for a body over
 * the limits, 429 beyond a per-channel posting limit. Ids are snowflakes of the current time.
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
  /** A per-channel posting limit (message creates and follow-ups), 429 beyond it. */
  limit: RateBucket | undefined;
  /** Channel types by id; an id not here is a guild text channel. */
  readonly channelTypes = new Map<string, number>();
  /** Permissions the bot lacks, by channel (a thread inherits its parent's). */
  readonly denied = new Map<string, Set<DiscordPermission>>();
  /** Every refusal the fake gave, in order: what the bot was told and why. */
  readonly refusals: { route: string; status: number; code: number }[] = [];
  /** Follow-up messages of interactions, ephemeral ones included. */
  readonly followUps: DiscordPosted[] = [];
  /** Reactions added (`add`) and removed by the bot. */
  readonly reactions: { channel: string; message: string; emoji: string; op: 'add' | 'remove' }[] = [];
  /** The channel of each interaction token (from the INTERACTION_CREATE dispatched). */
  private readonly interactionChannels = new Map<string, string>();
  private readonly originals = new Map<string, string>();
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
  private lastSnowflake = 0n;
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

  /** A new id as Discord makes them: the current time since Discord's epoch, then a counter. */
  snowflake(): string {
    let next = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    if (next <= this.lastSnowflake) next = this.lastSnowflake + 1n;
    this.lastSnowflake = next;
    return String(next);
  }

  /** Declares a channel's type (a DM, a thread, a voice chat…); a thread or forum post names its parent. */
  setChannel(id: string, type: number, parent?: string): void {
    this.channelTypes.set(id, type);
    if (parent) this.threads.set(id, parent);
  }

  /** Takes a permission from the bot in a channel (and in threads under it). */
  deny(channel: string, ...permissions: DiscordPermission[]): void {
    const set = this.denied.get(channel) ?? new Set();
    for (const p of permissions) set.add(p);
    this.denied.set(channel, set);
  }

  private typeOf(channel: string): number {
    return this.channelTypes.get(channel) ?? (this.threads.has(channel) ? CHANNEL.publicThread : CHANNEL.text);
  }

  private lacks(channel: string, permission: DiscordPermission): boolean {
    const parent = this.threads.get(channel);
    return Boolean(this.denied.get(channel)?.has(permission) || (parent && this.denied.get(parent)?.has(permission)));
  }

  /** Where a message posted to `channel` shows: its thread's parent channel, or itself. */
  private shownIn(channel: string): string {
    return this.threads.get(channel) ?? channel;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void =>
      void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    const path = (req.url ?? '').replace(/^\/api\/v10/, '').replace(/\?.*$/, '');
    const route = `${req.method} ${path}`;
    const refuse = (status: number, code: number, message: string, errors?: Record<string, unknown>): void => {
      this.refusals.push({ route, status, code });
      json(status, { message, code, ...(errors ? { errors } : {}) });
    };
    /** Discord's per-route headers on every message create under a limit, as the REST client reads them. */
    const limitHeaders = (channel: string): Record<string, string> => {
      if (!this.limit) return {};
      const st = this.limit.state(channel);
      return {
        'x-ratelimit-limit': String(st.limit),
        'x-ratelimit-remaining': String(st.remaining),
        'x-ratelimit-reset-after': (st.resetAfterMs / 1000).toFixed(3),
        'x-ratelimit-reset': ((Date.now() + st.resetAfterMs) / 1000).toFixed(3),
        'x-ratelimit-bucket': `fake-messages-${channel}`,
      };
    };
    const limited = (waitMs: number): void => {
      this.rateLimited++;
      this.refusals.push({ route, status: 429, code: 0 });
      json(
        429,
        { message: 'You are being rate limited.', retry_after: waitMs / 1000, global: false },
        {
          'retry-after': String(waitMs / 1000),
          'x-ratelimit-scope': 'user',
          'x-ratelimit-limit': String(this.limit?.burst ?? 1),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(waitMs / 1000),
        },
      );
    };
    const multipart = /multipart\/form-data/.test(req.headers['content-type'] ?? '');
    const fileNames = multipart ? [...raw.matchAll(/filename="([^"]+)"/g)].map((x) => x[1]!) : [];
    const parseBody = (): Record<string, unknown> =>
      multipart
        ? (JSON.parse(/name="payload_json"[\s\S]*?\r\n\r\n([\s\S]*?)\r\n--/.exec(raw)?.[1] ?? '{}') as Record<
            string,
            unknown
          >)
        : (JSON.parse(raw || '{}') as Record<string, unknown>);
    const textOf = (message: DiscordPosted): string =>
      [message.content ?? '', ...(message.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`)].join(
        '\n',
      );
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
      const token = m[2]!;
      const body = JSON.parse(raw || '{}') as { content?: string; embeds?: unknown[] };
      const errors = invalidBody(body);
      if (errors) return refuse(400, 50035, 'Invalid Form Body', errors);
      this.originalEdits.push({ token, ...body });
      let id = this.originals.get(token);
      const first = !id;
      if (!id) this.originals.set(token, (id = this.snowflake()));
      const channel = this.interactionChannels.get(token) ?? this.guild.channels[0]!.id;
      const existing = this.messages.find((x) => x.id === id);
      if (!existing)
        this.messages.push({
          id,
          channel_id: channel,
          ...(body.content ? { content: body.content } : {}),
          ...(body.embeds ? { embeds: body.embeds as DiscordPosted['embeds'] } : {}),
        });
      else {
        if (body.content !== undefined) existing.content = body.content;
        if (body.embeds !== undefined) existing.embeds = body.embeds as DiscordPosted['embeds'];
      }
      const shown = this.messages.find((x) => x.id === id)!;
      this.timeline.push({
        kind: first ? 'parent' : 'update',
        id,
        thread: id,
        text: [
          body.content ?? '',
          ...((body.embeds ?? []) as EmbedBody[]).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`),
        ].join('\n'),
        channel,
      });
      return json(200, { id, channel_id: channel, content: shown.content ?? '', embeds: shown.embeds ?? [] });
    }
    if (req.method === 'POST' && (m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path))) {
      const token = m[2]!;
      const channel = this.interactionChannels.get(token) ?? this.guild.channels[0]!.id;
      const wait = this.limit?.take(channel) ?? 0;
      if (wait > 0) return limited(wait);
      const body = parseBody();
      const errors = invalidBody(body);
      if (errors) return refuse(400, 50035, 'Invalid Form Body', errors);
      const message: DiscordPosted = {
        id: this.snowflake(),
        channel_id: channel,
        token,
        ...(body.content ? { content: fieldText(body.content) } : {}),
        ...(body.embeds ? { embeds: body.embeds as DiscordPosted['embeds'] } : {}),
        ...(typeof body.flags === 'number' ? { flags: body.flags } : {}),
        ...(fileNames.length ? { files: fileNames } : {}),
      };
      this.followUps.push(message);
      if (!(Number(message.flags ?? 0) & 64)) {
        this.messages.push(message);
        this.timeline.push({
          kind: fileNames.length ? 'file' : 'message',
          id: message.id,
          thread: channel,
          text: fileNames.length ? fileNames.join(',') : textOf(message),
          channel,
          at: Date.now(),
        });
      }
      return json(200, message, limitHeaders(channel));
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/(?:@|%40)me$/.exec(path))) {
      this.reactions.push({
        channel: m[1]!,
        message: m[2]!,
        emoji: decodeURIComponent(m[3]!),
        op: req.method === 'DELETE' ? 'remove' : 'add',
      });
      return void res.writeHead(204).end();
    }
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const channel = m[1]!;
      // Channels whose id starts with 403 are ones the bot has been removed from.
      if (channel.startsWith('403')) return refuse(403, 50001, 'Missing Access');
      const inThread = THREAD_TYPES.has(this.typeOf(channel));
      if (this.lacks(channel, inThread ? 'SEND_MESSAGES_IN_THREADS' : 'SEND_MESSAGES'))
        return refuse(403, 50013, 'Missing Permissions');
      this.creates++;
      if (this.rateLimitEvery && this.creates % this.rateLimitEvery === 0) return limited(50);
      const wait = this.limit?.take(channel) ?? 0;
      if (wait > 0) return limited(wait);
      const body = parseBody();
      const errors = invalidBody(body);
      if (errors) return refuse(400, 50035, 'Invalid Form Body', errors);
      if (body.enforce_nonce && body.nonce) {
        const existing = this.messages.find((p) => p.channel_id === channel && p.nonce === body.nonce);
        if (existing) return json(200, existing);
      }
      const message: DiscordPosted = {
        id: this.snowflake(),
        channel_id: channel,
        ...(body.content ? { content: fieldText(body.content) } : {}),
        ...(body.embeds ? { embeds: body.embeds as DiscordPosted['embeds'] } : {}),
        ...(body.nonce ? { nonce: fieldText(body.nonce) } : {}),
        ...(fileNames.length ? { files: fileNames } : {}),
        ...(multipart ? { uploads: fileParts(Buffer.concat(chunks), req.headers['content-type'] ?? '') } : {}),
        ...(body.attachments ? { attachments: body.attachments as DiscordPosted['attachments'] } : {}),
      };
      this.messages.push(message);
      this.timeline.push({
        kind: kindOf(fileNames.length > 0, inThread),
        id: message.id,
        thread: inThread ? channel : message.id,
        text: fileNames.length ? fileNames.join(',') : textOf(message),
        channel: this.shownIn(channel),
        at: Date.now(),
      });
      return json(200, message, limitHeaders(channel));
    }
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      if (NO_THREADS.has(this.typeOf(m[1]!))) return refuse(400, 50024, 'Cannot execute action on this channel type');
      if (this.lacks(m[1]!, 'CREATE_PUBLIC_THREADS')) return refuse(403, 50013, 'Missing Permissions');
      if (this.threads.has(m[2]!)) return refuse(400, 160004, 'A thread has already been created for this message');
      this.threads.set(m[2]!, m[1]!);
      this.channelTypes.set(m[2]!, CHANNEL.publicThread);
      return json(201, { id: m[2], type: 11, parent_id: m[1], name: (JSON.parse(raw) as { name: string }).name });
    }
    if (req.method === 'PATCH' && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      const body = JSON.parse(raw) as { content?: string; embeds?: unknown[] };
      const errors = invalidBody(body);
      if (errors) return refuse(400, 50035, 'Invalid Form Body', errors);
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
    if (t === 'INTERACTION_CREATE') {
      const i = d as { token?: string; channel_id?: string };
      if (i.token && i.channel_id) this.interactionChannels.set(i.token, i.channel_id);
    }
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
