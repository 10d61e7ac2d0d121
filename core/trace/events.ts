import { GAP_IDS, type DecisionId } from './decisions';

/** Server list names (§1.5); `avail` is the modern engine's list of multiplexed connections with free streams (§7.1). */
export type ListName = 'idle' | 'safe' | 'priv' | 'avail';

/** A condition as the engine evaluated it, e.g. { label: 'same target', value: true }. */
export interface Condition {
  readonly label: string;
  readonly value: boolean | number | string;
}

export type Closer = 'proxy' | 'server' | 'client';

/**
 * THE trace schema: one runtime value from which the event types (TraceEvent, one member per
 * kind), the field list (EVENT_FIELDS) and the page's packed layout (./packed.ts) are all
 * derived. FIELD_TYPES gives each field its type, once for every kind:
 * - `id`: an entity the run creates (client, session, stream, request, connection); a string in
 *   an event, an integer in the packed form;
 * - `name`: a configuration name (server, backend);
 * - `text`: free text (a method, a path, a message);
 * - `int`, `bool`, `conds` (a condition list), or the array of values of an enumeration.
 * Its key order is the field order of EVENT_FIELDS (and of the CLI's JSON events).
 */
export const FIELD_TYPES = {
  client: 'id',
  session: 'id',
  stream: 'id',
  request: 'id',
  conn: 'id',
  server: 'name',
  list: ['idle', 'safe', 'priv', 'avail'],
  /** The other party of a swap/dispossess/adopt: the victim holder (seed: a session; parent: a stream). */
  holder: 'id',
  /** A second connection involved (the old connection given in a swap, or left behind by an adopt). */
  otherConn: 'id',
  conds: 'conds',
  /** A seed gap this event exhibits (orphaned, dispossessed, doomed...). */
  gap: GAP_IDS,
  /** A flag the UI makes stand out. */
  flag: ['orphaned', 'dispossessed', 'doomed', 'crash', 'hang'],
  closer: ['proxy', 'server', 'client'],
  proto: ['h1', 'h2'],
  /** `conn.new` at the modern engine: the connection is managed by the server's pool, not owned by a session. */
  pool: 'bool',
  /** `conn.new` of a multiplexed (h2) server connection: its stream capacity. */
  capacity: 'int',
  status: 'int',
  method: 'text',
  path: 'text',
  mode: ['keep-alive', 'server-close', 'close'],
  error: 'text',
  /** Free text (`note`, the rule's text of a `route`, ...). */
  message: 'text',
  /** `route`/`answer`/`assign`: the backend the request was routed to. */
  backend: 'name',
  /** `route`/`answer`/`assign` by use-server: the configuration line (1-based) of the rule that decided. */
  rule: 'int',
  /** `answer`: what answered (`stats`, `http-request deny`, `redirect`, `no backend`, ...). */
  answeredBy: 'text',
  /** `route`/`answer` when the configuration has several frontends: the one the client's connection entered. */
  frontend: 'name',
  /** `server.check`: the server's state after the check (health checks, HC1-HC4; `stopping`: NOLB, by `http-check disable-on-404`). */
  state: ['up', 'down', 'stopping'],
} as const satisfies Record<string, FieldTypeName>;

type FieldTypeName = 'id' | 'name' | 'text' | 'int' | 'bool' | 'conds' | readonly string[];
export type FieldName = keyof typeof FIELD_TYPES;
/** The TS type of a value of field F. */
export type FieldValue<F extends FieldName> = ValueOf<(typeof FIELD_TYPES)[F]>;
type ValueOf<T> = T extends 'id' | 'name' | 'text'
  ? string
  : T extends 'int'
    ? number
    : T extends 'bool'
      ? boolean
      : T extends 'conds'
        ? readonly Condition[]
        : T extends readonly (infer E)[]
          ? E
          : never;

/** `f` (always there) or `f?` (may be absent). */
type FieldSpec = FieldName | `${FieldName}?`;

/**
 * Every kind of trace event and its fields, required or `?` optional. The engine changes the world
 * only by emitting these (see ../model/world.ts `applyEvent`), so replaying a trace rebuilds any instant.
 */
