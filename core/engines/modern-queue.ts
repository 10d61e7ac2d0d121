import type { BackendConfig, ServerConfig } from '../model/config';
import type { BalanceHooks } from './common';
import { dropServer, leastconnPick, servedOf, takeServer } from './modern-lb';
import { randomPick } from './lb-random';
import { RunLocal, type EngineSim as Sim } from './runtime';
import type { Request, Stream } from './types';

/*
 * Server `maxconn` and the queues, as HAProxy 2.6 runs them (src/queue.c and
 * assign_server_and_queue, src/backend.c:975-1065 of v2.6.0; the same in 2.8 and 3.0 for what is
 * modelled here). A server is full when it has a maxconn and either as many streams hold a slot
 * on it (`served`, ./modern-lb.ts) or others already wait for it (backend.c:1035-1036). Load
 * balancing skips full servers; when all are full the request waits in the backend's queue. A
 * request whose server was fixed before (a hash, `use-server`, a persistence cookie, the
 * session's server) waits in that server's queue. A slot given back goes to the older of the two
 * queues' heads, straight to this server, without balancing again (queue.c:263-303, 357-399).
 * A wait longer than `timeout queue` (else `timeout connect`) ends in 503.
 *
 * A server with a `minconn` below its maxconn has a limit that moves with the backend's load
 * (srv_dynamic_maxconn, queue.c:103-124): the greater of minconn and maxconn × beconn / fullconn,
 * beconn being the backend's streams (its requests from routing to their end, queued ones
 * included: stream_set_backend, proxy.c:2357, and stream.c:2520-2521), and maxconn itself from
 * fullconn on. The same function in 2.8, 3.0 and 3.2.
 *
 * Not modelled: slowstart, priorities (set-priority-*), the 2.8+ cap of streams dequeued per call
 * (tune.maxpollevents).
 */

interface Waiting {
  readonly req: Request;
  readonly stream: Stream;
  /** When it joined the queue, in ms: the queue's key (queue.c:89-92, 434), FIFO. */
  readonly ms: number;
  /** The server whose queue it is in; null: the backend's. */
  readonly server: ServerConfig | null;
  /** Its client left (./modern.ts clientLeftWaiting): what the engine does when it gets a slot, or when its wait ends. */
  orphan: OrphanEnds | null;
}

/** What becomes of a waiting request whose client left: it still gets its slot, or its wait times out. */
export interface OrphanEnds {
  readonly granted: () => void;
  readonly expired: () => void;
}

interface QueueRun {
  readonly servers: Map<ServerConfig, Waiting[]>;
  readonly backends: Map<BackendConfig, Waiting[]>;
  /** The requests waiting, and where. */
  readonly waiting: Map<Request, Waiting>;
  /** Streams in each backend with a dynamic limit (beconn), and the requests counted there. */
  readonly beconn: Map<BackendConfig, number>;
  readonly inBackend: WeakSet<Request>;
}

const RUN = new RunLocal<QueueRun>(() => ({ servers: new Map(), backends: new Map(), waiting: new Map(), beconn: new Map(), inBackend: new WeakSet() }));

const capped = (s: ServerConfig): boolean => (s.maxconn ?? 0) > 0;

/**
 * The request's stream is the backend's from now on (stream_set_backend, proxy.c:2357 of v2.6.0):
 * counted in beconn until it ends (`release`). Only where a server's limit reads it (fullconn set).
 */
export function enterBackend(sim: Sim, req: Request): void {
  const be = req.backend!;
  if (be.fullconn === undefined) return;
  const run = sim.local(RUN);
  if (run.inBackend.has(req)) return;
  run.inBackend.add(req);
  run.beconn.set(be, (run.beconn.get(be) ?? 0) + 1);
}

/** The server's limit now: its maxconn, or with a minconn the dynamic one (srv_dynamic_maxconn, queue.c:103-124 of v2.6.0). */
function limitOf(sim: Sim, be: BackendConfig, s: ServerConfig): number {
  const max = s.maxconn!;
  if (s.minconn === undefined || be.fullconn === undefined) return max;
  const n = sim.local(RUN).beconn.get(be) ?? 0;
  if (n >= be.fullconn) return max;
  // Unsigned 32-bit arithmetic, as in C.
  return Math.max(s.minconn, Math.floor((Math.imul(n, max) >>> 0) / be.fullconn));
}

