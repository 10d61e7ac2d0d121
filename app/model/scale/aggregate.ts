import { connStatus } from '../../../core';
import type { ListName, World } from '../../../core';
import type { FoldPlan } from './fold';

/**
 * What the folded diagram shows at one instant, counted from the world at the playhead:
 * a state per member dot and per connection dot, counts per row and per server, list
 * lengths, and the open connections between each row and each server. Buffers are
 * allocated once per plan and refilled every frame (no garbage while playing).
 */
export const MEMBER = { future: 0, open: 1, active: 2, ended: 3 } as const;
export const CONN = { future: 0, connecting: 1, busy: 2, idle: 3, orphan: 4, doomed: 5, closed: 6 } as const;
export const CONN_NAMES = ['future', 'connecting', 'busy', 'idle', 'orphan', 'doomed', 'closed'] as const;

export interface RowStats {
  readonly members: Uint8Array;
  open: number;
  active: number;
  ended: number;
}

export interface ServerStats {
  readonly dots: Uint8Array;
  /** Connections by CONN code. */
  readonly status: Int32Array;
  readonly lists: Record<ListName, number>;
  /** The first connections of each expanded list, head first. */
  heads: Partial<Record<ListName, string[]>>;
}

export interface FrameStats {
  readonly rows: RowStats[];
  readonly servers: ServerStats[];
  /** Open connections by the row whose client opened them × server: `bands[row * servers + s]`. */
  readonly bands: Int32Array;
}

export function createFrame(plan: FoldPlan): FrameStats {
  return {
    rows: plan.rows.map((r) => ({ members: new Uint8Array(r.members.length), open: 0, active: 0, ended: 0 })),
    servers: plan.servers.map((s) => ({
      dots: new Uint8Array(s.conns.length),
      status: new Int32Array(CONN_NAMES.length),
      lists: { idle: 0, safe: 0, priv: 0, avail: 0 },
      heads: {},
    })),
    bands: new Int32Array(plan.rows.length * plan.servers.length),
  };
}

/** Refill `f` for the world after event `index` (a world that may have dropped closed connections). */
export function fillFrame(f: FrameStats, plan: FoldPlan, world: World, index: number, headsOf = 0): void {
  for (const r of f.rows) {
    r.members.fill(MEMBER.future);
    r.open = r.active = r.ended = 0;
  }
  for (const s of world.sessions.values()) {
    const at = plan.clientRow.get(s.client);
    // A later session of the same client (a reconnection) wins: map order is creation order.
    if (at) f.rows[at.row]!.members[at.member] = s.open ? MEMBER.open : MEMBER.ended;
  }
  for (const st of world.streams.values()) {
    if (!st.open || st.request === null) continue;
    const s = world.sessions.get(st.session);
    const at = s ? plan.clientRow.get(s.client) : undefined;
    if (at && s!.open) f.rows[at.row]!.members[at.member] = MEMBER.active;
  }
  for (const r of f.rows) {
    const m = r.members;
    for (let k = 0; k < m.length; k++) {
      const v = m[k];
      if (v === MEMBER.open) r.open++;
      else if (v === MEMBER.active) {
        r.open++;
        r.active++;
      } else if (v === MEMBER.ended) r.ended++;
    }
  }

  f.bands.fill(0);
  const nS = plan.servers.length;
  plan.servers.forEach((ps, si) => {
    const st = f.servers[si]!;
    st.status.fill(0);
    for (let k = 0; k < ps.conns.length; k++) {
      const id = ps.conns[k]!;
      const c = world.conns.get(id);
      const info = plan.connDot.get(id)!;
      let code: number;
      if (c) code = CONN[connStatus(c)];
      else code = info.created <= index ? CONN.closed : CONN.future;
      st.dots[k] = code;
      st.status[code]++;
      if (code !== CONN.closed && code !== CONN.future && info.row >= 0) f.bands[info.row * nS + si]++;
    }
    const lists = world.lists.get(ps.name);
    for (const l of ['idle', 'safe', 'priv', 'avail'] as const) st.lists[l] = lists ? lists[l].length : 0;
    st.heads = {};
    for (const fl of ps.lists) {
      if (!fl.expanded || !lists) continue;
      const ids: string[] = [];
      for (const id of lists[fl.name]) {
        if (ids.length >= Math.max(headsOf, 1)) break;
        ids.push(id);
      }
      st.heads[fl.name] = ids;
    }
  });
}
