import { isHashBalance, writtenName, type BackendConfig, type ServerConfig } from '../model/config';
import type { SampleExpr } from '../model/routing';
import type { Condition, ListName } from '../trace/events';
import { RunLocal, type EngineSim as Sim } from './runtime';
import type { Conn, Request, Stream } from './types';
import { boolConds, sharedConds } from './conds';
import { forgetLayout, hashPick, serverIds, staticRrPick } from './hash-balance';
import { fwrrPick, fwrrServerDown, fwrrServerUp } from './lb-fwrr';
import { stickyPick, stickyServerState } from './lb-sticky';
import type { RandomPick } from './lb-random';
import { requestView } from './routeRequest';
import { sampleValues } from '../routing/evaluate';

/**
 * Pieces of the algorithm that are identical at the parent and the seed
 * (spec §5.1 "Unchanged": the selection matrix, the list choice L2, privacy).
 */

const NEXT_CONDS = boolConds('TX_NOT_FIRST', 'TX_PREFER_LAST (after 401/407)');
const LIST_CONDS = boolConds('private', 'finished transaction was subsequent');
const TARGET_CONDS = sharedConds('explicit target (to …)');
const BALANCE_CONDS = sharedConds('balance');
/** balance sticky's pick: the backend's sticky server. */
const STICKY_CONDS = sharedConds('balance sticky: the sticky server');

const REUSE_RANK = { never: 0, safe: 1, aggressive: 2, always: 3 } as const;

export interface Pick {
  readonly conn: Conn | null;
  readonly list: ListName | null;
  readonly rule: 'a' | 'b' | 'c' | 'n';
  readonly conds: readonly Condition[];
}

const NO_CONDS: readonly Condition[] = Object.freeze([]);

/** The decision of each rule of the selection matrix (Pick.rule), at the seed and at the parent. */
export const PICK_RULES = {
  seed: { a: 'R3a', b: 'R3b', c: 'R3c', n: 'R3n' },
  parent: { a: 'pR3a', b: 'pR3b', c: 'pR3c', n: 'pR3n' },
} as const;

const LIST_LABELS = new WeakMap<ServerConfig, { idle: string; safe: string }>();

/** "s1 idle list", "s1 safe list": made once per server, not on every request. */
function listLabels(server: ServerConfig): { idle: string; safe: string } {
  let l = LIST_LABELS.get(server);
  if (!l) {
    l = { idle: `${server.name} idle list`, safe: `${server.name} safe list` };
    LIST_LABELS.set(server, l);
  }
  return l;
}

/**
 * The selection matrix of connect_server (§2.3): which server list may give a
 * connection to this request. Seed backend.c:1090-1103, parent backend.c:1096-1109.
 */
export function pickFromLists(sim: Sim, server: ServerConfig, be: BackendConfig, req: Request): Pick {
  const lists = sim.world.lists.get(server.name)!;
  const sub = req.notFirst;
  const mode = REUSE_RANK[be.reuse];
  // Conditions only explain: a writer that keeps none (totals only) is given none.
  const conds = sim.out.explains
    ? [
        { label: 'request', value: sub ? 'subsequent (TX_NOT_FIRST)' : 'first' },
        { label: 'http-reuse', value: be.reuse },
        { label: listLabels(server).idle, value: lists.idle.length },
        { label: listLabels(server).safe, value: lists.safe.length },
      ]
    : NO_CONDS;
  // R3a: subsequent request, mode other than never, idle list not empty.
  if (lists.idle.length > 0 && mode !== REUSE_RANK.never && sub)
    return { conn: sim.conn(lists.idle.head()), list: 'idle', rule: 'a', conds };
  // R3b: subsequent request or mode aggressive/always, safe list not empty.
  if (lists.safe.length > 0 && (sub || mode >= REUSE_RANK.aggressive))
    return { conn: sim.conn(lists.safe.head()), list: 'safe', rule: 'b', conds };
  // R3c: mode always, idle list not empty.
  if (lists.idle.length > 0 && mode === REUSE_RANK.always)
    return { conn: sim.conn(lists.idle.head()), list: 'idle', rule: 'c', conds };
  return { conn: null, list: null, rule: 'n', conds };
}