export const EVENT_SCHEMA = {
  /** E1: client connection accepted, session created (FE2: accepted from the listen backlog). */
  'client.open': ['client', 'session', 'proto'],
  /**
   * FE1: the client connected, but its frontend or the process is at its maxconn: the connection
   * waits in the listen backlog, unread, until it is accepted (client.open) or the client leaves
   * (client.close). Its session is the one it will have.
   */
  'client.wait': ['client', 'session', 'proto', 'conds?'],
  /** The client sends FIN (script `close`) or times out. */
  'client.close': ['client', 'session', 'closer', 'message?'],
  /** Session freed. */
  'session.end': ['session', 'client'],
  /** A stream is created (h1: once per client connection; h2: per request, T1). */
  'stream.open': ['stream', 'session', 'client?'],
  /** T2/T3. */
  'stream.close': ['stream', 'session'],
  /** E2: a request arrives on a stream. */
  'request.send': ['request', 'client', 'session', 'stream', 'method', 'path', 'conds?'],
  /** B1/B2/B3: the frontend's rules choose the backend (`rule`: its config line). */
  route: ['request', 'stream?', 'backend', 'rule?', 'message?', 'conds?', 'frontend?'],
  /** H1-H5/B4: HAProxy answers the request itself, no server involved. */
  answer: ['request', 'stream?', 'status?', 'answeredBy', 'backend?', 'rule?', 'message?', 'conds?', 'frontend?'],
  /** C1: connection mode of the transaction. */
  mode: ['request', 'stream?', 'conn?', 'mode', 'conds?'],
  /** E3: target server (A0/A1/A2). */
  assign: ['request', 'stream', 'session', 'server', 'backend?', 'rule?', 'conn?', 'conds?'],
  /** R1/pR1: the session's (stream's) own connection will be reused (decision only). */
  'reuse.own': ['request', 'stream', 'session', 'server', 'conn', 'conds?'],
  /** R2/pR2: own connection not usable, the server lists are searched. */
  'reuse.search': ['request', 'stream', 'session', 'server', 'conn?', 'conds?'],
  /** R3a/R3b/R3c/pR3*: a connection is picked from a server list (decision only). */
  'reuse.pick': ['request', 'stream', 'session', 'server', 'conn', 'list', 'conds?'],
  /** R3n: nothing to take. */
  'reuse.none': ['request', 'stream', 'session', 'server', 'conn?', 'gap?', 'conds?'],
  /** R5: dynamic source cancels reuse. */
  'reuse.cancel': ['request', 'stream', 'session', 'server', 'conn', 'conds?'],
  /** S0: the chosen connection is the old one, nothing to dispose of. */
  'keep-old': ['request', 'stream', 'session', 'server', 'conn', 'gap?', 'conds?'],
  /** S1/pS1: the picked connection's holder receives our old connection. */
  swap: ['request', 'stream', 'session', 'server', 'conn', 'holder', 'otherConn', 'gap?', 'conds?'],
  /** S2: the picked connection's holder loses it. */
  dispossess: ['request', 'stream', 'session', 'server', 'conn', 'holder', 'flag?', 'otherConn?', 'gap?', 'conds?'],
  /** S3/pS2: our old connection is un-owned and destroyed (maybe deferred). */
  'give-up': ['request?', 'stream?', 'session?', 'server?', 'conn', 'flag?', 'gap?', 'conds?'],
  /** S4: we now own the connection we use. */
  adopt: ['request?', 'stream?', 'session?', 'server?', 'conn', 'holder', 'otherConn?', 'flag?', 'gap?', 'conds?'],
  /** F1: the stream is attached to the reused connection (SF_SRV_REUSED). */
  attach: ['conn', 'server', 'stream', 'request', 'session', 'holder?'],
  /** pR2: the parent detaches the old connection from the stream's si[1]. */
  detach: ['request?', 'stream?', 'session?', 'server?', 'conn', 'holder'],
  /** R4/pR4: a new server connection is created and connects. */
  'conn.new': ['conn', 'server', 'stream?', 'session?', 'request?', 'client?', 'holder?', 'pool?', 'capacity?', 'conds?'],
  /** The TCP connect completed. */
  'conn.connected': ['conn', 'server', 'request?'],
  /** P1..P5. */
  'conn.private': ['conn', 'server?', 'request?', 'stream?', 'session?', 'conds?'],
  /** L1/pL1/D6. */
  'list.remove': ['conn', 'server?', 'list', 'request?', 'stream?', 'session?'],
  /** L2/pK1. */
  'list.add': ['conn', 'server?', 'list', 'request?', 'stream?', 'session?', 'gap?', 'conds?'],
  /** L3. */
  'list.keep': ['conn', 'server?', 'list?', 'request?', 'conds?'],
  /** The request is written on the server connection (F1 when reused). */
  'request.forward': ['conn', 'server', 'request', 'stream?', 'method', 'path'],
  /** E5: response headers (C2, P3 may follow). */
  response: ['request', 'conn?', 'server?', 'status', 'message?'],
  /** E6: K1/K2/K3 (seed), pK1/pK2 (parent). */
  'txn.end': ['conn', 'server', 'request', 'stream', 'flag?', 'conds?', 'message?'],
  /** N1. */
  'txn.next': ['stream', 'request', 'conds?'],
  /** E9: the server closed the connection (FIN). */
  'conn.server-close': ['conn', 'server', 'request?', 'message?'],
  /** D4: destroy requested while busy; it dies at its next detach. */
  'conn.doomed': ['conn', 'server', 'session?', 'flag?', 'gap?', 'conds?'],
  /** D5: a session linked to a connection being destroyed forgets it (srv_conn := none). */
  unlink: ['conn', 'server?', 'holder', 'session?'],
  /** D1/D2/D3/S3/pD1/pD2/pD5/pS2/pR4. */
  'conn.destroy': ['conn', 'server', 'closer', 'session?', 'stream?', 'request?', 'flag?', 'gap?', 'message?', 'conds?'],
  'request.done': ['request', 'status?', 'conn?'],
  'request.error': ['request', 'error', 'status?', 'conn?'],
  /** HC1: a health check of the server ended (HC2: it marked the server DOWN; HC3: UP; HC4: NOLB, draining); `state` is the server's state after it. */
  'server.check': ['server', 'backend?', 'state', 'message', 'conds?'],
  /** A remark: what the real binary does (pX crash, hang), or a simulation limit. */
  note: ['request?', 'stream?', 'session?', 'server?', 'conn?', 'holder?', 'flag?', 'gap?', 'message', 'conds?'],
} as const satisfies Record<string, readonly FieldSpec[]>;

