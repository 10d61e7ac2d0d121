import type { ConnState, SessionState, World } from '../../../core';
import { connStatus } from '../../../core';
import { CONN, CONN_NAMES, MEMBER, type FrameStats } from '../../model/scale/aggregate';
import { dotAt, FOLD, type FoldPlan, type Grid } from '../../model/scale/fold';
import { formatCount } from '../../model/format';

/**
 * The moving layer of the folded diagram, on a canvas over the SVG structure: member
 * and connection dots, list bars, the bands between client rows and servers, and the
 * text of expanded rows. Everything in plan units; the caller sets the transform.
 */
export interface Palette {
  readonly text: string;
  readonly muted: string;
  readonly faint: string;
  readonly border: string;
  readonly accent: string;
  readonly own: string;
  readonly session: string;
  readonly conn: Readonly<Record<(typeof CONN_NAMES)[number], string>>;
  readonly list: Readonly<Record<string, string>>;
  readonly mono: string;
}

/** The theme's colours, read from the CSS variables on <html>. */
export function readPalette(el: Element = document.documentElement): Palette {
  const cs = getComputedStyle(el);
  const v = (n: string) => cs.getPropertyValue(n).trim() || '#888';
  return {
    text: v('--text'),
    muted: v('--muted'),
    faint: v('--faint'),
    border: v('--border-strong'),
    accent: v('--accent'),
    own: v('--c-own'),
    session: v('--c-session'),
    conn: {
      future: v('--border'),
      connecting: v('--c-connecting'),
      busy: v('--c-busy'),
      idle: v('--c-idle'),
      orphan: v('--c-orphan'),
      doomed: v('--c-doomed'),
      closed: v('--c-closed'),
    },
    list: { idle: v('--c-idle'), safe: v('--c-busy'), priv: v('--c-own'), avail: v('--c-connecting') },
    mono: v('--font-mono') || 'monospace',
  };
}

export interface Highlight {
  /** Client and connection of the event at the playhead. */
  readonly client: string | null;
  readonly conn: string | null;
  /** The connection the user clicked. */
  readonly focus: string | null;
}

/**
 * The dots of a grid as pixels, in one putImageData: 10,000 members and 10,000 connections were
 * 20,000 rectangles in paths, the largest part of a frame. Each dot covers the device pixels of
 * its square (at least one), in its state's colour; `colours[code]` is packed RGBA (0: none).
 * putImageData ignores the transform and replaces what is there: grids are drawn first, and
 * nothing else is drawn inside them but the rings on top.
 */
function pixelDots(ctx: CanvasRenderingContext2D, g: Grid, states: Uint8Array, colours: Uint32Array, S: number): void {
  const px = pixelsOf(ctx, g, S);
  const buf = px.buf;
  buf.fill(0);
  const { xs, ys, w } = px;
  const cols = g.cols;
  for (let k = 0, col = 0, row = 0; k < states.length; k++) {
    const c = colours[states[k]!]!;
    if (c !== 0) {
      const x0 = xs[2 * col]!;
      const x1 = xs[2 * col + 1]!;
      for (let y = ys[2 * row]!, y1 = ys[2 * row + 1]!; y < y1; y++) buf.fill(c, y * w + x0, y * w + x1);
    }
    if (++col === cols) {
      col = 0;
      row++;
    }
  }
  ctx.putImageData(px.img, px.left, px.top);
}

interface GridPixels {
  readonly S: number;
  readonly img: ImageData;
  readonly buf: Uint32Array;
  readonly left: number;
  readonly top: number;
  readonly w: number;
  /** Device pixel span [from, to) of each column and of each row, in the image. */
  readonly xs: Int32Array;
  readonly ys: Int32Array;
}

const gridPixels = new WeakMap<Grid, GridPixels>();

/** The image of a grid at scale `S` (device px per plan unit), made once per grid and scale. */
function pixelsOf(ctx: CanvasRenderingContext2D, g: Grid, S: number): GridPixels {
  const had = gridPixels.get(g);
  if (had && had.S === S) return had;
  const size = g.pitch <= 3 ? g.pitch - 0.6 : g.pitch - 1.6;
  const left = Math.floor(g.x * S);
  const top = Math.floor(g.y * S);
  const w = Math.max(1, Math.ceil((g.x + g.cols * g.pitch) * S) - left);
  const h = Math.max(1, Math.ceil((g.y + Math.max(1, g.rows) * g.pitch) * S) - top);
  const span = (n: number, from: number, origin: number, limit: number) => {
    const a = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const p0 = Math.min(limit - 1, Math.round((from + i * g.pitch) * S) - origin);
      a[2 * i] = p0;
      a[2 * i + 1] = Math.min(limit, Math.max(p0 + 1, Math.round((from + i * g.pitch + size) * S) - origin));
    }
    return a;
  };
  const img = ctx.createImageData(w, h);
  const px = { S, img, buf: new Uint32Array(img.data.buffer), left, top, w, xs: span(g.cols, g.x, left, w), ys: span(Math.max(1, g.rows), g.y, top, h) };
  gridPixels.set(g, px);
  return px;
}