/** The 1.9 engines' h2 mux: only a connection that multiplexes (capacity above one) counts as h2. */
export const multiplexed = (c: Conn): boolean => c.capacity > 1;

/**
 * G4, when the pool search found nothing: an h2 request is always a "first" one at both 1.9
 * commits, so with a reuse mode other than never (`safe` above all) it never shares.
 */
export function h2NeverShares(stream: Stream, be: BackendConfig): 'G4' | undefined {
  return stream.session.proto === 'h2' && be.reuse !== 'never' ? 'G4' : undefined;
}

/** `usesrc hdr_ip(...)` (CO_SRC_TPROXY_DYN) on the server, else on the backend: R5/pR5. */
export function dynamicSource(server: ServerConfig, be: BackendConfig): boolean {
  return server.usesrc !== 'none' ? server.usesrc === 'hdr_ip' : be.usesrc === 'hdr_ip';
}

/** Privacy set when a new connection is set up and connected (P1, P2, P4). */
export function privacyAtConnect(sim: Sim, c: Conn, req: Request): void {
  const s = c.server;
  if (s.sendProxy) {
    // P1: the flag is set in connect_server, then tcp_connect_server resets the
    // connection's flags (proto_tcp.c:292), so the connection stays shareable.
    sim.emit({
      kind: 'note', decision: 'P1', conn: c.id, server: s.name, request: req.id,
      message: 'send-proxy marks the connection private, but tcp_connect_server then resets its flags: it stays shareable',
      conds: [{ label: 'send-proxy', value: true }, { label: 'private after connect', value: false }],
    });
  }
  const usesrc = s.usesrc !== 'none' ? s.usesrc : c.backend.usesrc;
  if (usesrc !== 'none') {
    sim.emit({
      kind: 'conn.private', decision: 'P4', conn: c.id, server: s.name, request: req.id,
      conds: [{ label: 'usesrc', value: usesrc }],
    });
  }
  // P2: only when the expression gives a value (smp_make_safe, backend.c:1299-1302 at 7c6f8b146).
  const sni = sniValue(s, req);
  if (sni !== null && !c.view.private) {
    sim.emit({
      kind: 'conn.private', decision: 'P2', conn: c.id, server: s.name, request: req.id,
      conds: [{ label: 'sni expression yields a value', value: true }, ...(s.sniExpr ? [{ label: `sni ${s.sniExpr.text}`, value: sni }] : [])],
    });
  }
}

/**
 * The SNI of a request's connection to server `s`: its `sni` expression as a string, on the request
 * as the backend reads it (connect_server; the last value, as a sample fetch gives); null without
 * `sni` or without a value. An expression the simulation cannot read stands for one SNI for every request.
 */
export function sniValue(s: ServerConfig, req: Request): string | null {
  if (!s.sni) return null;
  if (!s.sniExpr) return '(sni)';
  return exprValue(s.sniExpr, req);
}

/** A server-side expression's value for a request, as a string (the last value); null: none. */
export function exprValue(e: SampleExpr, req: Request): string | null {
  const v = sampleValues(e, req.routedView ?? requestView(req));
  const last = v[v.length - 1];
  return last === undefined ? null : String(last.v);
}

/**
 * End-of-transaction steps shared by both commits once the connection is kept:
 * N1 (next transaction flags), P5 (never → private), L2/L3 (server list).
 * Seed proto_http.c:3832-3881, parent 3833-3882.
 */
