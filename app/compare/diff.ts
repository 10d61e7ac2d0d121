import { timeAt, type RunResult, type Timed, type Totals, type TraceEvent } from '../../core';
import { formatCount } from '../model/format';

/**
 * Compare mode's arithmetic (pure): what differs between two runs of the same scenario
 * under two engines, and one timeline for both, ordered by virtual time.
 */

export const TOTAL_KEYS = ['opened', 'reused', 'swapped', 'destroyed', 'requests'] as const;
export type TotalKey = (typeof TOTAL_KEYS)[number];

export interface TotalDiff {
  readonly key: TotalKey;
  readonly a: number;
  readonly b: number;
}

export interface RequestUse {
  readonly conn: string | null;
  /** The connection named by the request that opened it (`r1`), comparable across engines. */
  readonly openedBy: string | null;
  readonly reused: boolean;
  readonly server: string | null;
  readonly error: string | null;
}

export interface RequestDiff {
  readonly id: string;
  readonly label: string;
  readonly a: RequestUse | null;
  readonly b: RequestUse | null;
  /** The two engines served it differently (another connection, reuse vs new, server, error). */
  readonly differs: boolean;
}

export interface RunDiff {
  readonly totals: readonly TotalDiff[];
  readonly requests: readonly RequestDiff[];
  readonly differing: number;
}

type Run = Pick<RunResult, 'world' | 'totals'>;

function uses(r: Run): Map<string, RequestUse & { label: string }> {
  const out = new Map<string, RequestUse & { label: string }>();
  for (const q of r.world.requests.values()) {
    const c = q.conn ? r.world.conns.get(q.conn) : undefined;
    out.set(q.id, {
      label: `${q.client} ${q.method} ${q.path}`,
      conn: q.conn,
      openedBy: c?.requests[0] ?? null,
      reused: q.reused,
      server: q.server,
      error: q.error,
    });
  }
  return out;
}

function sameUse(x: RequestUse | null, y: RequestUse | null): boolean {
  if (!x || !y) return x === y;
  return x.openedBy === y.openedBy && x.reused === y.reused && x.server === y.server && x.error === y.error;
}

/** Requests are matched by id: both engines create them in script order. */
export function diffRuns(a: Run, b: Run): RunDiff {
  const ua = uses(a);
  const ub = uses(b);
  const ids = [...new Set([...ua.keys(), ...ub.keys()])].sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)) || x.localeCompare(y));
  const requests = ids.map((id) => {
    const x = ua.get(id) ?? null;
    const y = ub.get(id) ?? null;
    const strip = (u: (RequestUse & { label: string }) | null): RequestUse | null =>
      u ? { conn: u.conn, openedBy: u.openedBy, reused: u.reused, server: u.server, error: u.error } : null;
    return { id, label: (x ?? y)!.label, a: strip(x), b: strip(y), differs: !sameUse(x, y) };
  });
  const totals = TOTAL_KEYS.map((key) => ({ key, a: (a.totals as Totals)[key], b: (b.totals as Totals)[key] }));
  return { totals, requests, differing: requests.filter((r) => r.differs).length };
}

/** One step of the merged timeline: an event of run `side` (0 = a, 1 = b). */
export interface MergedStep {
  readonly side: 0 | 1;
  readonly index: number;
  readonly t: number;
}

export interface Merged {
  readonly steps: readonly MergedStep[];
  /** After step k, the playhead of each run (-1: before its first event). */
  readonly aAt: Int32Array;
  readonly bAt: Int32Array;
}

/** Merge two traces by virtual time; at equal times a's events come first. */
export function mergeTimelines(a: Timed, b: Timed): Merged {
  const steps: MergedStep[] = [];
  const aAt = new Int32Array(a.length + b.length);
  const bAt = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && timeAt(a, i) <= timeAt(b, j));
    if (takeA) steps.push({ side: 0, index: i, t: timeAt(a, i++) });
    else steps.push({ side: 1, index: j, t: timeAt(b, j++) });
    aAt[steps.length - 1] = i - 1;
    bAt[steps.length - 1] = j - 1;
  }
  return { steps, aAt, bAt };
}

/** Playheads at merged step k (-1 = before everything). */
export function playheads(m: Merged, k: number): { a: number; b: number; t: number } {
  if (k < 0 || m.steps.length === 0) return { a: -1, b: -1, t: 0 };
  const kk = Math.min(k, m.steps.length - 1);
  return { a: m.aAt[kk], b: m.bAt[kk], t: m.steps[kk].t };
}

/** The merged step showing run a's event `index` (the last step where a is at it). */
export function stepForA(m: Merged, index: number): number {
  if (index < 0) return -1;
  let k = -1;
  for (let s = 0; s < m.steps.length; s++) {
    if (m.aAt[s] > index) break;
    k = s;
  }
  return k;
}

const PHRASES: Record<Exclude<TotalKey, 'requests'>, (n: number, dir: string) => string> = {
  opened: (n, d) => `opens ${formatCount(n)} ${d} connection${n === 1 ? '' : 's'}`,
  reused: (n, d) => `reuses a connection ${formatCount(n)} ${d} time${n === 1 ? '' : 's'}`,
  swapped: (n, d) => `swaps ${formatCount(n)} ${d} time${n === 1 ? '' : 's'}`,
  destroyed: (n, d) => `destroys ${formatCount(n)} ${d} connection${n === 1 ? '' : 's'}`,
};

/** "The parent opens 2 more connections … than the seed; 2 of 3 requests used a different connection." */
export function summarySentence(d: RunDiff, a: string, b: string): string {
  const parts: string[] = [];
  for (const t of d.totals) {
    if (t.key === 'requests' || t.a === t.b) continue;
    parts.push(PHRASES[t.key](Math.abs(t.b - t.a), t.b > t.a ? 'more' : 'fewer'));
  }
  const reqs = `${formatCount(d.differing)} of ${formatCount(d.requests.length)} request${d.requests.length === 1 ? '' : 's'} used a different connection`;
  if (parts.length === 0) {
    return d.differing === 0 ? `The ${b} serves every request as the ${a} does.` : `Same totals, but ${reqs}.`;
  }
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `The ${b} ${list} than the ${a}; ${reqs}.`;
}
