import type { StickKeys } from '../routing/route';
import type { StuckTo } from './stick-tables';
import type { Sample } from '../model/routing';
import type { BackendConfig, FrontendSide, HttpMode, ServerConfig } from '../model/config';
import type { ConnState, SessionState } from '../model/world';
import type { RequestView } from '../routing/request';
import type { Condition } from '../trace/events';
import type { Statement } from '../scenario/ast';
import type { IdleTimer } from './runtime/idle-timer';

export type RequestStatement = Extract<Statement, { kind: 'request' }>;

/** Engine-private state that the world view does not show (flags of connections, streams, transactions). */

export interface Client {
  readonly name: string;
  /** Its number in the run, from 1 (the packed trace names entities by number). */
  readonly no: number;
  proto: 'h1' | 'h2';
  session: Session | null;
  /** How many client connections this client opened (session ids A, A.2, A.3...). */
  generation: number;
  nextStreamNo: number;
  /** `open … from ADDR`: the source address (null: a stable one derived from the name). */
  from: string | null;
  /** `open … tls [sni NAME]`. */
  tls: { readonly sni: string | null } | null;
  /** `open … to :PORT|FRONTEND`: the frontend it connects to. */
  to: string | null;
  /** Cookies HAProxy set on it (`cookie NAME insert`), by name: a browser sends them back on every connection. */
  cookies: Map<string, string> | null;
}

export interface Session {
  readonly id: string;
  /** Its number in the run, from 1. */
  readonly no: number;
  readonly client: Client;
  readonly proto: 'h1' | 'h2';
  open: boolean;
  /** Open streams in creation order (an array: they come and go with every h2 request). */
  streams: Stream[];
  /** h1: the single stream for the whole client connection. */
  h1Stream: Stream | null;
  /** The client-side settings of the frontend its client entered (sess->fe). */
  readonly fe: FrontendSide;
  /** Invalidates pending client-side timers (keep-alive, h2 idle). */
  timerToken: number;
  /** Its client-side idle timer's queue entry (made when first set). */
  idle: IdleTimer<Session> | null;
  /**
   * HAProxy accepted the connection. False while it waits in the listen backlog (its frontend or
   * the process at `maxconn`): the client sent its requests, HAProxy has read none of them.
   */
  accepted: boolean;
  /** The listening socket it entered, when its bind line has a `maxconn` (routeRequest.ts listenerOf). */
  readonly listener: { readonly key: string; readonly maxconn: number } | null;
  /** Its `sess.` variables (http-request set-var(sess.NAME)): made by the first request that needs them. */
  vars?: Map<string, Sample>;
  /**
   * The client address an `http-request set-src` gave the connection at 1.9 (seed, parent): it
   * changed the connection's own (cli_conn->addr.from, proto_tcp.c:1154-1180 of 7c6f8b146), so
   * its later requests start from it. Since 2.5 it is the stream's: every request starts afresh.
   */
  src?: string;
  /** The world's view of this session (its `srvConn` is the seed's `sess->srv_conn`); set when it opens. */
  view: SessionState;
  /** The connection `view.srvConn` named when last looked up (see srvConn in seed.ts). */
  srvRef: Conn | null;
  /**
   * Requests of this client connection waiting to be sent: h1, for the previous response (no
   * pipelining); h2, for a free stream slot. Null until one has to wait (most never do): a
   * load scenario then reads no list of its own per client on every request.
   */
  pending: Request[] | null;
  /** A client connection of a `mode tcp` stream (./runtime/tcp.ts); null: HTTP. */
  tcp: TcpLink | null;
}

/** What a `mode tcp` session holds: its one stream, its backend and server connection, the request on the wire. */
export interface TcpLink {
  readonly stream: Stream;
  readonly backend: BackendConfig;
  /** The server connection (null: none yet, or the backend had no server). */
  conn: Conn | null;
  /**
   * Requests on the wire, oldest first: one at a time from an HTTP/1 client; an HTTP/2 client's go
   * together, up to the server's `max-streams` (HAProxy passes the frames through; the server multiplexes).
   */
  readonly inflight: Request[];
  /** Connection attempts that failed (C3: retried while `retries` allows). */
  fails: number;
  /** The server the stream was assigned (SF_ASSIGNED): a retry goes there again unless it redispatches. */
  server: ServerConfig | null;
  /** It was assigned by use-server or a stick table, not by load balancing (SF_DIRECT); a redispatch clears it. */
  direct: boolean;
  /** The backend's stick rules' keys for this connection (U4 match, U5 store); absent: none. */
  readonly stick?: StickKeys;
}