export function keepAfterTxn(sim: Sim, stream: Stream, req: Request, c: Conn | null): void {
  if (stream.session.proto === 'h1') {
    stream.notFirst = true;
    stream.preferLast = req.status === 401 || req.status === 407;
    sim.out.txnNext('N1', stream, req, NEXT_CONDS(true, stream.preferLast));
  }
  if (!c || c.view.phase === 'closed') return;
  const be = req.backend!;
  if (be.reuse === 'never' && !c.view.private) {
    sim.emit({
      kind: 'conn.private', decision: 'P5', conn: c.id, server: c.server.name, request: req.id,
      conds: [{ label: 'http-reuse never', value: true }],
    });
  }
  if (c.server.dispatch) return; // L2 lists only connections whose target is a server
  if (c.view.list) {
    sim.emit({ kind: 'list.keep', decision: 'L3', conn: c.id, server: c.server.name, list: c.view.list });
    return;
  }
  const list: ListName = c.view.private ? 'priv' : req.notFirst ? 'safe' : 'idle';
  // G4: an h2 transaction is never "subsequent", so its connection always lands in idle.
  const gap = stream.session.proto === 'h2' && list === 'idle' ? 'G4' : undefined;
  sim.out.listAdd('L2', c, list, req, gap, LIST_CONDS(c.view.private, req.notFirst));
}

/** Every server of the pool has the same weight, above 0. */
function equalWeights(pool: readonly ServerConfig[]): boolean {
  const w = pool[0]?.weight ?? 1;
  if (w === 0) return false;
  for (const s of pool) if ((s.weight ?? 1) !== w) return false;
  return true;
}

/**
 * E3, assign_server (backend.c:557-): explicit target (A0), prefer-last (A1 at the
 * seed on the session's connection, pA1 at the parent on the stream's si[1]), else
 * the balance algorithm (A2).
 */
export function assignServer(sim: Sim, stream: Stream, req: Request, last: Conn | null, a1: 'A1' | 'pA1'): ServerConfig {
  // Without hooks no balance finds every server full.
  return assignServerOrFull(sim, stream, req, last, a1)!;
}

/** How the modern engine's balancing reads its server slots (./modern-queue.ts balanceHooks). */
export interface BalanceHooks {
  /** leastconn's pick (the modern tree); null: no server may take a stream. */
  readonly leastconn: (pool: readonly ServerConfig[]) => ServerConfig | null;
  /** The server is full (maxconn): first, roundrobin, static-rr and leastconn skip it. */
  readonly full?: (s: ServerConfig) => boolean;
  /** Requests wait in the backend's queue: first, roundrobin and static-rr know every server is full (backend.c:690-697@2.6.0). */
  readonly backendQueued?: boolean;
  /** hash-balance-factor: whether a server of the consistent ring may take one more request (lb_chash.c:289-310@2.6.0). */
  readonly hashEligible?: (s: ServerConfig) => boolean;
  /** `balance random`'s draws (./lb-random.ts); absent: roundrobin (seed and parent do not model it). */
  readonly random?: (pool: readonly ServerConfig[], full?: (s: ServerConfig) => boolean) => RandomPick | null;
}

/** The server `to` names: as written, the request's backend's first; or as BACKEND/NAME (the run's name). */
function namedTarget(sim: Sim, be: BackendConfig, to: string): ServerConfig {
  return be.servers.find((x) => x.name === to || writtenName(x) === to) ?? sim.serverByName(to)!.server;
}

/** The backend's server of that name as written (`use-server NAME`). */
function writtenIn(be: BackendConfig, name: string): ServerConfig | undefined {
  return be.servers.find((x) => writtenName(x) === name);
}