/** CSS colours as packed RGBA for an ImageData (this machine's byte order), with an opacity. */
const rgbaCache = new Map<string, number>();
let probe: CanvasRenderingContext2D | null = null;

function rgba(colour: string, alpha: number): number {
  const key = `${colour}|${alpha}`;
  const had = rgbaCache.get(key);
  if (had !== undefined) return had;
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  let r = 136, gr = 136, b = 136, a = 255;
  if (probe) {
    probe.clearRect(0, 0, 1, 1);
    probe.fillStyle = colour;
    probe.fillRect(0, 0, 1, 1);
    [r, gr, b, a] = probe.getImageData(0, 0, 1, 1).data;
  }
  const bytes = new Uint8Array([r!, gr!, b!, Math.round(a! * alpha)]);
  const packed = new Uint32Array(bytes.buffer)[0]!;
  rgbaCache.set(key, packed);
  return packed;
}

function ring(ctx: CanvasRenderingContext2D, g: Grid, k: number, colour: string, dashed = false): void {
  const p = dotAt(g, k);
  const r = Math.max(4, g.pitch * 1.2);
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  if (dashed) ctx.setLineDash([3, 2]);
  ctx.beginPath();
  ctx.arc(p.x + g.pitch / 2 - 0.5, p.y + g.pitch / 2 - 0.5, r, 0, Math.PI * 2);
  ctx.stroke();
  ctx.restore();
}

/** One line about a client: its session state, request in progress and connection. */
export function describeClient(world: World, s: SessionState | undefined): { text: string; conn: ConnState | undefined } {
  if (!s) return { text: 'not opened yet', conn: undefined };
  if (!s.open) return { text: 'session closed', conn: undefined };
  let req = '';
  let connId: string | null = s.srvConn;
  for (const sid of s.streams) {
    const st = world.streams.get(sid);
    if (!st || !st.open) continue;
    if (st.request) {
      const r = world.requests.get(st.request);
      req = r ? `${r.method} ${r.path}` : 'request';
    }
    if (st.conn) connId = st.conn;
  }
  const conn = connId ? world.conns.get(connId) : undefined;
  const on = conn && conn.phase !== 'closed' ? ` → ${conn.id} ${connStatus(conn)} (${conn.server})` : '';
  return { text: `${req || 'open, idle'}${on}`, conn };
}