export type EventKind = keyof typeof EVENT_SCHEMA;

/** What every event has: its position, its time, its kind and the decision that caused it. */
interface EventBase<K extends EventKind> {
  /** Position in the trace, from 0. */
  readonly seq: number;
  /** Virtual time in microseconds. */
  readonly t: number;
  readonly kind: K;
  readonly decision: DecisionId;
  /** Source line (1-based) of the statement being simulated, for the editor highlight. */
  readonly line?: number;
}

type Specs<K extends EventKind> = (typeof EVENT_SCHEMA)[K][number];
type Required_<K extends EventKind> = Extract<Specs<K>, FieldName>;
type Optional_<K extends EventKind> = Specs<K> extends infer S ? (S extends `${infer F extends FieldName}?` ? F : never) : never;

/**
 * The event of kind K: its required and optional fields, and every other field typed as absent,
 * so that code reading any field of any event compiles (it reads `undefined`), and narrowing on
 * `kind` gives the fields that kind always has.
 */
export type EventOf<K extends EventKind> = EventBase<K> & { readonly [F in Required_<K>]: FieldValue<F> } & {
  readonly [F in Optional_<K>]?: FieldValue<F>;
} & { readonly [F in Exclude<FieldName, Required_<K> | Optional_<K>>]?: undefined };

/** One action of the simulation, with the decision that caused it: a union keyed by `kind`. */
export type TraceEvent = { [K in EventKind]: EventOf<K> }[EventKind];

/** Every field of a trace event, in one fixed order: the common fields, then FIELD_TYPES's. */
export const EVENT_FIELDS = ['seq', 't', 'kind', 'decision', 'line', ...(Object.keys(FIELD_TYPES) as FieldName[])] as const;
export type EventField = 'seq' | 't' | 'kind' | 'decision' | 'line' | FieldName;

/** The fields of each kind, parsed from EVENT_SCHEMA: names in schema order, and which are optional. */
export const KIND_FIELDS: { readonly [K in EventKind]: readonly { readonly name: FieldName; readonly optional: boolean }[] } = Object.fromEntries(
  Object.entries(EVENT_SCHEMA).map(([k, specs]) => [
    k,
    (specs as readonly string[]).map((s) => ({ name: s.replace(/\?$/, '') as FieldName, optional: s.endsWith('?') })),
  ]),
) as never;
