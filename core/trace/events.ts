import type { DecisionId, Gap } from './decisions';

/** Server list names (§1.5); `avail` is the modern engine's list of multiplexed connections with free streams (§7.1). */
export type ListName = 'idle' | 'safe' | 'priv' | 'avail';

/** A condition as the engine evaluated it, e.g. { label: 'same target', value: true }. */
export interface Condition {
  readonly label: string;
  readonly value: boolean | number | string;
}

/**
 * Every kind of trace event. The engine changes the world only by emitting these
 * (see ../model/world.ts `applyEvent`), so replaying a trace rebuilds any instant.
 */
export type EventKind =
  | 'client.open' // E1: client connection accepted, session created
  | 'client.close' // the client sends FIN (script `close`) or times out
  | 'session.end' // session freed
  | 'stream.open' // a stream is created (h1: once per client connection; h2: per request, T1)
  | 'stream.close' // T2/T3
  | 'request.send' // E2: a request arrives on a stream
  | 'route' // B1/B2/B3: the frontend's rules choose the backend (`backend`, `rule` = its config line)
  | 'answer' // H1-H5/B4: HAProxy answers the request itself, no server involved (`answeredBy`, `status`)
  | 'mode' // C1: connection mode of the transaction
  | 'assign' // E3: target server (A0/A1/A2)
  | 'reuse.own' // R1/pR1: the session's (stream's) own connection will be reused (decision only)
  | 'reuse.search' // R2/pR2: own connection not usable, the server lists are searched
  | 'reuse.pick' // R3a/R3b/R3c/pR3*: a connection is picked from a server list (decision only)
  | 'reuse.none' // R3n: nothing to take
  | 'reuse.cancel' // R5: dynamic source cancels reuse
  | 'keep-old' // S0: the chosen connection is the old one, nothing to dispose of
  | 'swap' // S1/pS1: the picked connection's holder receives our old connection
  | 'dispossess' // S2: the picked connection's holder loses it
  | 'give-up' // S3/pS2: our old connection is un-owned and destroyed (maybe deferred)
  | 'adopt' // S4: we now own the connection we use
  | 'attach' // F1: the stream is attached to the reused connection (SF_SRV_REUSED)
  | 'detach' // pR2: the parent detaches the old connection from the stream's si[1]
  | 'conn.new' // R4/pR4: a new server connection is created and connects
  | 'conn.connected' // the TCP connect completed
  | 'conn.private' // P1..P5
  | 'list.remove' // L1/pL1/D6
  | 'list.add' // L2/pK1
  | 'list.keep' // L3
  | 'request.forward' // the request is written on the server connection (F1 when reused)
  | 'response' // E5: response headers (C2, P3 may follow)
  | 'txn.end' // E6: K1/K2/K3 (seed), pK1/pK2 (parent)
  | 'txn.next' // N1
  | 'conn.server-close' // E9: the server closed the connection (FIN)
  | 'conn.doomed' // D4: destroy requested while busy; it dies at its next detach
  | 'unlink' // D5: a session linked to a connection being destroyed forgets it (srv_conn := none)
  | 'conn.destroy' // D1/D2/D3/S3/pD1/pD2/pD5/pS2/pR4
  | 'request.done'
  | 'request.error'
  | 'note'; // a remark: what the real binary does (pX crash, hang), or a simulation limit

export type Closer = 'proxy' | 'server' | 'client';

/** One action of the simulation, with the decision that caused it. */
export interface TraceEvent {
  /** Position in the trace, from 0. */
  readonly seq: number;
  /** Virtual time in microseconds. */
  readonly t: number;
  readonly kind: EventKind;
  readonly decision: DecisionId;
  /** Source line (1-based) of that statement, for the editor highlight. */
  readonly line?: number;
  readonly client?: string;
  readonly session?: string;
  readonly stream?: string;
  readonly request?: string;
  readonly conn?: string;
  readonly server?: string;
  readonly list?: ListName;
  /** The other party of a swap/dispossess/adopt: the victim holder (seed: a session; parent: a stream). */
  readonly holder?: string;
  /** A second connection involved (the old connection given in a swap, or left behind by an adopt). */
  readonly otherConn?: string;
  readonly conds?: readonly Condition[];
  /** A seed gap this event exhibits (orphaned, dispossessed, doomed...). */
  readonly gap?: Gap;
  /** `orphaned` / `dispossessed` / `doomed` / `crash` / `hang`: a flag the UI makes stand out. */
  readonly flag?: 'orphaned' | 'dispossessed' | 'doomed' | 'crash' | 'hang';
  readonly closer?: Closer;
  readonly proto?: 'h1' | 'h2';
  /** `conn.new` at the modern engine: the connection is managed by the server's pool, not owned by a session. */
  readonly pool?: boolean;
  /** `conn.new` of a multiplexed (h2) server connection: its stream capacity. */
  readonly capacity?: number;
  readonly status?: number;
  readonly method?: string;
  readonly path?: string;
  readonly mode?: 'keep-alive' | 'server-close' | 'close';
  readonly error?: string;
  /** Free text for `note` events. */
  readonly message?: string;
  /** `route`/`answer`/`assign`: the backend the request was routed to. */
  readonly backend?: string;
  /** `route`/`answer`/`assign` by use-server: the configuration line (1-based) of the rule that decided. */
  readonly rule?: number;
  /** `answer`: what answered (`stats`, `http-request deny`, `redirect`, `no backend`, …). */
  readonly answeredBy?: string;
  /** `route`/`answer` when the configuration has several frontends: the one the client's connection entered. */
  readonly frontend?: string;
}

/**
 * Every field of a trace event, in one fixed order. The page rebuilds events it receives from
 * the worker with a single object literal of all of them (`eventFromFields`): V8 then gives all
 * events one shape and allocates them straight into long-lived memory, instead of copying
 * hundreds of thousands of them at each young-generation collection while the trace streams in.
 */
export const EVENT_FIELDS = [
  'seq', 't', 'kind', 'decision', 'line', 'client', 'session', 'stream', 'request', 'conn', 'server', 'list', 'holder',
  'otherConn', 'conds', 'gap', 'flag', 'closer', 'proto', 'pool', 'capacity', 'status', 'method', 'path', 'mode', 'error',
  'message', 'backend', 'rule', 'answeredBy', 'frontend',
] as const satisfies readonly (keyof TraceEvent)[];

// Every field of TraceEvent is listed above (a compile error names the missing one otherwise).
const everyField: Record<Exclude<keyof TraceEvent, (typeof EVENT_FIELDS)[number]>, never> = {};
void everyField;

/** An event from its field values in EVENT_FIELDS order (undefined: absent). */
export function eventFromFields(v: readonly unknown[]): TraceEvent {
  return {
    seq: v[0], t: v[1], kind: v[2], decision: v[3], line: v[4], client: v[5], session: v[6], stream: v[7], request: v[8],
    conn: v[9], server: v[10], list: v[11], holder: v[12], otherConn: v[13], conds: v[14], gap: v[15], flag: v[16],
    closer: v[17], proto: v[18], pool: v[19], capacity: v[20], status: v[21], method: v[22], path: v[23], mode: v[24],
    error: v[25], message: v[26], backend: v[27], rule: v[28], answeredBy: v[29],
    frontend: v[30],
  } as TraceEvent;
}