/** assignServer with the modern engine's slots: null when balancing finds every server full (SRV_STATUS_FULL). */
export function assignServerOrFull(
  sim: Sim, stream: Stream, req: Request, last: Conn | null, a1: 'A1' | 'pA1' | 'mA1', hooks?: BalanceHooks,
): ServerConfig | null {
  const be = req.backend!;
  // A redispatched retry forgets the server the request named (SF_DIRECT cleared).
  const to = req.redispatched ? undefined : req.spec.to?.text;
  req.direct = false;
  const named = to ? namedTarget(sim, be, to) : undefined;
  // A server its health checks marked DOWN is passed over, as a use-server rule passes it (stream.c process_server_rules).
  if (named && (sim.isUp(named) || named.disabled)) {
    req.direct = true;
    sim.out.assign('A0', req, stream, be.name, named.name, null, undefined, TARGET_CONDS(named.name));
    return named;
  }
  // A `use-server` rule of the backend (U1) sets the same explicit target as `to SERVER`.
  const rule = req.redispatched ? null : req.useServer;
  const ruled = rule ? writtenIn(be, rule.name) : undefined;
  if (rule && ruled && sim.isUp(ruled)) {
    req.direct = true;
    sim.out.assign('U1', req, stream, be.name, ruled.name, null, rule.line, [...rule.conds]);
    return ruled;
  }
  // Else a persistence cookie naming a server that is up (U2: ../persistence.ts): HAProxy reads
  // cookies after the use-server rules, and leaves a stream they assigned alone.
  const kept = req.redispatched ? null : req.persisted;
  if (kept) {
    req.direct = true;
    const stuck = req.stuck;
    if (stuck) sim.out.assign('U4', req, stream, be.name, kept.name, null, stuck.rule.line, [{ label: stuck.rule.text, value: stuck.key }, { label: 'server up', value: true }]);
    else sim.out.assign('U2', req, stream, be.name, kept.name, null, undefined, [{ label: `cookie ${be.cookie!.name}`, value: kept.cookie! }, { label: 'server up', value: true }]);
    return kept;
  }
  const wants = req.preferLast || be.preferLastServer;
  if (last && wants) {
    const sameBackend = be.servers.includes(last.server);
    const conds = [
      { label: 'last connection connected', value: last.connected && last.view.phase !== 'closed' },
      { label: 'server of this backend', value: sameBackend },
      { label: 'balance is not a hash', value: !isHashBalance(be.balance) },
      { label: 'server usable', value: sim.balancable(last.server) },
      { label: req.preferLast ? (a1 === 'mA1' ? 'SESS_FL_PREFER_LAST (NTLM/Negotiate seen)' : 'TX_PREFER_LAST') : 'option prefer-last-server', value: true },
    ];
    if (conds.every((c) => c.value === true)) {
      sim.out.assign(a1, req, stream, be.name, last.server.name, last, undefined, conds);
      return last.server;
    }
  }
  let s: ServerConfig;
  const usable = sim.balancedServers(be);
  const dispatch = be.dispatch;
  if (usable.length === 0 && dispatch) {
    // A dispatch backend: the target is the backend itself, not a server (assign_server, backend.c:606-).
    sim.out.assign('A2', req, stream, be.name, dispatch.name, null, undefined, [{ label: 'dispatch (no usable server)', value: dispatch.addr }]);
    return dispatch;
  }
  const pool = usable.length > 0 ? usable : be.servers;
  const rotates = be.balance === 'first' || be.balance === 'roundrobin' || be.balance === 'static-rr';
  if (hooks?.backendQueued && rotates) return null;
  // The first backup server, balanced alone, is taken without a look at its slots (lb_fwrr.c:520-522, lb_fas.c:305-307).
  const full = hooks?.full && !(pool.length === 1 && pool[0]!.backup && !be.allBackups) ? hooks.full : undefined;
  switch (be.balance) {
    case 'first': {
      // lb_fas.c:315-330: the first server with room, in order of the servers' ids (lb_fas.c:56@2.6.0,
      // :61@7c6f8b146): configuration order unless `id` says otherwise.
      const ordered = idOrder(sim, be, pool);
      const f = full ? ordered.find((x) => !full(x)) : ordered[0];
      if (!f) return null;
      s = f;
      break;
    }
    case 'leastconn': {
      if (hooks) {
        const l = hooks.leastconn(pool);
        if (!l) return null;
        s = l;
        break;
      }
      s = leastBusy(sim, pool).server;
      break;
    }
    case 'random':
    case 'source':
    case 'uri':
    case 'url_param':
    case 'hdr':
    case 'hash': {
      // A key of the request hashed onto the servers (./hash-balance.ts; the source address is the
      // client's `from`, or the address of its own it has without one), or random draws on the
      // ring (./lb-random.ts: the modern engine's hooks only).
      const p = be.balance === 'random' ? hooks?.random?.(pool, full) : hashPick(sim, be, req.routedView ?? requestView(req), pool, hooks?.hashEligible, full);
      if (p === undefined) {
        s = sim.nextRoundRobin(be);
        break;
      }
      // No key (or a full pick) and every server full: the backend's queue (assign_server's SRV_STATUS_FULL).
      if (p && p.server === null) return null;
      if (p?.server) {
        sim.out.assign('A2', req, stream, be.name, p.server.name, null, undefined, p.conds);
        return p.server;
      }
      s = pool[0]!;
      break;
    }
    case 'sticky': {
      // The backend's sticky server, full or not (./lb-sticky.ts): a full one's queue takes the request.
      const k = stickyPick(sim, be);
      if (!k) return null;
      sim.out.assign('A2', req, stream, be.name, k.name, null, undefined, STICKY_CONDS(k.name));
      return k;
    }
    case 'static-rr': {
      const r = staticRrPick(sim, be, pool, full);
      if (r === null && full) return null;
      s = r ?? pool[0]!;
      break;
    }
    default: {
      // Weighted round robin as lb_fwrr.c runs it (./lb-fwrr.ts). With equal weights and no server
      // to skip that is plain rotation in configuration order (lb-fwrr.test.ts checks it), taken
      // without the wheel: the frequent case stays a counter.
      if (full) {
        const r = fwrrPick(sim, be, pool, full);
        if (!r) return null;
        s = r;
      } else s = equalWeights(pool) && !sim.hasChecks(be) ? sim.nextRoundRobin(be) : (fwrrPick(sim, be, pool) ?? pool[0]!);
    }
  }
  sim.out.assign('A2', req, stream, be.name, s.name, null, undefined, sim.hasChecks(be) ? withDown(sim, be, BALANCE_CONDS(be.balance)) : BALANCE_CONDS(be.balance));
  return s;
}