/** How a note names a server's limit: `maxconn 10`, or `maxconn 10, now 3 (minconn 2, 3 of fullconn 10 in the backend)`. */
function limitText(sim: Sim, be: BackendConfig, s: ServerConfig): string {
  if (s.minconn === undefined || be.fullconn === undefined) return `maxconn ${s.maxconn}`;
  const n = sim.local(RUN).beconn.get(be) ?? 0;
  return `maxconn ${s.maxconn}, now ${limitOf(sim, be, s)} (minconn ${s.minconn}, ${n} of fullconn ${be.fullconn} in the backend)`;
}

function queueOf<K>(m: Map<K, Waiting[]>, k: K): Waiting[] {
  let q = m.get(k);
  if (!q) m.set(k, (q = []));
  return q;
}

/** Requests waiting for this server (srv->queue.length). */
function waitingFor(sim: Sim, s: ServerConfig): number {
  return sim.local(RUN).servers.get(s)?.length ?? 0;
}

/** The server takes no stream now (backend.c:1035-1036, lb_fwrr.c:567, lb_map.c:233, lb_fas.c:325). */
function isFull(sim: Sim, be: BackendConfig, s: ServerConfig): boolean {
  return capped(s) && (waitingFor(sim, s) > 0 || servedOf(sim, be, s) >= limitOf(sim, be, s));
}

/**
 * How load balancing reads the slots of a backend (./common.ts assignServerOrFull): leastconn's
 * tree, and with a maxconn on a server the full ones skipped and the queue ahead of balancing.
 */
export function balanceHooks(sim: Sim, be: BackendConfig): BalanceHooks {
  const eligible = (be.hashBalanceFactor ?? 0) > 0 ? (s: ServerConfig) => hasShare(sim, be, s) : undefined;
  const bounded = eligible ? { hashEligible: eligible } : {};
  const random = (pool: readonly ServerConfig[], full?: (s: ServerConfig) => boolean) => randomPick(sim, be, pool, full, eligible);
  if (!be.servers.some(capped)) return { leastconn: (pool) => leastconnPick(sim, be, pool), random, ...bounded };
  const queued = (sim.local(RUN).backends.get(be)?.length ?? 0) > 0;
  return {
    ...bounded,
    random,
    // lb_fwlc.c:352: room for a stream, or for one more in its queue (maxqueue).
    leastconn: (pool) => leastconnPick(sim, be, pool, (s) => !capped(s) || servedOf(sim, be, s) + waitingFor(sim, s) < limitOf(sim, be, s) + (s.maxqueue ?? 0)),
    full: (s) => isFull(sim, be, s),
    backendQueued: queued,
  };
}

/**
 * chash_server_is_eligible (lb_chash.c:289-310@2.6.0), consistent hashing with bounded loads: the
 * backend's requests in flight plus this one, times the factor (a percentage, rounded up), shared
 * out by effective weight (16 per unit) in configuration order; a server holding its share already
 * is passed over (never a share below 1).
 */
function hasShare(sim: Sim, be: BackendConfig, s: ServerConfig): boolean {
  let served = 0;
  for (const x of be.servers) served += servedOf(sim, be, x);
  const totSlots = Math.floor(((served + 1) * be.hashBalanceFactor! + 99) / 100);
  let tot = 0;
  let before = 0;
  for (const x of sim.balancedServers(be)) {
    const w = (x.weight ?? 1) * 16;
    if (x === s) before = tot;
    tot += w;
  }
  if (tot === 0) return true;
  const ew = (s.weight ?? 1) * 16;
  const rem = totSlots % tot;
  let slots = ew * Math.floor(totSlots / tot) + Math.floor(((before + ew) * rem) / tot) - Math.floor((before * rem) / tot);
  if (slots === 0) slots = 1;
  return servedOf(sim, be, s) < slots;
}

/**
 * After balancing (or a server fixed before it): the request takes a slot on `s`, or waits — in
 * the backend's queue when balancing found every server full (`s` null), else in `s`'s. Returns
 * the server when it has its slot, null when it waits or was answered 503 (maxqueue).
 */
