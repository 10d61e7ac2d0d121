/**
 * The script's clients, talking to HAProxy's frontend on loopback: an HTTP/1.1 client of our own
 * (one request at a time per connection, keep-alive, reconnecting when its connection was closed,
 * as the engines' clients do) and an HTTP/2 client (node:http2, prior-knowledge h2c to the `proto
 * h2` bind). A connection's sessions are named as the engines name them: `A`, then `A.2`, `A.3`.
 * Every request carries the script's wishes for the server in headers (servers.ts) and ends, at
 * the latest, when `limitMs` runs out.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as h2Connect, type ClientHttp2Session } from 'node:http2';
import { CONN_HEADER, REQ_HEADER, RESPOND_HEADER, TAKES_HEADER, TARGET_HEADER } from './servers';

export interface OutRequest {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  /** `x-respond` value: `401 ntlm close`. */
  readonly respond: string | null;
  readonly takesUs: number | null;
  /** The request carries `Connection: close` (h1). */
  readonly close: boolean;
  /** `to SERVER`: the explicit target. */
  readonly target: string | null;
  /**
   * `host NAME` (h2: :authority); null: h1 sends `Host: verify`, h2 node's `127.0.0.1:PORT`. Always
   * one: an HTTP/1.1 request without Host that HAProxy 2.6.12 forwarded to an emulated `proto h2`
   * server got a 502 (core/examples/sc20 with --config own).
   */
  readonly host?: string | null;
  /** `header "NAME: VALUE"` fields, in order. */
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
}

export interface ClientEvents {
  sent(req: OutRequest, session: string): void;
  /** `tag`: the server connection the response says it came from (x-conn), if any. */
  done(req: OutRequest, status: number | null, error: string | null, tag?: string | null): void;
  unsent(req: OutRequest, session: string, error: string): void;
}

export interface Client {
  readonly name: string;
  readonly proto: 'h1' | 'h2';
  /** A connection is open (or opening). */
  readonly open: boolean;
  connect(): Promise<void>;
  /** The source address to connect from (absent: the system's). */
  localAddress: string | undefined;
  /** Sends now or queues; settles when the request is over, whatever its outcome. */
  request(req: OutRequest): Promise<void>;
  /** The client closes its connection (FIN); what is in flight fails. */
  close(): void;
  /** Requests in flight or queued. */
  readonly busy: number;
  /** Connections (sessions) opened so far under this name. */
  readonly generations: number;
}

const headersOf = (req: OutRequest): Record<string, string | string[]> => {
  const h: Record<string, string | string[]> = { [REQ_HEADER]: req.id };
  if (req.respond) h[RESPOND_HEADER] = req.respond;
  if (req.takesUs !== null) h[TAKES_HEADER] = String(req.takesUs);
  if (req.target !== null) h[TARGET_HEADER] = req.target;
  // A field the script gives twice is sent twice, in order (hdr_cnt, hdr(NAME,-1) see both).
  for (const f of req.headers ?? []) {
    const k = f.name.toLowerCase();
    const had = h[k];
    h[k] = had === undefined ? f.value : [...(Array.isArray(had) ? had : [had]), f.value];
  }
  return h;
};

/** The request's fields with the kept cookies after the script's own Cookie fields (core/engines/persistence.ts reads them in that order). */
function withCookies(h: Record<string, string | string[]>, jar: string | null): Record<string, string | string[]> {
  if (jar === null) return h;
  const had = h.cookie;
  return { ...h, cookie: had === undefined ? jar : [...(Array.isArray(had) ? had : [had]), jar] };
}

/** The Host an h1 request carries first: the script's, else `verify`. */
const hostOf = (req: OutRequest): Record<string, string> => ({ host: req.host || 'verify' });

interface Pending { req: OutRequest; resolve: () => void }

/**
 * The cookies HAProxy sets on a client (`cookie NAME insert`), kept as a browser keeps them and
 * sent with its next requests, as the engines' clients do (core/engines/persistence.ts). A
 * Set-Cookie with an empty value (HAProxy's deletion, dated 1970) removes the cookie.
 */
export class CookieJar {
  private readonly jar = new Map<string, string>();