/** A balance's conditions, and the servers its health checks left out (HC2), when there are. */
export function withDown(sim: Sim, be: BackendConfig, conds: readonly Condition[]): readonly Condition[] {
  const down = be.servers.filter((x) => !x.disabled && !sim.isUp(x)).map((x) => x.name);
  const nolb = be.servers.filter((x) => sim.isUp(x) && !sim.balancable(x)).map((x) => x.name);
  if (down.length === 0 && nolb.length === 0) return conds;
  const out = [...conds];
  if (down.length > 0) out.push({ label: 'DOWN by health checks, left out', value: down.join(', ') });
  if (nolb.length > 0) out.push({ label: 'NOLB (disable-on-404), left out', value: nolb.join(', ') });
  return out;
}

/** The 1.9 engines' leastconn: the first server of the pool with the fewest busy connections, and that count. */
export function leastBusy(sim: Sim, pool: readonly ServerConfig[]): { server: ServerConfig; busy: number } {
  let server = pool[0]!;
  let busy = Number.POSITIVE_INFINITY;
  for (const x of pool) {
    const n = sim.busyCount(x.name);
    if (n < busy) {
      busy = n;
      server = x;
    }
  }
  return { server, busy };
}

/** A run's server orders by id (balance first), per backend and pool. */
const ID_ORDER = new RunLocal<Map<readonly ServerConfig[], readonly ServerConfig[]>>(() => new Map());

/** The pool in order of the servers' ids in their backend (./hash-balance.ts serverIds). */
function idOrder(sim: Sim, be: BackendConfig, pool: readonly ServerConfig[]): readonly ServerConfig[] {
  const m = sim.local(ID_ORDER);
  let o = m.get(pool);
  if (!o) {
    const ids = serverIds(be.servers);
    const idOf = (x: ServerConfig) => ids[be.servers.indexOf(x)] ?? 0;
    m.set(pool, (o = [...pool].sort((a, b) => idOf(a) - idOf(b))));
  }
  return o;
}

/**
 * A health check marked a server DOWN or UP (srv_update_status, server.c:5146-5260 of v2.6.0, the
 * balance's set_server_status_down/up): the weighted wheel and a hash map or ring follow. Every
 * engine (the same lb callbacks at 7c6f8b146).
 */
export function lbServerState(sim: Sim, be: BackendConfig, s: ServerConfig, up: boolean): void {
  if (be.balance === 'sticky') stickyServerState(sim, be, s, up);
  if (up) fwrrServerUp(sim, be, s);
  else fwrrServerDown(sim, be, s);
  forgetLayout(sim, be);
}
