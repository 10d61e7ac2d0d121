import type { Trace, TraceEvent } from '../../core';

/** What a timeline tick shows about an event; colour and height come from the category. */
export type TickCategory = 'new' | 'reuse' | 'move' | 'destroy' | 'flag' | 'other';

export function tickCategory(e: TraceEvent): TickCategory {
  if (e.flag) return 'flag';
  switch (e.kind) {
    case 'conn.new':
      return 'new';
    case 'reuse.own':
    case 'reuse.pick':
      return 'reuse';
    case 'swap':
    case 'dispossess':
    case 'adopt':
      return 'move';
    case 'conn.destroy':
      return 'destroy';
    default:
      return 'other';
  }
}

/** x of the playhead at `index` (-1 … n-1) on a track of `width` px with `pad` px margins. */
export function indexToX(index: number, n: number, width: number, pad: number): number {
  if (n <= 0) return pad;
  return pad + ((index + 1) / n) * Math.max(0, width - 2 * pad);
}

/** Nearest playhead index for a pointer at `x`. */
export function xToIndex(x: number, n: number, width: number, pad: number): number {
  if (n <= 0) return -1;
  const f = (x - pad) / Math.max(1, width - 2 * pad);
  return Math.max(-1, Math.min(n - 1, Math.round(f * n) - 1));
}

/**
 * The x positions (to half a pixel, as drawn) of the steps `i` (0 … n-1) for which `on(i)` holds,
 * each position once: a run of 400,000 steps on an 800 px track gives at most 1,600 ticks, not a
 * path of 400,000 segments that takes a long task to parse and paint.
 */
export function tickColumns(n: number, width: number, pad: number, on: (i: number) => boolean): number[] {
  const out: number[] = [];
  let last = Number.NaN;
  for (let i = 0; i < n; i++) {
    if (!on(i)) continue;
    const x2 = Math.round(indexToX(i, n, width, pad) * 2);
    if (x2 === last) continue; // x grows with i: equal positions are neighbours
    last = x2;
    out.push(x2 / 2);
  }
  return out;
}

/**
 * One path of full-height ticks for the events at `indexes` (sorted; the event log's filter
 * matches), each pixel column once.
 */
export function matchPath(indexes: readonly number[], n: number, width: number, pad: number, top: number, height: number): string {
  const out: string[] = [];
  let last = Number.NaN;
  for (const i of indexes) {
    const x = Math.round(indexToX(i, n, width, pad));
    if (x === last) continue; // sorted: equal columns are neighbours
    last = x;
    out.push(`M${x} ${top}V${top + height}`);
  }
  return out.join('');
}

/** Categories by rank: the strongest of a pixel column is drawn. */
export const TICK_RANKS: readonly TickCategory[] = ['other', 'reuse', 'new', 'move', 'destroy', 'flag'];

/** The rank (index in TICK_RANKS) of an event's tick. */
export function tickRank(e: TraceEvent): number {
  return TICK_RANKS.indexOf(tickCategory(e));
}

/**
 * One SVG path per category, so thousands of events cost a handful of DOM nodes.
 * Several events on the same pixel column collapse into one tick. `ranks`: the
 * events' `tickRank`s when already known (computed once per run, as a byte array).
 */
export function tickPaths(
  trace: Trace,
  width: number,
  pad: number,
  top: number,
  height: number,
  ranks?: ArrayLike<number>,
): Record<TickCategory, string> {
  const out: Record<TickCategory, string[]> = { new: [], reuse: [], move: [], destroy: [], flag: [], other: [] };
  const tall: Record<TickCategory, number> = { flag: 1, destroy: 0.85, move: 0.85, new: 0.85, reuse: 0.7, other: 0.35 };
  // By rank (the strongest category of a pixel column wins): a typed array per column, not a map.
  const byRank = TICK_RANKS;
  const n = trace.length;
  const cols = Math.max(1, Math.ceil(width) + 1);
  const best = new Int8Array(cols).fill(-1);
  for (let i = 0; i < n; i++) {
    const x = Math.min(cols - 1, Math.max(0, Math.round(indexToX(i, n, width, pad))));
    const r = ranks && i < ranks.length ? ranks[i] : tickRank(trace.at(i)!);
    if (r > best[x]) best[x] = r;
  }
  for (let x = 0; x < cols; x++) {
    if (best[x] < 0) continue;
    const c = byRank[best[x]];
    const h = height * tall[c];
    const y0 = top + (height - h) / 2;
    out[c].push(`M${x} ${y0.toFixed(1)}V${(y0 + h).toFixed(1)}`);
  }
  return {
    new: out.new.join(''),
    reuse: out.reuse.join(''),
    move: out.move.join(''),
    destroy: out.destroy.join(''),
    flag: out.flag.join(''),
    other: out.other.join(''),
  };
}
