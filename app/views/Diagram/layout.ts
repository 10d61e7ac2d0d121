import type { ListName } from '../../../core';

/**
 * Deterministic diagram geometry, in SVG user units. Every position depends only on
 * creation order (sessions, connections), config order (servers) and the list sizes
 * reached over the whole run, so nothing jumps while scrubbing: an element moves only
 * when its own state changes (a connection entering a list, a session's link changing).
 */
export const GEOM = {
  width: 880,
  top: 44,
  session: { x: 14, w: 158, h: 54, pitch: 66 },
  stream: { x: 188, w: 100, h: 21, gap: 5, maxShown: 2 },
  conn: { x: 318, w: 108, h: 42, pitch: 52 },
  server: { x: 460, header: 32, labelW: 46, slotW: 114, slotH: 48, slotsPerLine: 3, pad: 8, gap: 18 },
} as const;

export const LISTS: readonly ListName[] = ['idle', 'safe', 'priv'];

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface ListRow {
  readonly y: number;
  readonly lines: number;
  readonly h: number;
}

export interface ServerBox {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly rows: Readonly<Record<ListName, ListRow>>;
}

export interface DiagramPlan {
  readonly sessions: ReadonlyMap<string, Point>;
  readonly connHome: ReadonlyMap<string, Point>;
  readonly servers: ReadonlyMap<string, ServerBox>;
  readonly width: number;
  readonly height: number;
}

export function serverWidth(): number {
  const s = GEOM.server;
  return s.pad * 2 + s.labelW + s.slotsPerLine * s.slotW;
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
): DiagramPlan {
  const sessions = new Map<string, Point>();
  sessionIds.forEach((id, i) => sessions.set(id, { x: GEOM.session.x, y: GEOM.top + i * GEOM.session.pitch }));
  const connHome = new Map<string, Point>();
  connIds.forEach((id, i) => connHome.set(id, { x: GEOM.conn.x, y: GEOM.top + i * GEOM.conn.pitch }));

  const S = GEOM.server;
  const boxes = new Map<string, ServerBox>();
  let y: number = GEOM.top;
  for (const name of servers) {
    const max = maxList.get(name) ?? { idle: 0, safe: 0, priv: 0 };
    let ry = y + S.header;
    const rows = {} as Record<ListName, ListRow>;
    for (const l of LISTS) {
      const lines = Math.max(1, Math.ceil(max[l] / S.slotsPerLine));
      rows[l] = { y: ry, lines, h: lines * S.slotH };
      ry += lines * S.slotH;
    }
    const h = ry - y + S.pad;
    boxes.set(name, { name, x: S.x, y, w: serverWidth(), h, rows });
    y += h + S.gap;
  }

  const bottom = Math.max(
    GEOM.top + sessionIds.length * GEOM.session.pitch,
    GEOM.top + connIds.length * GEOM.conn.pitch,
    y,
  );
  return { sessions, connHome, servers: boxes, width: GEOM.width, height: Math.max(bottom + 8, 220) };
}

/** Top-left corner of slot `k` (0 = head) of a server list. */
export function slotPosition(plan: DiagramPlan, server: string, list: ListName, k: number): Point | null {
  const box = plan.servers.get(server);
  if (!box) return null;
  const S = GEOM.server;
  const row = box.rows[list];
  const line = Math.floor(k / S.slotsPerLine);
  const col = k % S.slotsPerLine;
  return { x: box.x + S.pad + S.labelW + col * S.slotW, y: row.y + line * S.slotH };
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
    const p = slotPosition(plan, conn.server, conn.list, listIndex);
    if (p) {
      const S = GEOM.server;
      return { x: p.x + (S.slotW - GEOM.conn.w) / 2, y: p.y + (S.slotH - GEOM.conn.h) / 2 };
    }
  }
  return plan.connHome.get(conn.id) ?? { x: GEOM.conn.x, y: GEOM.top };
}

/** Top-left of the k-th open stream pill of a session. */
export function streamPosition(sessionAt: Point, k: number): Point {
  const st = GEOM.stream;
  return { x: st.x, y: sessionAt.y + 4 + k * (st.h + st.gap) };
}

/** A horizontal S-curve between two points (for `d`). */
export function link(a: Point, b: Point): string {
  const dx = Math.max(24, Math.abs(b.x - a.x) / 2);
  return `M ${r(a.x)} ${r(a.y)} C ${r(a.x + dx)} ${r(a.y)}, ${r(b.x - dx)} ${r(b.y)}, ${r(b.x)} ${r(b.y)}`;
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}
