import type { ListName } from '../../../core';
import type { ClientGroup } from '../estimate';
import type { ConnOrigin } from '../analysis';
import { formatCount } from '../format';

/**
 * Geometry of the folded diagram, for runs too large to draw one box per session and
 * connection: a client group (`web1…web10000`) is one row with a grid of dots, one per
 * member; each server box holds a grid of dots, one per connection it ever had, and its
 * lists as counts. Clicking a group or a list expands it (members or connection ids).
 * Deterministic: positions depend only on the script's groups, creation order and the
 * expanded set, never on the playhead, so nothing jumps while scrubbing.
 */
export const FOLD = {
  width: 980,
  top: 34,
  row: { x: 12, w: 400, header: 46, pad: 10, gap: 12, single: 44 },
  member: { h: 19, max: 60 },
  grid: { w: 376, maxH: 150, pitches: [10, 8, 6, 5, 4, 3, 2] },
  // The bar ends before the list's "max N" label (right-aligned at w - 14, up to 'max 100,000' in 10.5 px monospace).
  server: { x: 572, w: 396, header: 48, pad: 10, gap: 14, listH: 22, barX: 150, barW: 156 },
  chip: { w: 86, h: 18, cols: 4, max: 24 },
  /** Individual clients drawn as their own row, at most; the rest share one folded row. */
  maxSingles: 40,
} as const;

/** Dot grid: `cols` dots per line at `pitch` px, `rows` lines. */
export interface Grid {
  readonly x: number;
  readonly y: number;
  readonly pitch: number;
  readonly cols: number;
  readonly rows: number;
  readonly n: number;
}

export interface FoldRow {
  /** `g:web` for a group, `c:A` for a single client, `g:*` for the other clients. */
  readonly key: string;
  readonly kind: 'group' | 'client';
  readonly label: string;
  readonly sub: string;
  /** Client names, in member order (dot k = members[k]). */
  readonly members: readonly string[];
  readonly y: number;
  readonly h: number;
  readonly grid: Grid | null;
  readonly expanded: boolean;
  /** Member rows shown when expanded (the first `shown` members), from `listY`. */
  readonly shown: number;
  readonly listY: number;
}

export interface FoldList {
  readonly name: ListName;
  readonly y: number;
  readonly expanded: boolean;
  /** Chip lines reserved under the list line when expanded. */
  readonly chipRows: number;
  /** Largest length during the run. */
  readonly max: number;
}

export interface FoldServer {
  readonly name: string;
  readonly y: number;
  readonly h: number;
  /** Connections of this server, in creation order (dot k = conns[k]). */
  readonly conns: readonly string[];
  readonly grid: Grid;
  readonly lists: readonly FoldList[];
}

export interface FoldPlan {
  readonly rows: readonly FoldRow[];
  readonly servers: readonly FoldServer[];
  /** Client name → row index and member index. */
  readonly clientRow: ReadonlyMap<string, { readonly row: number; readonly member: number }>;
  /** Connection → server index, dot index, and the index of its `conn.new`. */
  readonly connDot: ReadonlyMap<string, { readonly server: number; readonly dot: number; readonly created: number; readonly row: number }>;
  readonly width: number;
  readonly height: number;
}

export interface FoldInput {
  readonly groups: readonly ClientGroup[];
  /** Sessions in creation order → client name. */
  readonly sessions: ReadonlyMap<string, string>;
  /** Connections in creation order. */
  readonly conns: ReadonlyMap<string, ConnOrigin>;
  readonly servers: readonly string[];
  readonly lists: readonly ListName[];
  readonly maxList: ReadonlyMap<string, Readonly<Record<ListName, number>>>;
  /** Row keys (`g:web`) and list keys (`l:s1:idle`) the user expanded. */
  readonly expanded: ReadonlySet<string>;
  /** Groups smaller than this are drawn client by client. */
  readonly foldAt: number;
}

/** The largest pitch whose grid of `n` dots fits `w` × `maxH` (the smallest pitch otherwise). */
export function gridFor(n: number, x: number, y: number, w: number = FOLD.grid.w, maxH: number = FOLD.grid.maxH): Grid {
  const pitches = FOLD.grid.pitches;
  for (const p of pitches) {
    const cols = Math.max(1, Math.floor(w / p));
    const rows = Math.ceil(n / cols);
    if (rows * p <= maxH) return { x, y, pitch: p, cols, rows, n };
  }
  const p = pitches[pitches.length - 1];
  const cols = Math.max(1, Math.floor(w / p));
  return { x, y, pitch: p, cols, rows: Math.ceil(n / cols), n };
}

/** Top-left of dot `k` of a grid. */
export function dotAt(g: Grid, k: number): { x: number; y: number } {
  return { x: g.x + (k % g.cols) * g.pitch, y: g.y + Math.floor(k / g.cols) * g.pitch };
}

