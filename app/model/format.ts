/** Pure display helpers (no DOM, no React). Times in the trace are integer microseconds. */
import { DEFAULT_MAX_CLIENTS, type LimitKind } from '../../core';

/** `12345` µs → `"12.345 ms"`; keeps three decimals so equal-time events read alike. */
export function formatMs(us: number): string {
  if (!Number.isFinite(us)) return '—';
  return `${(us / 1000).toFixed(3)} ms`;
}

/** Short axis label: `0`, `250 ms`, `1.5 s`. */
export function formatAxis(us: number): string {
  if (us === 0) return '0';
  const ms = us / 1000;
  if (Math.abs(ms) >= 1000) return `${trimZeros((ms / 1000).toFixed(2))} s`;
  return `${trimZeros(ms.toFixed(ms < 10 ? 2 : 0))} ms`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** `0.6667` → `"67 %"`; null (nothing to divide) → `"—"`. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return `${Math.round(ratio * 100)} %`;
}

/** Share of connection acquisitions that reused an existing connection. */
export function reuseRatio(counts: { opened: number; reused: number }): number | null {
  const total = counts.opened + counts.reused;
  return total === 0 ? null : counts.reused / total;
}

/** `12345` → `"12,345"`: counts of requests, events and connections read at a glance. */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** One formatter: `toLocaleString` sets one up at each call (a frame of the folded diagram writes dozens of counts). */
const COUNT = new Intl.NumberFormat('en-US');

/** `1` → `"1 error"`, `3` → `"3 errors"`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Speed label: `0.25` → `"¼×"`, `2` → `"2×"`. */
export function formatSpeed(s: number): string {
  if (s === 0.25) return '¼×';
  if (s === 0.5) return '½×';
  return `${s}×`;
}

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;

/** What a run's limit counted, for "Stopped at the limit of …": `events` is how many it reached. */
export function limitOf(kind: LimitKind, events: number): string {
  if (kind === 'events') return `${formatCount(events)} events`;
  if (kind === 'clients') return `${formatCount(DEFAULT_MAX_CLIENTS)} clients`;
  return 'virtual time';
}
