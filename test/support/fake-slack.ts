import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileParts } from './multipart.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { fieldText } from './field-text.js';
import { type RateBucket } from './rate-bucket.js';

/** What kind of conversation a channel id is, and whether the bot is in it. */
export interface SlackConversation {
  kind: 'public' | 'private' | 'im' | 'mpim';
  member: boolean;
  name?: string;
}

/**
 * Text as Slack delivers what a person typed: `&`, `<` and `>` as entities, links and bare domains
 * as `<url|label>`, e-mail addresses as `<mailto:…|…>`. Mentions and channel links are already in
 * Slack's form (`<@U…>`, `<#C…|name>`) when typed from the client's pickers, and are kept.
 */
export function slackEncode(typed: string): string {
  const kept: string[] = [];
  const hold = (s: string) => `\u{E000}${kept.push(s) - 1}\u{E001}`;
  let text = typed.replace(/<[@#!][^>\s]+>/g, hold);
  text = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  text = text.replace(/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, (m) => hold(`<mailto:${m}|${m}>`));
  text = text.replace(/\bhttps?:\/\/[^\s<>]+/g, (m) => hold(`<${m}>`));
  text = text.replace(/\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|dev|ro|eu)\b/gi, (m) => hold(`<http://${m}|${m}>`));
  return text.replace(/\u{E000}(\d+)\u{E001}/gu, (_, i: string) => kept[Number(i)]!);
}

/** Slack's broadcast and group mentions: posting one of these pings people. */
export const PINGS = /<!(?:channel|here|everyone)(?:\|[^>]*)?>|<!subteam\^/;

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
  readonly updates: { channel: string; ts: string; text: string; blocks?: unknown[] }[] = [];
  readonly ephemerals: { channel: string; user: string; text: string; thread_ts?: string; blocks?: unknown[] }[] = [];
  /** Posts to slash commands' response URLs, by the URL's last path segment. */
  readonly responses: {
    url: string;
    response_type?: string;
    text: string;
    blocks?: unknown[];
    replace_original?: boolean;
  }[] = [];
  /** Reactions the bot added and removed. */
  readonly reactions: { channel: string; ts: string; name: string; op: 'add' | 'remove' }[] = [];
  /** Conversations by id; an id not here is a public channel the bot is in (GONE… ones are deleted). */
  readonly conversations = new Map<string, SlackConversation>();
  /** Slack's per-channel posting limit for chat.postMessage (about one a second, short bursts), 429 beyond. */
  limit: RateBucket | undefined;
  /** Calls refused with 429, by method. */
  readonly limited = new Map<string, number>();
  readonly uploads: {
    channel: string;
    thread_ts?: string;
    filename: string;
    content: string;
    /** The uploaded bytes as received (a picture is not UTF-8). */
    bytes: Buffer;
    alt_text?: string;
    length?: number;
  }[] = [];
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
  /** Answer the next N calls of a method with a 500 without doing anything. */
  readonly failBefore = new Map<string, number>();
  /** Do the next N calls of a method, then answer them with a 500 (the caller cannot tell it happened). */
  readonly failAfter = new Map<string, number>();
  /** While set, calls of these methods are held (not applied, not answered) until `release()`. */
  readonly hold = new Set<string>();
  private held: (() => void)[] = [];
  admins = new Set<string>();
  /** Home tabs as last published, by user id; modals opened, by view id. */
  readonly homes = new Map<string, { blocks: Record<string, unknown>[] }>();
  readonly modals = new Map<string, Record<string, unknown> & { id: string }>();
  /** Which trigger opened which modal. */
  readonly modalByTrigger = new Map<string, string>();
  private triggers = 0;
  private readonly usedTriggers = new Set<string>();
  private readonly expiredTriggers = new Set<string>();
  private server!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  /** Microseconds of the last ts given: Slack's ts is the posting time, unique per channel. */
  private ts = 0;
  private pendingUploads = new Map<string, { filename: string; length: number; alt_text?: string }>();
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
    this.ts = Math.max(this.ts + 1, Date.now() * 1000);
    return `${Math.floor(this.ts / 1e6)}.${String(this.ts % 1e6).padStart(6, '0')}`;
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.add(ws);
        ws.on('close', () => this.sockets.delete(ws));
        ws.on('message', (data) => {
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
    if (url.pathname.startsWith('/response')) {
      const args = parseArgs(body.toString('utf8'), req.headers['content-type']);
      // A response URL takes five posts within 30 minutes.
      if (this.responses.filter((r) => r.url === url.pathname).length >= 5)
        return json(404, { ok: false, error: 'used_url' });
      this.responses.push({
        url: url.pathname,
        text: fieldText(args.text),
        ...(typeof args.response_type === 'string' ? { response_type: args.response_type } : {}),
        ...(args.blocks ? { blocks: args.blocks as unknown[] } : {}),
        ...(args.replace_original !== undefined ? { replace_original: Boolean(args.replace_original) } : {}),
      });
      return json(200, { ok: true });
    }
    if (url.pathname.startsWith('/upload/')) {
      const id = url.pathname.slice('/upload/'.length);
      const pending = this.pendingUploads.get(id);
      // Slack takes the bytes raw or as a multipart form, as the SDK sends them.
      const type = req.headers['content-type'] ?? '';
      const bytes = /multipart\/form-data/.test(type) ? (fileParts(body, type)[0]?.bytes ?? body) : body;
      if (pending)
        this.uploads.push({
          channel: '',
          filename: pending.filename,
          content: bytes.toString('utf8'),
          bytes,
          ...(pending.alt_text ? { alt_text: pending.alt_text } : {}),
          length: pending.length,
        });
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
      this.limited.set(method, (this.limited.get(method) ?? 0) + 1);
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    }
    if (this.hold.has(method)) await new Promise<void>((resolve) => this.held.push(resolve));
    if (this.take(this.failBefore, method)) return json(500, { ok: false, error: 'internal_error' });
    if (this.take(this.failAfter, method)) {
      // Applied, then the answer is lost: Slack answers 500 but the message is in the channel.
      this.apply(method, args, () => undefined);
      return json(500, { ok: false, error: 'internal_error' });
    }
    this.apply(method, args, json);
  }

  private take(faults: Map<string, number>, method: string): boolean {
    const n = faults.get(method) ?? 0;
    if (n <= 0) return false;
    faults.set(method, n - 1);
    return true;
  }

  /** How many calls are held now. */
  get heldCount(): number {
    return this.held.length;
  }

  /** Lets every held call through, in order. */
  release(): void {
    this.hold.clear();
    for (const go of this.held.splice(0)) go();
  }

  /** Posts `n` messages of other users to a channel, as a busy channel would have. */
  chatter(channel: string, n: number): void {
    for (let i = 0; i < n; i++) this.messages.push({ channel, ts: this.nextTs(), text: `chatter ${i}` });
  }

  private apply(
    method: string,
    args: Record<string, unknown>,
    json: (status: number, payload: unknown, headers?: Record<string, string>) => void,
  ): void {
    // Slack refuses posts in conversations the bot is not in: a public channel says so, a private
    // one, a DM or a group DM between other people is invisible to the bot.
    const refusal = (channel: string): string | undefined => {
      if (channel.startsWith('GONE')) return 'channel_not_found';
      const c = this.conversations.get(channel);
      if (!c || c.member) return undefined;
      return c.kind === 'public' ? 'not_in_channel' : 'channel_not_found';
    };
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
        const channel = fieldText(args.channel);
        const refused = refusal(channel);
        if (refused) return json(200, { ok: false, error: refused });
        const wait = this.limit?.take(channel) ?? 0;
        if (wait > 0) {
          this.limited.set(method, (this.limited.get(method) ?? 0) + 1);
          return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.ceil(wait / 1000)) });
        }
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
        this.updates.push({
          channel: fieldText(args.channel),
          ts: fieldText(args.ts),
          text: fieldText(args.text),
          ...(args.blocks ? { blocks: args.blocks as unknown[] } : {}),
        });
        this.timeline.push({
          kind: 'update',
          id: fieldText(args.ts),
          thread: fieldText(args.ts),
          text: fieldText(args.text),
          channel: fieldText(args.channel),
        });
        return json(200, { ok: true, channel: args.channel, ts: args.ts });
      case 'conversations.replies':
        // Oldest first, the parent leading, a page at a time as Slack does.
        return json(
          200,
          page(
            this.messages.filter((m) => m.channel === args.channel && (m.ts === args.ts || m.thread_ts === args.ts)),
            args,
            1000,
          ),
        );
      case 'conversations.history': {
        // Newest first, from `oldest` on, 100 a page unless `limit` says otherwise (at most 999).
        const oldest = Number(args.oldest ?? 0);
        return json(
          200,
          page(
            this.messages.filter((m) => m.channel === args.channel && !m.thread_ts && Number(m.ts) > oldest).reverse(),
            args,
            999,
          ),
        );
      }
      case 'files.info': {
        const id = fieldText(args.file);
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
        // Like Slack: filename and a positive length are required; alt text is optional.
        const length = Number(args.length);
        if (typeof args.filename !== 'string' || !args.filename || !Number.isInteger(length) || length <= 0)
          return json(200, { ok: false, error: 'invalid_arguments' });
        const id = `F${randomUUID().slice(0, 8)}`;
        const alt = args.alt_txt ?? args.alt_text;
        this.pendingUploads.set(id, {
          filename: args.filename,
          length,
          ...(typeof alt === 'string' && alt ? { alt_text: alt } : {}),
        });
        return json(200, { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal': {
        const files = (args.files as { id: string; title?: string }[]) ?? [];
        for (const f of files) {
          const upload = this.uploads.find(
            (u) => u.filename === this.pendingUploads.get(f.id)?.filename && u.channel === '',
          );
          if (upload) {
            upload.channel = fieldText(args.channel_id);
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
      case 'chat.postEphemeral': {
        const refused = refusal(fieldText(args.channel));
        if (refused) return json(200, { ok: false, error: refused });
        this.ephemerals.push({
          channel: fieldText(args.channel),
          user: fieldText(args.user),
          text: fieldText(args.text),
          ...(args.thread_ts ? { thread_ts: fieldText(args.thread_ts) } : {}),
          ...(args.blocks ? { blocks: args.blocks as unknown[] } : {}),
        });
        return json(200, { ok: true, message_ts: this.nextTs() });
      }
      case 'reactions.add':
      case 'reactions.remove':
        this.reactions.push({
          channel: fieldText(args.channel),
          ts: fieldText(args.timestamp),
          name: fieldText(args.name),
          op: method === 'reactions.add' ? 'add' : 'remove',
        });
        return json(200, { ok: true });
      case 'conversations.info': {
        const c = this.conversations.get(fieldText(args.channel));
        if (c && !c.member && c.kind !== 'public') return json(200, { ok: false, error: 'channel_not_found' });
        const kind = c?.kind ?? 'public';
        return json(200, {
          ok: true,
          channel: {
            id: args.channel,
            name: c?.name ?? fieldText(args.channel).toLowerCase(),
            is_channel: kind === 'public',
            is_private: kind !== 'public',
            is_im: kind === 'im',
            is_mpim: kind === 'mpim',
            is_member: c?.member ?? true,
          },
        });
      }
      case 'users.info':
        return json(200, {
          ok: true,
          user: { id: args.user, is_admin: this.admins.has(fieldText(args.user)), is_owner: false },
        });
      case 'usergroups.users.list':
        return json(200, { ok: true, users: [] });
      case 'conversations.open': {
        const users = typeof args.users === 'string' ? args.users : '';
        if (!users) return json(200, { ok: false, error: 'users_list_not_supplied' });
        return json(200, { ok: true, channel: { id: `D${users.split(',')[0]}` } });
      }
      case 'views.open': {
        const trigger = typeof args.trigger_id === 'string' ? args.trigger_id : '';
        if (!/^\d+\.\d+\.[0-9a-f]+$/.test(trigger)) return json(200, { ok: false, error: 'invalid_trigger_id' });
        if (this.expiredTriggers.has(trigger)) return json(200, { ok: false, error: 'expired_trigger_id' });
        if (this.usedTriggers.has(trigger)) return json(200, { ok: false, error: 'exchanged_trigger_id' });
        const problem = viewProblem(args.view, 'modal');
        if (problem)
          return json(200, { ok: false, error: 'invalid_arguments', response_metadata: { messages: [problem] } });
        this.usedTriggers.add(trigger);
        const view = { ...(args.view as Record<string, unknown>), id: `V${randomUUID().slice(0, 8).toUpperCase()}` };
        this.modals.set(view.id, view);
        this.modalByTrigger.set(trigger, view.id);
        return json(200, { ok: true, view: { ...view, state: { values: {} } } });
      }
      case 'views.update': {
        const id = typeof args.view_id === 'string' ? args.view_id : '';
        if (!this.modals.has(id)) return json(200, { ok: false, error: 'not_found' });
        const problem = viewProblem(args.view, 'modal');
        if (problem)
          return json(200, { ok: false, error: 'invalid_arguments', response_metadata: { messages: [problem] } });
        this.modals.set(id, { ...(args.view as Record<string, unknown>), id });
        return json(200, { ok: true, view: { ...(args.view as object), id } });
      }
      case 'views.publish': {
        const user = typeof args.user_id === 'string' ? args.user_id : '';
        if (!user) return json(200, { ok: false, error: 'invalid_arguments' });
        const problem = viewProblem(args.view, 'home');
        if (problem)
          return json(200, { ok: false, error: 'invalid_arguments', response_metadata: { messages: [problem] } });
        this.homes.set(user, args.view as { blocks: Record<string, unknown>[] });
        return json(200, { ok: true, view: { ...(args.view as object), id: `VH${user}` } });
      }
      default:
        return json(200, { ok: false, error: 'unknown_method' });
    }
  }

  /** Declares a conversation: its kind and whether the bot is a member. */
  addConversation(id: string, conversation: SlackConversation): void {
    this.conversations.set(id, conversation);
  }

  /** A response URL for one slash command, served by this fake. */
  responseUrl(name: string): string {
    return `http://127.0.0.1:${this.port}/response/${encodeURIComponent(name)}`;
  }

  /** Every text the bot showed anyone (messages, blocks, ephemerals, response URLs, edits). */
  shown(): string[] {
    const blocksText = (blocks: unknown[] | undefined) => JSON.stringify(blocks ?? []);
    return [
      ...this.messages.map((m) => `${m.text}\n${blocksText(m.blocks)}`),
      ...this.updates.map((u) => `${u.text}\n${blocksText(u.blocks)}`),
      ...this.ephemerals.map((e) => `${e.text}\n${blocksText(e.blocks)}`),
      ...this.responses.map((r) => `${r.text}\n${blocksText(r.blocks)}`),
    ];
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

  /** A fresh trigger id, as Slack puts in a command, button or shortcut payload (one use). */
  trigger(): string {
    return `${1_700_000_000 + ++this.triggers}.${this.triggers}.${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  }

  /** Slack's triggers die after 3 seconds: this one has. */
  expireTrigger(trigger: string): void {
    this.expiredTriggers.add(trigger);
  }

  /** Submits an open modal with the given input values, as a user pressing its submit button; resolves with the ack payload. */
  async submitView(
    viewId: string,
    values: Record<string, Record<string, Record<string, unknown>>>,
    user: string,
    /** null: a payload without a workspace, which Slack should never send and the app must refuse. */
    team: string | null = 'T0001',
  ): Promise<Record<string, unknown>> {
    const view = this.modals.get(viewId);
    if (!view) throw new Error(`no open modal ${viewId}`);
    return this.envelope('interactive', {
      type: 'view_submission',
      team: team === null ? null : { id: team, domain: 'fake' },
      user: team === null ? { id: user } : { id: user, team_id: team },
      api_app_id: 'A1',
      trigger_id: this.trigger(),
      view: { ...view, team_id: team, state: { values }, hash: 'h', app_id: 'A1', bot_id: 'BBOT' },
    });
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

/**
 * What Slack's view validation refuses (a subset): the wrong type, a title over 24 characters, over
 * 100 blocks, a repeated block_id, an input block in a modal without a submit button, a button over
 * 75 characters.
 */
function viewProblem(raw: unknown, type: 'modal' | 'home'): string | undefined {
  const view = raw as {
    type?: string;
    title?: { text?: string };
    blocks?: Record<string, unknown>[];
    submit?: unknown;
  };
  if (!view || typeof view !== 'object') return 'view is required';
  if (view.type !== type) return `view.type must be ${type}`;
  if (type === 'modal' && !(view.title?.text && view.title.text.length <= 24))
    return 'title must be 1 to 24 characters';
  const blocks = view.blocks ?? [];
  if (!Array.isArray(blocks) || blocks.length > 100) return 'no more than 100 blocks';
  const ids = new Set<string>();
  for (const block of blocks) {
    const id = block.block_id as string | undefined;
    if (id !== undefined) {
      if (ids.has(id) || id.length > 255) return `block_id ${id} repeated or too long`;
      ids.add(id);
    }
    if (block.type === 'input' && type === 'modal' && !view.submit) return 'a modal with inputs needs submit';
    for (const element of [
      ...((block.elements as { type?: string; text?: { text?: string } }[]) ?? []),
      ...(block.accessory ? [block.accessory as { type?: string; text?: { text?: string } }] : []),
    ]) {
      if (element.type === 'button' && (element.text?.text?.length ?? 0) > 75) return 'button text over 75';
    }
  }
  return undefined;
}

/** One page of a list as Slack's cursor-paginated methods answer: `limit` (default 100) from `cursor`. */
function page(all: PostedMessage[], args: Record<string, unknown>, most: number) {
  const limit = Math.min(Number(args.limit ?? 100) || 100, most);
  const from = args.cursor
    ? Number(
        Buffer.from(args.cursor as string, 'base64')
          .toString()
          .replace('offset:', ''),
      )
    : 0;
  const messages = all.slice(from, from + limit);
  const more = from + limit < all.length;
  return {
    ok: true,
    messages,
    has_more: more,
    response_metadata: { next_cursor: more ? Buffer.from(`offset:${from + limit}`).toString('base64') : '' },
  };
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
