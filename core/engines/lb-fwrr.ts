import type { BackendConfig, ServerConfig } from '../model/config';
import { RunLocal, type EngineSim as Sim } from './runtime';

/*
 * `balance roundrobin` as HAProxy runs it (src/lb_fwrr.c of v2.6.0, the same since 1.3 in what
 * is modelled here): "fast weighted round robin". Each server has an effective weight 16 × its
 * `weight`; a server is placed at a position on a wheel of the backend's total weight, and the
 * server with the lowest position is taken, then moved ahead by total / weight. Servers not yet
 * placed wait in a tree by weight (heaviest first); a server that passes the end of the turn
 * waits in the next turn's tree. With equal weights this is plain rotation in configuration
 * order; with weights a server of weight 3 gets three turns in four, spread out.
 *
 * A backend has two wheels, as HAProxy (lbprm.fwrr.act and .bck): its active servers', and its
 * backup servers' (used when no active server is up, with `option allbackups`; without it the
 * first backup alone is taken, ./runtime/servers.ts balancedServers). A server marked
 * DOWN or UP leaves or joins its own wheel.
 *
 * A full server (maxconn, ./modern-queue.ts) is skipped. Not modelled: weights changing during a
 * run.
 */

/** SRV_EWGHT_MAX (server-t.h:174-176 of v2.6.0): 256 weight units × BE_WEIGHT_SCALE 16. */
const EWGHT_MAX = 256 * 16;

interface Node {
  readonly server: ServerConfig;
  readonly eweight: number;
  /** Next position on the wheel, and the remainder of the weight division (npos, rweight). */
  npos: number;
  rweight: number;
  /** The tree it waits in, its key there and its order of insertion (ebtree keeps equal keys in that order). */
  tree: Tree | null;
  key: number;
  seq: number;
  /** Out of the wheel: its health checks marked it DOWN. */
  down?: boolean;
}

type Tree = Node[];

interface Group {
  readonly nodes: Map<ServerConfig, Node>;
  curr: Tree;
  init: Tree;
  next: Tree;
  currPos: number;
  currWeight: number;
  nextWeight: number;
  seq: number;
}

/** Each backend's wheels: its active servers' and its backup servers'. */
interface Wheels {
  act?: Group;
  bck?: Group;
}
const RUN = new RunLocal<Map<BackendConfig, Wheels>>(() => new Map());
const wheelOf = (s: ServerConfig): 'act' | 'bck' => (s.backup ? 'bck' : 'act');

function insert(g: Group, tree: Tree, n: Node, key: number): void {
  n.key = key;
  n.seq = g.seq++;
  n.tree = tree;
  let i = tree.length;
  while (i > 0 && tree[i - 1]!.key > key) i--;
  tree.splice(i, 0, n);
}

function remove(n: Node): void {
  if (!n.tree) return;
  n.tree.splice(n.tree.indexOf(n), 1);
  n.tree = null;
}

/** fwrr_queue_by_weight (lb_fwrr.c:264-269): the heaviest first. */
const queueByWeight = (g: Group, tree: Tree, n: Node) => insert(g, tree, n, EWGHT_MAX - n.eweight);

/** fwrr_init_server_groups (lb_fwrr.c:275-330): every usable server waits in `init`, by weight. */
function group(sim: Sim, be: BackendConfig, pool: readonly ServerConfig[]): Group {
  const m = sim.local(RUN);
  let w = m.get(be);
  if (!w) m.set(be, (w = {}));
  // The pool is all active servers or all backup ones (balancedServers).
  const kind = pool.length > 0 ? wheelOf(pool[0]!) : 'act';
  let g = w[kind];
  if (!g) {
    const live = pool.filter((s) => (s.weight ?? 1) > 0);
    const total = live.reduce((t, s) => t + (s.weight ?? 1) * 16, 0);
    g = { nodes: new Map(), curr: [], init: [], next: [], currPos: total, currWeight: total, nextWeight: total, seq: 0 };
    for (const s of live) {
      const n: Node = { server: s, eweight: (s.weight ?? 1) * 16, npos: 0, rweight: 0, tree: null, key: 0, seq: 0 };
      g.nodes.set(s, n);
      queueByWeight(g, g.init, n);
    }
    w[kind] = g;
  }
  return g;
}

