import type { ListName } from '../../../core';

/**
 * Deterministic diagram geometry, in SVG user units. Every position depends only on
 * creation order (sessions, connections), config order (servers) and the list sizes
 * reached over the whole run, so nothing jumps while scrubbing: an element moves only
 * when its own state changes (a connection entering a list, a session's link changing).
 */
export const GEOM = {
  width: 860,
  top: 40,
  session: { x: 12, w: 158, h: 54, pitch: 66 },
  stream: { x: 186, w: 100, h: 18, gap: 3, top: 17, maxShown: 2 },
  conn: { x: 318, w: 110, h: 38, pitch: 48 },
  /** Each server: a name row, then one column per list (idle, safe, priv), one slot per line. */
  server: { x: 468, header: 28, labelH: 18, colW: 122, slotH: 44, pad: 8, gap: 14 },
} as const;

/** The server lists each engine has (modern keeps private connections in sessions, and has `avail`). */
export function listsFor(engine: string, maxList?: ReadonlyMap<string, Readonly<Record<ListName, number>>>): ListName[] {
  const base: ListName[] = engine === 'modern' ? ['idle', 'safe', 'avail'] : ['idle', 'safe', 'priv'];
  // Any other list the run actually uses is shown too.
  for (const l of ['priv', 'avail'] as const) {
    if (!base.includes(l) && [...(maxList?.values() ?? [])].some((m) => (m[l] ?? 0) > 0)) base.push(l);
  }
  return base;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface ServerBox {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Slot lines drawn: the longest any of its lists gets during the run (at least 1), or fewer when collapsed. */
  readonly lines: number;
  /** The longest any of its lists gets during the run. */
  readonly max: number;
  /** Lines are capped (`LIST_LINES`): the last slot of a longer list shows a count instead. */
  readonly collapsed: boolean;
  /** What sets it apart in load balancing (`backup`, `weight 3`), shown beside its name. */
  readonly role?: string;
  /** Its maxconn (modern engine): the header counts the streams in flight against it. */
  readonly maxconn?: number;
}

/** Height of a backend's label above its servers, and the space between two backends. */
const GROUP_LABEL_H = 24;
const GROUP_GAP = 10;

/** Server boxes show at most this many slot lines unless expanded (longer lists end with "+N"). */
export const LIST_LINES = 6;

export interface PlanOptions {
  /** Slot lines before a server box collapses (default LIST_LINES). */
  readonly maxLines?: number;
  /** Servers shown in full (keys `srv:NAME`). */
  readonly expanded?: ReadonlySet<string>;
  /** The servers of each backend: with more than one backend, boxes are grouped under its name. */
  readonly backends?: readonly {
    readonly name: string; readonly servers: readonly string[]; readonly roles?: Readonly<Record<string, string>>; readonly maxconn?: Readonly<Record<string, number>>; readonly note?: string; readonly tcp?: boolean;
  }[];
  /** Servers some connection went to during the run (a backend none of whose servers is here stayed idle). */
  readonly reached?: ReadonlySet<string>;
}

/** A backend's servers, drawn under one label (only when the configuration has several backends). */
export interface BackendGroup {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** No request reached any of its servers during the whole run. */
  readonly idle: boolean;
  /** What the backend is there for, when it has no server (core's BackendServers.note). */
  readonly note?: string;
  /** A backend in `mode tcp`: its label says so. */
  readonly tcp?: boolean;
}

export interface DiagramPlan {
  /** The lists drawn in every server box, left to right. */
  readonly lists: readonly ListName[];
  readonly sessions: ReadonlyMap<string, Point>;
  readonly connHome: ReadonlyMap<string, Point>;
  readonly servers: ReadonlyMap<string, ServerBox>;
  /** Backend groups around the server boxes (empty with a single backend). */
  readonly groups?: readonly BackendGroup[];
  readonly width: number;
  readonly height: number;
  /** Where the servers' column heading goes, when not at the top of their column (stacked.ts). */
  readonly serverHeading?: Point;
}

export function serverWidth(lists = 3): number {
  const s = GEOM.server;
  return s.pad * 2 + lists * s.colW;
}

/**
 * Lay out the whole run once: `sessionIds` and `connIds` in creation order (the final
 * world's map order), `servers` in config order, `maxList` the largest list sizes.
 */
export function planDiagram(
  sessionIds: readonly string[],
  connIds: readonly string[],
  servers: readonly string[],
  maxList: ReadonlyMap<string, Readonly<Record<ListName, number>>>,
  lists: readonly ListName[] = ['idle', 'safe', 'priv'],
  opts: PlanOptions = {},
): DiagramPlan {
  const cap = Math.max(2, opts.maxLines ?? LIST_LINES);
  const sessions = new Map<string, Point>();
  sessionIds.forEach((id, i) => sessions.set(id, { x: GEOM.session.x, y: GEOM.top + i * GEOM.session.pitch }));
  const connHome = new Map<string, Point>();
  connIds.forEach((id, i) => connHome.set(id, { x: GEOM.conn.x, y: GEOM.top + i * GEOM.conn.pitch }));

  const S = GEOM.server;
  const boxes = new Map<string, ServerBox>();
  let y: number = GEOM.top;
  const roles = new Map(opts.backends?.flatMap((b) => Object.entries(b.roles ?? {})) ?? []);
  const limits = new Map(opts.backends?.flatMap((b) => Object.entries(b.maxconn ?? {})) ?? []);
  const place = (name: string) => {
    const max = maxList.get(name);
    const longest = Math.max(1, ...lists.map((l) => max?.[l] ?? 0));
    const collapsed = longest > cap && !opts.expanded?.has(`srv:${name}`);
    const lines = collapsed ? cap : longest;
    const h = S.header + S.labelH + lines * S.slotH + S.pad;
    const role = roles.get(name);
    const maxconn = limits.get(name);
    boxes.set(name, { name, x: S.x, y, w: serverWidth(lists.length), h, lines, max: longest, collapsed, ...(role ? { role } : {}), ...(maxconn ? { maxconn } : {}) });
    y += h + S.gap;
  };
  const groups: BackendGroup[] = [];
  const grouped = (opts.backends?.length ?? 0) > 1;
  if (grouped) {
    // Each backend: its label, then its servers (the run gives servers of one name in two backends
    // names of their own, BACKEND/NAME; one listed twice would still be drawn once, first).
    for (const b of opts.backends!) {
      const top = y;
      y += GROUP_LABEL_H;
      const names = b.servers.filter((n) => servers.includes(n) && !boxes.has(n));
      for (const name of names) place(name);
      if (names.length === 0) y += S.gap;
      const idle = !b.servers.some((n) => opts.reached?.has(n));
      groups.push({ name: b.name, x: S.x - 6, y: top, w: serverWidth(lists.length) + 12, h: y - S.gap - top + 6, idle, ...(b.note ? { note: b.note } : {}), ...(b.tcp ? { tcp: true } : {}) });
      y += GROUP_GAP;
    }
  }
  for (const name of servers) if (!boxes.has(name)) place(name);

  const bottom = Math.max(
    GEOM.top + sessionIds.length * GEOM.session.pitch,
    GEOM.top + connIds.length * GEOM.conn.pitch,
    y,
  );
  const width = Math.max(GEOM.width, S.x + serverWidth(lists.length) + 12);
  return { lists, sessions, connHome, servers: boxes, groups, width, height: Math.max(bottom + 8, 220) };
}

/** Top-left corner of slot `k` (0 = head) of a server list. */
export function slotPosition(plan: DiagramPlan, server: string, list: ListName, k: number): Point | null {
  const box = plan.servers.get(server);
  if (!box) return null;
  const S = GEOM.server;
  const col = plan.lists.indexOf(list);
  if (col < 0) return null;
  return { x: box.x + S.pad + col * S.colW, y: box.y + S.header + S.labelH + k * S.slotH };
}

/**
 * Where a connection node is drawn: in its list slot while listed, else at its home
 * row. Its node is `GEOM.conn.w × GEOM.conn.h`, centred in a slot.
 */
export function connPosition(
  plan: DiagramPlan,
  conn: { readonly id: string; readonly server: string; readonly list: ListName | null },
  listIndex: number,
): Point {
  if (conn.list && listIndex >= 0) {
    const box = plan.servers.get(conn.server);
    const p = slotPosition(plan, conn.server, conn.list, box ? Math.min(listIndex, box.lines - 1) : listIndex);
    if (p) {
      const S = GEOM.server;
      return { x: p.x + (S.colW - GEOM.conn.w) / 2, y: p.y + (S.slotH - GEOM.conn.h) / 2 };
    }
  }
  return plan.connHome.get(conn.id) ?? { x: GEOM.conn.x, y: GEOM.top };
}

/**
 * In a collapsed server box, whether the connection at `listIndex` of a list of
 * `length` is folded into the last slot's "+N" (not drawn).
 */
export function foldedInList(box: ServerBox | undefined, listIndex: number, length: number): boolean {
  return !!box && box.collapsed && length > box.lines && listIndex >= box.lines - 1;
}

/** Top-left of the k-th open stream pill of a session. */
export function streamPosition(sessionAt: Point, k: number): Point {
  const st = GEOM.stream;
  return { x: st.x, y: sessionAt.y + st.top + k * (st.h + st.gap) };
}

/** A horizontal S-curve between two points (for `d`). */
export function link(a: Point, b: Point): string {
  const dx = Math.max(24, Math.abs(b.x - a.x) / 2);
  return `M ${r(a.x)} ${r(a.y)} C ${r(a.x + dx)} ${r(a.y)}, ${r(b.x - dx)} ${r(b.y)}, ${r(b.x)} ${r(b.y)}`;
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}