export function paint(
  ctx: CanvasRenderingContext2D,
  plan: FoldPlan,
  f: FrameStats,
  world: World,
  pal: Palette,
  hl: Highlight,
): void {
  ctx.clearRect(0, 0, plan.width, plan.height);
  const memberColour = [pal.conn.future, pal.session, pal.conn.busy, pal.conn.closed];

  // Dots first (pixels replace what is under them): members, then connections.
  const S = ctx.getTransform().a;
  const memberRGBA = new Uint32Array(4);
  memberRGBA[MEMBER.future] = rgba(memberColour[MEMBER.future]!, 0.5);
  memberRGBA[MEMBER.open] = rgba(memberColour[MEMBER.open]!, 1);
  memberRGBA[MEMBER.active] = rgba(memberColour[MEMBER.active]!, 1);
  memberRGBA[MEMBER.ended] = rgba(memberColour[MEMBER.ended]!, 0.35);
  const connRGBA = new Uint32Array(CONN_NAMES.length);
  for (let code = 0; code < CONN_NAMES.length; code++) {
    connRGBA[code] = rgba(pal.conn[CONN_NAMES[code]!], code === CONN.closed || code === CONN.future ? 0.35 : 1);
  }
  plan.rows.forEach((row, ri) => {
    if (row.grid) pixelDots(ctx, row.grid, f.rows[ri]!.members, memberRGBA, S);
  });
  plan.servers.forEach((srv, si) => pixelDots(ctx, srv.grid, f.servers[si]!.dots, connRGBA, S));

  // Bands: open connections between a row (by the client that opened them) and a server.
  let maxBand = 1;
  for (const b of f.bands) if (b > maxBand) maxBand = b;
  const nS = plan.servers.length;
  ctx.save();
  ctx.globalAlpha = 0.32;
  ctx.strokeStyle = pal.conn.busy;
  plan.rows.forEach((row, ri) => {
    plan.servers.forEach((srv, si) => {
      const n = f.bands[ri * nS + si]!;
      if (n === 0) return;
      const x0 = FOLD.row.x + FOLD.row.w;
      const y0 = row.y + Math.min(row.h / 2, 30);
      const x1 = FOLD.server.x;
      const y1 = srv.y + FOLD.server.header / 2;
      ctx.lineWidth = 1.5 + 12 * Math.sqrt(n / maxBand);
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      const dx = (x1 - x0) / 2;
      ctx.bezierCurveTo(x0 + dx, y0, x1 - dx, y1, x1, y1);
      ctx.stroke();
    });
  });
  ctx.restore();


  // List bars.
  plan.servers.forEach((srv, si) => {
    const st = f.servers[si]!;
    for (const fl of srv.lists) {
      const n = st.lists[fl.name];
      const x = FOLD.server.x + FOLD.server.barX;
      const w = FOLD.server.barW;
      const frac = fl.max > 0 ? n / fl.max : 0;
      ctx.fillStyle = pal.list[fl.name] ?? pal.accent;
      ctx.globalAlpha = 0.85;
      ctx.fillRect(x, fl.y + 7, Math.max(n > 0 ? 2 : 0, w * frac), 8);
      ctx.globalAlpha = 1;
      const heads = st.heads[fl.name];
      if (!fl.expanded || !heads) continue;
      ctx.font = `11px ${pal.mono}`;
      ctx.textBaseline = 'middle';
      heads.forEach((id, k) => {
        const cx = FOLD.server.x + FOLD.server.pad + 4 + (k % FOLD.chip.cols) * (FOLD.chip.w + 6);
        const cy = fl.y + FOLD.server.listH + Math.floor(k / FOLD.chip.cols) * (FOLD.chip.h + 4);
        const c = world.conns.get(id);
        ctx.strokeStyle = c ? pal.conn[connStatus(c)] : pal.border;
        ctx.lineWidth = id === hl.focus ? 2.4 : 1.2;
        ctx.strokeRect(cx + 0.5, cy + 0.5, FOLD.chip.w, FOLD.chip.h);
        ctx.fillStyle = pal.text;
        ctx.fillText(id, cx + 6, cy + FOLD.chip.h / 2 + 1);
      });
      if (n === 0) {
        ctx.fillStyle = pal.faint;
        ctx.fillText('empty at this instant', FOLD.server.x + FOLD.server.pad + 4, fl.y + FOLD.server.listH + FOLD.chip.h / 2);
      } else if (n > heads.length) {
        const k = heads.length;
        const cy = fl.y + FOLD.server.listH + Math.ceil(k / FOLD.chip.cols) * (FOLD.chip.h + 4);
        ctx.fillStyle = pal.muted;
        ctx.fillText(`+${formatCount(n - k)} more`, FOLD.server.x + FOLD.server.pad + 4, cy + FOLD.chip.h / 2);
      }
    }
  });

  // Expanded rows and single clients: one line per client.
  const expanded = plan.rows.filter((r) => r.expanded || r.kind === 'client');
  if (expanded.length > 0) {
    const latest = new Map<string, SessionState>();
    for (const s of world.sessions.values()) latest.set(s.client, s);
    ctx.font = `12px ${pal.mono}`;
    ctx.textBaseline = 'middle';
    for (const row of expanded) {
      if (row.kind === 'client') {
        const { text } = describeClient(world, latest.get(row.members[0]!));
        ctx.fillStyle = pal.muted;
        ctx.fillText(text, FOLD.row.x + 120, row.y + row.h / 2, FOLD.row.w - 130);
        continue;
      }
      for (let k = 0; k < row.shown; k++) {
        const name = row.members[k]!;
        const y = row.listY + k * FOLD.member.h + FOLD.member.h / 2;
        const s = latest.get(name);
        const { text, conn } = describeClient(world, s);
        ctx.fillStyle = pal.text;
        ctx.fillText(name, FOLD.row.x + 14, y);
        ctx.fillStyle = conn && conn.id === hl.focus ? pal.own : pal.muted;
        ctx.fillText(text, FOLD.row.x + 96, y, FOLD.row.w - 104);
      }
      if (row.members.length > row.shown) {
        ctx.fillStyle = pal.faint;
        ctx.fillText(
          `+${formatCount(row.members.length - row.shown)} more (fold the group to see them as dots)`,
          FOLD.row.x + 14,
          row.listY + row.shown * FOLD.member.h + FOLD.member.h / 2,
        );
      }
    }
  }

  // The event at the playhead, and the focused connection.
  if (hl.client) {
    const at = plan.clientRow.get(hl.client);
    const row = at ? plan.rows[at.row] : undefined;
    if (at && row?.grid) ring(ctx, row.grid, at.member, pal.accent);
  }
  for (const [id, colour, dashed] of [
    [hl.conn, pal.accent, false],
    [hl.focus, pal.own, true],
  ] as const) {
    if (!id) continue;
    const d = plan.connDot.get(id);
    if (d) ring(ctx, plan.servers[d.server]!.grid, d.dot, colour, dashed);
  }
}
