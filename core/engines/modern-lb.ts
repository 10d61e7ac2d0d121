import type { BackendConfig, ServerConfig } from '../model/config';
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
 */
interface Tree {
  /** Servers in tree order. */
  readonly order: ServerConfig[];
  readonly served: Map<ServerConfig, number>;
}

/** A run's leastconn state (held by the run: Sim.local). */
interface LbRun {
  /** The tree of each backend. */
  readonly trees: Map<BackendConfig, Tree>;
  /** Requests holding a `served` slot, and on which server. */
  readonly holding: WeakMap<Request, ServerConfig>;
}

const RUN = new RunLocal<LbRun>(() => ({ trees: new Map(), holding: new WeakMap() }));

function tree(sim: Sim, be: BackendConfig): Tree {
  const m = sim.local(RUN).trees;
  let t = m.get(be);
  // fwlc_init_server_tree inserts the servers in configuration order, all with key 0.
  if (!t) m.set(be, (t = { order: [...be.servers], served: new Map(be.servers.map((s) => [s, 0])) }));
  return t;
}

function reposition(t: Tree, s: ServerConfig, before: number, after: number): void {
  if (before === after) return;
  t.order.splice(t.order.indexOf(s), 1);
  // Behind every server whose key is not greater (the key grows with the in-flight count).
  let i = 0;
  while (i < t.order.length && t.served.get(t.order[i]!)! <= after) i++;
  t.order.splice(i, 0, s);
}

/** fwlc_get_next_server: the first server of the tree among those the backend may use. */
export function leastconnPick(sim: Sim, be: BackendConfig, pool: readonly ServerConfig[]): ServerConfig {
  return tree(sim, be).order.find((s) => pool.includes(s)) ?? pool[0]!;
}

/** The request's stream takes a slot on its server (every balance: the tree only matters for leastconn). */
export function takeServer(sim: Sim, req: Request, s: ServerConfig): void {
  const be = req.backend!;
  const holding = sim.local(RUN).holding;
  if (be.balance !== 'leastconn' || s.dispatch || holding.has(req) || !be.servers.includes(s)) return;
  const t = tree(sim, be);
  const n = t.served.get(s) ?? 0;
  t.served.set(s, n + 1);
  holding.set(req, s);
  reposition(t, s, n, n + 1);
}

/** The request's stream ends: its slot is given back. */
export function dropServer(sim: Sim, req: Request): void {
  const holding = sim.local(RUN).holding;
  const s = holding.get(req);
  if (!s) return;
  holding.delete(req);
  const t = tree(sim, req.backend!);
  const n = t.served.get(s)!;
  t.served.set(s, n - 1);
  reposition(t, s, n, n - 1);
}