export interface Stream {
  readonly id: string;
  /** Its number in the run, from 1. */
  readonly no: number;
  /** Its number on its client connection (1 for h1; the h2 stream id): its id is `SESSION/local`. */
  readonly local: number;
  readonly session: Session;
  open: boolean;
  /** TX_NOT_FIRST for the next transaction (set by N1 at the end of a kept transaction). */
  notFirst: boolean;
  /** TX_PREFER_LAST for the next transaction (after a 401/407). */
  preferLast: boolean;
  /** The transaction in progress. */
  txn: Request | null;
  /** Connection attached on si[1] (seed: while a transaction runs; parent: kept between transactions). */
  si1: Conn | null;
}

export interface Request {
  readonly id: string;
  /** Its number in the run, from 1 (its id is `r<no>`). */
  readonly no: number;
  readonly client: Client;
  /** Connection attempts that failed so far (C3: retried while `retries` allows). */
  connectFails: number;
  /** A retry goes to the server load balancing picks, no longer to the one the request named (`option redispatch`). */
  redispatched: boolean;
  /** It waited in a queue for a server slot (modern: maxconn): the sweep's `queued` metric. */
  waited: boolean;
  /** The script statement that sends it (method, path, `to`, `close`, `takes`, response): shared by its clients' requests. */
  readonly spec: RequestStatement;
  readonly line: number;
  waiter: Waiter | null;
  stream: Stream | null;
  backend: BackendConfig | null;
  /** The server the client's persistence cookie names, up (rule U2), or a stick table's entry (U4), found when the request reaches its backend. */
  persisted: ServerConfig | null;
  /** The stick rules' keys of its backend (null: none), and the entry that fixed its server (U4). */
  stick: StickKeys | null;
  stuck: StuckTo | null;
  /** The server was fixed, not balanced (SF_DIRECT: `to`, a persistence cookie, a use-server rule). */
  direct: boolean;
  /** The request as its backend reads it when the frontend's rules changed it (http-request set-path …); null: as sent. */
  routedView: RequestView | null;
  /** The server a `use-server` rule chose (rule U1), with the config line of the rule. */
  useServer: { readonly name: string; readonly line: number; readonly conds: readonly { label: string; value: boolean | string }[] } | null;
  server: ServerConfig | null;
  conn: Conn | null;
  /** Transaction flags and mode, fixed at the start of the transaction. */
  notFirst: boolean;
  preferLast: boolean;
  /** The server side's mode: what happens to the server connection after the response. */
  mode: HttpMode;
  /**
   * The client connection closes with the response although `mode` is not `close`: under 2.8+ the
   * frontend's `option httpclose` closes the client side only (Algorithm.frontendCloseClientOnly).
   */
  clientClose: boolean;
  /** Set when the response was received. */
  status: number;
  finished: boolean;
  /** Timer token of the response/timeout, so an aborted request ignores its late events. */
  token: number;
  /** The token its queued response carries (the request itself is queued: see Sim's `Due`). */
  responseToken: number;
  /** When its new server connection will be established (-1: none being opened, or it will fail). */
  connectsAt: number;
  /** When the server's response is due, once forwarded (-1: not forwarded, or it times out first). */
  respondsAt: number;
  /** When it was sent (-1: not yet), for its latency (sim/meter.ts). */
  sentAt: number;
}

export interface Conn {
  readonly id: string;
  /** Its number in the run, from 1 (its id is `c<no>`). */
  readonly no: number;
  readonly server: ServerConfig;
  readonly backend: BackendConfig;
  /** The world view of this connection (owner, holders, list, private, phase). */
  readonly view: ConnState;
  /** CO_FL_XPRT_READY: transport initialised (set as soon as the connect starts). */
  ready: boolean;
  /** CO_FL_CONNECTED: L4 established (rule A1 needs it). */
  connected: boolean;
  /** A shutdown/error flag was set (CO_FL_SOCK_*_SH, CO_FL_ERROR). */
  shut: boolean;
  /** Streams attached now (mux_pt: at most one; an h2 backend connection: up to `capacity`). */
  readonly active: Stream[];
  /** Concurrent streams the mux accepts (mux_pt: 1; h2: the server's max concurrent streams). */
  readonly capacity: number;
  /** Requests started on this connection (for max-reuse). */
  uses: number;
  /** Responses the server sent on this connection (for close-after). */
  served: number;
  /** Invalidates a pending server idle-timeout. */
  idleToken: number;
  /** The session of a `mode tcp` stream this connection belongs to (./runtime/tcp.ts); null: HTTP. */
  tcp: Session | null;
}

/** Something in the script waiting for requests to finish. */
export interface Waiter {
  remaining: number;
  readonly resume: () => void;
}

/** A server load balancing picked for the client connection of a `mode tcp` stream (TC1), and why. */
export interface ConnectionPick {
  readonly server: ServerConfig;
  readonly conds: readonly Condition[];
}