export function takeOrQueue(sim: Sim, stream: Stream, req: Request, s: ServerConfig | null, again: () => ServerConfig | null): ServerConfig | null {
  const be = req.backend!;
  if (s === null) {
    enqueue(sim, stream, req, null);
    return null;
  }
  if (s.dispatch || !isFull(sim, be, s)) {
    takeServer(sim, req, s);
    return s;
  }
  const max = s.maxqueue ?? 0;
  if (max > 0 && waitingFor(sim, s) >= max) {
    // srv_redispatch_connect (backend.c:1886-1915): a server fixed by the request, with option
    // redispatch, is forgotten and balancing runs again; otherwise 503.
    const redispatch = req.direct && (be.redispatch ?? 0) !== 0;
    sim.emit({
      kind: 'note', decision: 'mQ4', request: req.id, stream: stream.id, session: stream.session.id, server: s.name,
      message: redispatch
        ? `${s.name} is full and ${max} request${max > 1 ? 's' : ''} already wait for it (maxqueue ${max}): with option redispatch ${req.id} is balanced again`
        : `${s.name} is full and ${max} request${max > 1 ? 's' : ''} already wait for it (maxqueue ${max}): HAProxy answers ${req.id} with 503`,
      conds: [{ label: limitText(sim, be, s), value: true }, { label: `maxqueue ${max}`, value: waitingFor(sim, s) }, { label: 'option redispatch', value: redispatch }],
    });
    if (redispatch) {
      req.redispatched = true;
      return again();
    }
    sim.giveUp(req, 503, `server queue full (maxqueue ${max})`);
    return null;
  }
  enqueue(sim, stream, req, s);
  return null;
}

/** pendconn_add (queue.c:420-471): at the tail of its queue, with `timeout queue` armed (backend.c:1926). */
function enqueue(sim: Sim, stream: Stream, req: Request, server: ServerConfig | null): void {
  const run = sim.local(RUN);
  const be = req.backend!;
  const w: Waiting = { req, stream, ms: Math.floor(sim.now / 1000), server, orphan: null };
  const q = server ? queueOf(run.servers, server) : queueOf(run.backends, be);
  q.push(w);
  run.waiting.set(req, w);
  req.waited = true;
  const full = be.servers.filter(capped).map((s) => `${s.name} ${servedOf(sim, be, s)}/${limitOf(sim, be, s)}`);
  // Balancing was not asked (backend.c:691-697): others wait already, though a server may have room now.
  const behind = !server && q.length > 1 && be.servers.some((s) => capped(s) && !isFull(sim, be, s));
  sim.emit({
    kind: 'note', decision: 'mQ1', request: req.id, stream: stream.id, session: stream.session.id, ...(server ? { server: server.name } : {}),
    message: server
      ? `${server.name} is full (${limitText(sim, be, server)}, ${servedOf(sim, be, server)} in flight${q.length > 1 ? `, ${q.length - 1} waiting before` : ''}): ${req.id} waits in its queue`
      : behind
        ? `${q.length - 1} request${q.length > 2 ? 's' : ''} already wait${q.length > 2 ? '' : 's'} in ${be.name}'s queue: ${req.id} waits behind, without balancing (${full.join(', ')}${be.fullconn !== undefined ? `; ${dynamicText(sim, be)}` : ''})`
        : `Every server of ${be.name} is full (${full.join(', ')}${be.fullconn !== undefined ? `; ${dynamicText(sim, be)}` : ''}): ${req.id} waits in the backend's queue${q.length > 1 ? ` behind ${q.length - 1}` : ''}`,
    conds: [
      { label: server ? 'server fixed before balancing' : 'balancing found no server with room', value: true },
      { label: 'queue position', value: q.length },
      ...(be.fullconn !== undefined ? [{ label: `requests in ${be.name} (beconn) / fullconn ${be.fullconn}`, value: sim.local(RUN).beconn.get(be) ?? 0 }] : []),
    ],
  });
  const limit = be.queueTimeoutUs ?? 0;
  if (limit <= 0) return;
  sim.at(limit, () => {
    if (run.waiting.get(req) !== w) return;
    leave(run, w);
    sim.emit({
      kind: 'note', decision: 'mQ3', request: req.id, stream: stream.id, session: stream.session.id, ...(server ? { server: server.name } : {}),
      message: `${req.id} waited ${limit / 1000} ms in the queue (timeout queue) without a slot: HAProxy answers 503${w.orphan ? ' to a client that has left' : ''}`,
      conds: [{ label: 'timeout queue (else timeout connect)', value: `${limit / 1000} ms` }],
    });
    if (w.orphan) w.orphan.expired();
    else sim.giveUp(req, 503, 'timeout queue');
  });
}

