import type { BackendConfig, ServerConfig } from '../model/config';
import { since } from '../model/names';
import { DEFAULT_SEED, Random } from '../sim/random';
import { weightOf } from './hash-balance';
import { RunLocal, type EngineSim as Sim } from './runtime';
import type { Request } from './types';

/**
 * `balance leastconn` as 2.6 runs it (src/lb_fwlc.c@2.6.0): servers sit in a tree keyed by
 * their in-flight streams (`served`); equal keys keep their insertion order, and a server whose
 * key changes is taken out and put back behind the others of its new key (fwlc_srv_reposition,
 * lb_fwlc.c:71-100). The pick is the first of the tree (fwlc_get_next_server). So between idle
 * servers the one that finished a stream most recently comes last — not the first in the
 * configuration, as a plain count would say.
 *
 * `served` moves when a stream gets a server (sess_change_server, stream.c:2635-2658, from
 * backend.c:854) and when it lets it go, as the stream ends (stream.c:608-614) — in 2.6 an
 * HTTP/1 client gets a new stream per request, so after every transaction.
 *
 * The key is not the count itself but (served + 1) · 4096 / (16 · weight), 0 when idle
 * (fwlc_queue_srv and fwlc_srv_reposition, lb_fwlc.c:58-64, 71-100): a server of weight 2 may
 * hold twice the streams of one of weight 1 at the same key. A server of weight 0 is not in the
 * tree. With equal weights the key orders as the count does.
 */
interface Tree {
  /** Servers in tree order (leastconn only: empty for the other balances). */
  readonly order: ServerConfig[];
  readonly served: Map<ServerConfig, number>;
}

/** A run's server slots (held by the run: Sim.local). */
interface LbRun {
  /** The slots (and the leastconn tree) of each backend that counts them. */
  readonly trees: Map<BackendConfig, Tree>;
  /** Requests (and the streams of mode tcp: ./tcp-balance.ts) holding a `served` slot, and on which server. */
  readonly holding: WeakMap<object, ServerConfig>;
}

const RUN = new RunLocal<LbRun>(() => ({ trees: new Map(), holding: new WeakMap() }));

/** 3.2's draws among equally loaded servers: a stream of their own, so the run's other draws stay as they were. */
const TIES = new RunLocal<{ random: Random | null }>(() => ({ random: null }));

/**
 * A backend whose slots are counted: leastconn reads them, and a server `maxconn` caps them
 * (./modern-queue.ts). Other backends skip the bookkeeping.
 */
export const countsSlots = (be: BackendConfig): boolean =>
  be.balance === 'leastconn' || be.balance === 'random' || (be.hashBalanceFactor ?? 0) > 0 || be.servers.some((s) => (s.maxconn ?? 0) > 0);

function tree(sim: Sim, be: BackendConfig): Tree {
  const m = sim.local(RUN).trees;
  let t = m.get(be);
  // fwlc_init_server_tree inserts the usable servers in configuration order, all with key 0.
  if (!t) m.set(be, (t = { order: be.balance === 'leastconn' ? be.servers.filter((s) => weightOf(s) > 0) : [], served: new Map(be.servers.map((s) => [s, 0])) }));
  return t;
}


/** A server's key in the tree for `served` streams in flight (SRV_EWGHT_MAX 4096, eweight 16 · weight). */
function keyOf(s: ServerConfig, served: number): number {
  return served === 0 ? 0 : Math.floor(((served + 1) * 4096) / (16 * weightOf(s) || 1));
}

function reposition(t: Tree, s: ServerConfig, before: number, after: number): void {
  const key = keyOf(s, after);
  const at = t.order.indexOf(s);
  if (at < 0 || keyOf(s, before) === key) return;
  t.order.splice(at, 1);
  // Behind every server whose key is not greater.
  let i = 0;
  while (i < t.order.length && keyOf(t.order[i]!, t.served.get(t.order[i]!)!) <= key) i++;
  t.order.splice(i, 0, s);
}