/** The dot under a point of the grid, or -1. */
export function dotUnder(g: Grid, x: number, y: number): number {
  const c = Math.floor((x - g.x) / g.pitch);
  const r = Math.floor((y - g.y) / g.pitch);
  if (c < 0 || c >= g.cols || r < 0 || r >= g.rows) return -1;
  const k = r * g.cols + c;
  return k < g.n ? k : -1;
}


export function planFolded(input: FoldInput): FoldPlan {
  const R = FOLD.row;
  const rows: FoldRow[] = [];
  const clientRow = new Map<string, { row: number; member: number }>();
  // Which group a client name belongs to: prefix + a number in the group's range.
  const folded = input.groups.filter((g) => g.to - g.from + 1 >= input.foldAt);
  const byPrefix = new Map(folded.map((g) => [g.prefix, g]));
  const groupOf = (client: string): ClientGroup | undefined => {
    const m = /^(.*?)(\d+)$/.exec(client);
    if (!m) return undefined;
    const g = byPrefix.get(m[1]);
    const i = Number(m[2]);
    return g && i >= g.from && i <= g.to && String(i) === m[2] ? g : undefined;
  };
  const seen = new Set<string>();
  const singles: string[] = [];
  for (const client of input.sessions.values()) {
    if (seen.has(client)) continue;
    seen.add(client);
    if (!groupOf(client)) singles.push(client);
  }

  let y: number = FOLD.top;
  const addRow = (key: string, kind: 'group' | 'client', label: string, sub: string, members: string[]) => {
    const index = rows.length;
    members.forEach((c, k) => clientRow.set(c, { row: index, member: k }));
    const expanded = kind === 'group' && input.expanded.has(key);
    let h: number = R.single;
    let grid: Grid | null = null;
    let shown = 0;
    let listY = 0;
    if (kind === 'group') {
      grid = gridFor(members.length, R.x + R.pad + 2, y + R.header);
      h = R.header + grid.rows * grid.pitch + R.pad;
      if (expanded) {
        shown = Math.min(members.length, FOLD.member.max);
        listY = y + h;
        h += shown * FOLD.member.h + (members.length > shown ? FOLD.member.h : 0) + R.pad;
      }
    }
    rows.push({ key, kind, label, sub, members, y, h, grid, expanded, shown, listY });
    y += h + R.gap;
  };

  for (const g of folded) {
    const members = Array.from({ length: g.to - g.from + 1 }, (_, i) => `${g.prefix}${g.from + i}`);
    addRow(`g:${g.prefix}`, 'group', `${g.prefix}${g.from} … ${g.prefix}${g.to}`, `${formatCount(members.length)} clients · ${g.proto === 'h2' ? 'HTTP/2' : 'HTTP/1.1'}`, members);
  }
  const alone = singles.slice(0, FOLD.maxSingles);
  for (const c of alone) addRow(`c:${c}`, 'client', c, 'client', [c]);
  if (singles.length > alone.length) {
    const rest = singles.slice(alone.length);
    addRow('g:*', 'group', 'other clients', `${formatCount(rest.length)} clients`, rest);
  }
  const rowsBottom = y;

  // Servers: a dot per connection, then one line per list (chips below when expanded).
  const S = FOLD.server;
  const perServer = new Map<string, string[]>(input.servers.map((s) => [s, []]));
  for (const [id, c] of input.conns) {
    let l = perServer.get(c.server);
    if (!l) perServer.set(c.server, (l = []));
    l.push(id);
  }
  const servers: FoldServer[] = [];
  const connDot = new Map<string, { server: number; dot: number; created: number; row: number }>();
  y = FOLD.top;
  for (const [name, conns] of perServer) {
    const si = servers.length;
    const grid = gridFor(Math.max(1, conns.length), S.x + S.pad + 2, y + S.header, S.w - 2 * S.pad - 4, 120);
    conns.forEach((id, k) => {
      const o = input.conns.get(id)!;
      connDot.set(id, { server: si, dot: k, created: o.created, row: o.client !== null ? (clientRow.get(o.client)?.row ?? -1) : -1 });
    });
    let ly = y + S.header + grid.rows * grid.pitch + 8;
    const lists: FoldList[] = input.lists.map((l) => {
      const key = `l:${name}:${l}`;
      const max = input.maxList.get(name)?.[l] ?? 0;
      const expanded = input.expanded.has(key) && max > 0;
      const chipRows = expanded ? Math.ceil(Math.min(max, FOLD.chip.max) / FOLD.chip.cols) + (max > FOLD.chip.max ? 1 : 0) : 0;
      const fl = { name: l, y: ly, expanded, chipRows, max };
      ly += S.listH + chipRows * (FOLD.chip.h + 4);
      return fl;
    });
    const h = ly - y + S.pad;
    servers.push({ name, y, h, conns, grid, lists });
    y += h + S.gap;
  }
  const height = Math.max(rowsBottom, y) + 8;
  return { rows, servers, clientRow, connDot, width: FOLD.width, height: Math.max(height, 220) };
}