function leave(run: QueueRun, w: Waiting): void {
  run.waiting.delete(w.req);
  const q = w.server ? run.servers.get(w.server)! : run.backends.get(w.req.backend!)!;
  q.splice(q.indexOf(w), 1);
}

/** The request waits in a queue for a server slot. */
export function isWaiting(sim: Sim, req: Request): boolean {
  return sim.local(RUN).waiting.has(req);
}

/**
 * The client of a waiting request left: without abortonclose the stream stays in its queue
 * (mD6), and `ends` says what follows. False when the request waits in no queue.
 */
export function orphan(sim: Sim, req: Request, ends: OrphanEnds): boolean {
  const w = sim.local(RUN).waiting.get(req);
  if (!w) return false;
  w.orphan = ends;
  return true;
}

/** Why a server with a minconn has the limit it has now. */
function dynamicText(sim: Sim, be: BackendConfig): string {
  const n = sim.local(RUN).beconn.get(be) ?? 0;
  return n >= be.fullconn!
    ? `${n} requests in ${be.name}, at or above its fullconn ${be.fullconn}: each server takes its maxconn`
    : `${n} request${n === 1 ? '' : 's'} in ${be.name}, below its fullconn ${be.fullconn}: a server with a minconn takes the greater of it and maxconn × ${n} / ${be.fullconn}`;
}

/**
 * The request's stream is done with its server: its slot is given back and the server's queue
 * served (sess_change_server then process_srv_queue, stream.c:1847-1858@2.6.0); a request that
 * ends while it waits leaves its queue (pendconn_free). When the stream ends (`ends`; not a
 * redispatch), it leaves the backend's count after that (stream.c:2520-2521: beconn drops as
 * the stream is released, so the queue was served with it still counted).
 */
export function release(sim: Sim, req: Request, ends = true): void {
  const run = sim.local(RUN);
  const w = run.waiting.get(req);
  if (w) leave(run, w);
  const s = dropServer(sim, req);
  if (s && capped(s)) serveQueue(sim, req.backend!, s);
  if (ends && run.inBackend.has(req)) {
    run.inBackend.delete(req);
    const be = req.backend!;
    run.beconn.set(be, run.beconn.get(be)! - 1);
  }
}

/**
 * process_srv_queue (queue.c:357-399): while the server has room, the older of the heads of its
 * queue and of the backend's (a tie: the server's; the backend's only for a server balancing may
 * pick, queue.c:369-372) takes a slot; its stream wakes after the current one (task_wakeup).
 */
function serveQueue(sim: Sim, be: BackendConfig, s: ServerConfig): void {
  const run = sim.local(RUN);
  const own = run.servers.get(s);
  const shared = sim.balancedServers(be).includes(s) ? run.backends.get(be) : undefined;
  while (servedOf(sim, be, s) < limitOf(sim, be, s)) {
    const a = own?.[0];
    const b = shared?.[0];
    const w = a && b ? (b.ms < a.ms ? b : a) : (a ?? b);
    if (!w) return;
    leave(run, w);
    w.req.server = s;
    // The limit as the slot was given (the stream that freed it may leave the backend's count next).
    const limit = limitText(sim, be, s);
    takeServer(sim, w.req, s);
    const served = servedOf(sim, be, s);
    sim.at(0, () => granted(sim, w, s, limit, served));
  }
}

/** The woken stream goes on to its server (back_try_conn_req, backend.c:2063-2068): connection lookup or a new one. */
function granted(sim: Sim, w: Waiting, s: ServerConfig, limit: string, served: number): void {
  const { req, stream } = w;
  if (req.finished && !w.orphan) return;
  const conds = [{ label: limit, value: served }, { label: w.server ? "in the server's queue" : "in the backend's queue", value: true }];
  if (w.server) {
    sim.emit({ kind: 'note', decision: 'mQ2', request: req.id, stream: stream.id, session: stream.session.id, server: s.name, message: `A slot on ${s.name} is free: ${req.id} leaves its queue and goes on`, conds });
  } else {
    sim.out.assign('mQ2', req, stream, req.backend!.name, s.name, null, undefined, conds);
  }
  if (w.orphan) w.orphan.granted();
  else sim.proceed(req);
}