/**
 * fwlc_get_next_server (lb_fwlc.c:343-360): the first server of the tree among those the backend
 * may use and that may take a stream (`eligible`: with maxconn, served + queued below maxconn +
 * maxqueue); null when none may.
 */
export function leastconnPick(sim: Sim, be: BackendConfig, pool: readonly ServerConfig[], eligible?: (s: ServerConfig) => boolean): ServerConfig | null {
  const t = tree(sim, be);
  const order = t.order;
  const first = eligible ? (order.find((s) => pool.includes(s) && eligible(s)) ?? null) : (order.find((s) => pool.includes(s)) ?? pool[0]!);
  if (!first || !since(sim.config.modernVersion, '3.2')) return first;
  // 3.2 (commit 9fe72bba3, lb_fwlc.c:737-871@v3.2.0): servers of one key sit in lists chosen at
  // random, and a lookup starts at a random one: among the eligible servers of the least key, any
  // may come first. Drawn uniformly here, from the run's seed.
  const key = keyOf(first, t.served.get(first) ?? 0);
  const ties = order.filter((s) => pool.includes(s) && (!eligible || eligible(s)) && keyOf(s, t.served.get(s) ?? 0) === key);
  if (ties.length < 2) return first;
  const ties32 = sim.local(TIES);
  ties32.random ??= new Random(((sim.config.seed ?? DEFAULT_SEED) ^ 0x5bd1e995) >>> 0);
  return ties[ties32.random.int(0, ties.length - 1)]!;
}

/** Streams holding a slot on the server (srv->served). */
export function servedOf(sim: Sim, be: BackendConfig, s: ServerConfig): number {
  return tree(sim, be).served.get(s) ?? 0;
}

/** The request's stream takes a slot on its server (sess_change_server, stream.c:2651-2657@2.6.0). */
export function takeServer(sim: Sim, req: Request, s: ServerConfig): void {
  takeSlot(sim, req.backend!, req, s);
}

/** A stream takes a slot on server `s` of `be`; `holder` (its request, or a tcp stream) gives it back with dropSlot. */
export function takeSlot(sim: Sim, be: BackendConfig, holder: object, s: ServerConfig): void {
  const holding = sim.local(RUN).holding;
  if (!countsSlots(be) || s.dispatch || holding.has(holder) || !be.servers.includes(s)) return;
  const t = tree(sim, be);
  const n = t.served.get(s) ?? 0;
  t.served.set(s, n + 1);
  holding.set(holder, s);
  reposition(t, s, n, n + 1);
}

/** The request's stream ends: its slot is given back; returns the server it held (null: none). */
export function dropServer(sim: Sim, req: Request): ServerConfig | null {
  return dropSlot(sim, req.backend!, req);
}

/** What `holder` held on `be` is given back (stream.c:608-614@2.6.0); returns the server (null: none). */
export function dropSlot(sim: Sim, be: BackendConfig, holder: object): ServerConfig | null {
  const holding = sim.local(RUN).holding;
  const s = holding.get(holder);
  if (!s) return null;
  holding.delete(holder);
  const t = tree(sim, be);
  const n = t.served.get(s)!;
  t.served.set(s, n - 1);
  reposition(t, s, n, n - 1);
  return s;
}

/**
 * A server its health checks marked UP again joins the leastconn tree behind every server whose
 * key is not greater (fwlc_set_server_status_up, lb_fwlc.c: fwlc_queue_srv; eb32 puts an equal key
 * after those already there). While DOWN it stays in `order`, where the pool leaves it out.
 */
export function leastconnServerUp(sim: Sim, be: BackendConfig, s: ServerConfig): void {
  const t = sim.local(RUN).trees.get(be);
  if (!t) return;
  const at = t.order.indexOf(s);
  if (at < 0) return;
  t.order.splice(at, 1);
  const key = keyOf(s, t.served.get(s) ?? 0);
  let i = 0;
  while (i < t.order.length && keyOf(t.order[i]!, t.served.get(t.order[i]!) ?? 0) <= key) i++;
  t.order.splice(i, 0, s);
}