/** fwrr_get_server_from_group (lb_fwrr.c:449-478): the first of `curr` if its turn has come, else the heaviest waiting in `init`. */
function fromGroup(g: Group): Node | null {
  const s1 = g.curr[0] ?? null;
  if (s1 && s1.npos <= g.currPos) return s1;
  const s2 = g.init[0];
  if (s2) {
    s2.npos = 0;
    s2.rweight = 0;
    return s2;
  }
  return s1;
}

/** fwrr_queue_srv (lb_fwrr.c:335-372): on the wheel, or into the next turn when past its end. */
function requeue(g: Group, n: Node): void {
  if (n.npos >= 2 * g.currWeight || n.npos >= g.currWeight + g.nextWeight) {
    n.npos -= g.currWeight;
    queueByWeight(g, g.next, n);
  } else {
    insert(g, g.curr, n, 256 * n.npos + Math.floor((EWGHT_MAX + n.rweight - n.eweight) / 16));
  }
}

/**
 * fwrr_get_next_server (lb_fwrr.c:511-610): the next server of the backend's wheel that is not
 * `full`. A full server's turn is used up all the same: it is put back as if it had been taken,
 * or, when the turn ended during the search, among the servers waiting for the next one by weight
 * alone (lb_fwrr.c:587-610). Null when every server is full.
 */
export function fwrrPick(sim: Sim, be: BackendConfig, pool: readonly ServerConfig[], full?: (s: ServerConfig) => boolean): ServerConfig | null {
  const g = group(sim, be, pool);
  if (g.nextWeight === 0 && g.currWeight === 0) return null;
  let switched = false;
  let picked: Node | null = null;
  const skipped: Node[] = [];
  for (;;) {
    if (g.currWeight === 0) g.currPos = g.currWeight = g.nextWeight;
    let n = fromGroup(g);
    while (!n && !switched) {
      // fwrr_switch_trees (lb_fwrr.c:434-443): the next turn begins, once per search.
      switched = true;
      [g.init, g.next] = [g.next, g.init];
      g.currWeight = g.nextWeight;
      g.currPos = g.currWeight;
      n = fromGroup(g);
    }
    if (!n) break;
    // fwrr_update_position (lb_fwrr.c:483-501).
    if (n.npos === 0) n.npos = g.currPos;
    n.npos += Math.floor(g.nextWeight / n.eweight);
    n.rweight += g.nextWeight % n.eweight;
    if (n.rweight >= n.eweight) {
      n.rweight -= n.eweight;
      n.npos++;
    }
    remove(n);
    g.currPos++;
    if (!full || !full(n.server)) {
      picked = n;
      break;
    }
    skipped.push(n);
  }
  if (picked) requeue(g, picked);
  // The skipped servers were chained head first: put back last one first.
  for (let i = skipped.length - 1; i >= 0; i--) {
    if (switched) queueByWeight(g, g.init, skipped[i]!);
    else requeue(g, skipped[i]!);
  }
  return picked ? picked.server : null;
}

/**
 * fwrr_set_server_status_down (lb_fwrr.c:35-86 of v2.6.0): the server leaves the wheel, and the
 * next turn is lighter by its weight. Nothing to do before the wheel is built (it is built from
 * the servers up then).
 */
export function fwrrServerDown(sim: Sim, be: BackendConfig, s: ServerConfig): void {
  const g = sim.local(RUN).get(be)?.[wheelOf(s)];
  const n = g?.nodes.get(s);
  if (!g || !n || n.down) return;
  n.down = true;
  g.nextWeight -= n.eweight;
  remove(n);
}

/**
 * fwrr_set_server_status_up (lb_fwrr.c:95-153): the server joins the wheel again, the next turn
 * heavier by its weight, at the position a server of its weight would take now.
 */
export function fwrrServerUp(sim: Sim, be: BackendConfig, s: ServerConfig): void {
  const g = sim.local(RUN).get(be)?.[wheelOf(s)];
  if (!g || (s.weight ?? 1) === 0) return;
  let n = g.nodes.get(s);
  if (n && !n.down) return;
  if (!n) {
    n = { server: s, eweight: (s.weight ?? 1) * 16, npos: 0, rweight: 0, tree: null, key: 0, seq: 0 };
    g.nodes.set(s, n);
  }
  n.down = false;
  g.nextWeight += n.eweight;
  n.npos = g.currPos + Math.floor((g.nextWeight + g.currWeight - g.currPos) / n.eweight);
  requeue(g, n);
}