  take(setCookies: readonly string[]): void {
    for (const sc of setCookies) {
      const pair = sc.split(';')[0]!;
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /** The Cookie header to send, or null when there is none. */
  header(): string | null {
    return this.jar.size === 0 ? null : [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export class H1Client implements Client {
  readonly proto = 'h1';
  private socket: Socket | null = null;
  private session = '';
  private current: (Pending & { timer: NodeJS.Timeout; buf: Buffer }) | null = null;
  private readonly queue: Pending[] = [];
  /** The connection will not take another request (Connection: close seen, or FIN). */
  private ended = true;
  private readonly cookies = new CookieJar();
  /** The source address the client connects from (`open … from 127.x.y.z`; absent: the system's). */
  localAddress: string | undefined;

  constructor(
    readonly name: string,
    private readonly port: number,
    private readonly ev: ClientEvents,
    private readonly limitMs: number,
    /** Sessions this client name had before (under another protocol). */
    private generation = 0,
  ) {}

  get open(): boolean {
    return !this.ended;
  }

  get busy(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  get generations(): number {
    return this.generation;
  }

  connect(): Promise<void> {
    this.generation++;
    this.session = this.generation === 1 ? this.name : `${this.name}.${this.generation}`;
    this.ended = false;
    const s = netConnect({ port: this.port, host: '127.0.0.1', allowHalfOpen: true, ...(this.localAddress ? { localAddress: this.localAddress } : {}) });
    s.setNoDelay(true);
    this.socket = s;
    s.on('data', (d: Buffer) => this.onData(s, d));
    const gone = () => {
      if (this.socket !== s) return;
      this.ended = true;
      this.socket = null;
      this.fail('client connection closed by proxy');
      if (!s.destroyed) s.destroy();
    };
    s.on('end', gone);
    s.on('close', gone);
    s.on('error', () => {});
    return new Promise((res) => {
      const t = setTimeout(res, this.limitMs);
      s.once('connect', () => { clearTimeout(t); res(); });
      s.once('close', () => { clearTimeout(t); res(); });
    });
  }

  request(req: OutRequest): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ req, resolve });
      this.next();
    });
  }

  private next(): void {
    if (this.current || this.queue.length === 0) return;
    const p = this.queue.shift()!;
    // Written at once, as the engines send it: a socket buffers what is written while it connects.
    if (this.ended) void this.connect();
    const s = this.socket;
    if (!s || s.destroyed) {
      this.ev.unsent(p.req, this.session, 'could not connect to HAProxy');
      p.resolve();
      return this.next();
    }
    const timer = setTimeout(() => this.settle(null, `no response within ${this.limitMs} ms (verify's limit)`), this.limitMs);
    this.current = { ...p, timer, buf: Buffer.alloc(0) };
    const h = { ...hostOf(p.req), ...withCookies(headersOf(p.req), this.cookies.header()), ...(p.req.close ? { connection: 'close' } : {}) };
    const body = p.req.method === 'GET' || p.req.method === 'HEAD' ? '' : 'content-length: 0\r\n';
    this.ev.sent(p.req, this.session);
    s.write(`${p.req.method} ${p.req.path} HTTP/1.1\r\n${Object.entries(h).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}: ${x}\r\n`)).join('')}${body}\r\n`);
  }

  private onData(s: Socket, d: Buffer): void {
    const cur = this.current;
    if (!cur || this.socket !== s) return;
    cur.buf = Buffer.concat([cur.buf, d]);
    const end = cur.buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = cur.buf.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(head[0]!.split(' ')[1]);
    const headers = new Map<string, string>();
    for (const line of head.slice(1)) {
      const i = line.indexOf(':');
      if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim().toLowerCase());
    }
    const body = cur.buf.subarray(end + 4);
    const len = cur.req.method === 'HEAD' ? 0 : headers.has('content-length') ? Number(headers.get('content-length')) : null;
    if (len !== null && body.length < len) return;
    if (len === null && headers.get('transfer-encoding') === 'chunked' && !body.includes('0\r\n\r\n')) return;
    if (len === null && headers.get('transfer-encoding') !== 'chunked') {
      // Body until close: the response ends with the connection.
      this.ended = true;
      return;
    }
    if (headers.get('connection') === 'close' || cur.req.close) this.ended = true;
    this.cookies.take(head.slice(1).filter((l) => /^set-cookie:/i.test(l)).map((l) => l.slice(l.indexOf(':') + 1).trim()));
    this.settle(status, null, head.find((l) => l.toLowerCase().startsWith(`${CONN_HEADER}:`))?.slice(CONN_HEADER.length + 1).trim() ?? null);
  }

  /** The current request is over; the next queued one goes. */
  private settle(status: number | null, error: string | null, tag: string | null = null): void {
    const cur = this.current;
    if (!cur) return;
    clearTimeout(cur.timer);
    this.current = null;
    this.ev.done(cur.req, status, error, tag);
    cur.resolve();
    this.next();
  }

  private fail(error: string): void {
    this.settle(null, error);
  }

  close(): void {
    if (this.ended && !this.socket) return;
    this.ended = true;
    const s = this.socket;
    this.socket = null;
    // The queue goes first: settling the request in flight starts the next queued one, which
    // would reconnect and send it (gen-200063: r5 and r6 reached HAProxy after `close A`).
    const queued = this.queue.splice(0);
    if (this.current) this.settle(null, 'client closed its connection');
    for (const p of queued) {
      this.ev.unsent(p.req, this.session, 'not sent: client connection closed');
      p.resolve();
    }
    s?.end();
    // Bounded: a socket that does not finish closing is torn down.
    if (s) setTimeout(() => s.destroy(), 1000).unref();
  }
}

export class H2Client implements Client {
  readonly proto = 'h2';
  private session: ClientHttp2Session | null = null;
  private sessionName = '';
  private inflight = 0;
  private readonly aborts = new Set<() => void>();
  private raw: Socket | null = null;
  private readonly cookies = new CookieJar();
  /** The source address the client connects from (`open … from 127.x.y.z`; absent: the system's). */
  localAddress: string | undefined;

  constructor(
    readonly name: string,
    private readonly port: number,
    private readonly ev: ClientEvents,
    private readonly limitMs: number,
    /** Sessions this client name had before (under another protocol). */
    private generation = 0,
  ) {}

  get open(): boolean {
    return this.session !== null && !this.session.closed && !this.session.destroyed;
  }

  get busy(): number {
    return this.inflight;
  }

  get generations(): number {
    return this.generation;
  }

  connect(): Promise<void> {
    this.generation++;
    this.sessionName = this.generation === 1 ? this.name : `${this.name}.${this.generation}`;
    // Our own TCP socket, so that close() can send a FIN: node's session would send RST_STREAM
    // frames (an abort of each stream) or reset the connection.
    const raw = netConnect({ port: this.port, host: '127.0.0.1', ...(this.localAddress ? { localAddress: this.localAddress } : {}) });
    this.raw = raw;
    const s = h2Connect(`http://127.0.0.1:${this.port}`, { createConnection: () => raw });
    this.session = s;
    s.on('error', () => {});
    s.on('goaway', () => { if (this.session === s) this.session = null; });
    s.on('close', () => { if (this.session === s) this.session = null; });
    return new Promise((res) => {
      const t = setTimeout(res, this.limitMs);
      s.once('connect', () => { clearTimeout(t); res(); });
      s.once('close', () => { clearTimeout(t); res(); });
    });
  }

  async request(req: OutRequest): Promise<void> {
    // Sent at once, as the engines send it: node's session queues streams until it is connected.
    if (!this.open) void this.connect();
    const s = this.session;
    if (!s || !this.open) {
      this.ev.unsent(req, this.sessionName, 'could not connect to HAProxy');
      return;
    }
    this.inflight++;
    await new Promise<void>((resolve) => {
      let status: number | null = null;
      let tag: string | null = null;
      let over = false;
      const finish = (st: number | null, error: string | null) => {
        if (over) return;
        over = true;
        clearTimeout(timer);
        this.aborts.delete(abort);
        this.inflight--;
        this.ev.done(req, st, error, tag);
        resolve();
      };
      // The client's FIN ends the stream for the client; no RST_STREAM goes out (see close()).
      const abort = () => finish(null, 'client closed its connection');
      const timer = setTimeout(() => { finish(null, `no response within ${this.limitMs} ms (verify's limit)`); stream.close(); }, this.limitMs);
      this.ev.sent(req, this.sessionName);
      const stream = s.request({ ':method': req.method, ':path': req.path, ...(req.host ? { ':authority': req.host } : {}), ...withCookies(headersOf(req), this.cookies.header()) }, { endStream: true });
      this.aborts.add(abort);
      stream.on('response', (h) => {
        status = Number(h[':status']);
        tag = typeof h[CONN_HEADER] === 'string' ? h[CONN_HEADER] : null;
        const sc = h['set-cookie'];
        if (sc) this.cookies.take(Array.isArray(sc) ? sc : [sc]);
      });
      stream.on('data', () => {});
      stream.on('end', () => finish(status, status === null ? 'stream ended without a response' : null));
      stream.on('close', () => finish(status, status === null ? `stream closed without a response (code ${stream.rstCode})` : null));
      stream.on('error', () => {});
    });
  }

  /**
   * The client closes its connection as the engines play `close`: a FIN (half-close), reading on
   * for a moment so that a late response meets an open socket, not a reset.
   */
  close(): void {
    const s = this.session;
    const raw = this.raw;
    this.session = null;
    this.raw = null;
    for (const a of [...this.aborts]) a();
    if (raw && !raw.destroyed) raw.end();
    if (s) setTimeout(() => { if (!s.destroyed) s.destroy(); }, 1000).unref();
  }
}
