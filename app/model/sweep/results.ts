/**
 * A sweep's results arranged for the chart and the CSV file (pure; results.test.ts):
 * x = the values of the first swept parameter (numbers, durations in ms, or in order when
 * they are words such as engines), one line per value of the second.
 */
import { parseDuration, sweepCsv } from '../../../core';
import type { MetricName, Metrics } from './metrics';

export interface SweepAxis {
  readonly name: string;
  readonly values: readonly string[];
}

/** One run of the sweep: the value of each swept parameter, and what came of it. */
export interface PointRow {
  readonly values: Readonly<Record<string, string>>;
  readonly metrics?: Metrics;
  readonly error?: string;
}

export type XKind = 'number' | 'duration' | 'word';

export interface SweepChart {
  /** x of each value of the first parameter (its index when they are words). */
  readonly x: number[];
  readonly xKind: XKind;
  /** The first parameter's values as written, at each x. */
  readonly xValues: readonly string[];
  readonly lines: { readonly label: string; readonly values: (number | null)[]; readonly sameAs?: string }[];
  /** The point (index into the rows) at [line][x], or -1 when absent. */
  readonly pointAt: readonly (readonly number[])[];
}

/** How the first parameter's values go on the x axis. */
export function xKindOf(values: readonly string[]): XKind {
  if (values.length > 0 && values.every((v) => /^-?\d+(\.\d+)?$/.test(v))) return 'number';
  if (values.length > 0 && values.every((v) => /[a-z]$/.test(v) && parseDuration(v) !== null)) return 'duration';
  return 'word';
}

function xOf(kind: XKind, v: string, i: number): number {
  if (kind === 'number') return Number(v);
  if (kind === 'duration') return parseDuration(v)! / 1000;
  return i;
}

export function sweepChart(axes: readonly SweepAxis[], rows: readonly (PointRow | undefined)[], metric: MetricName): SweepChart {
  const first = axes[0] ?? { name: '', values: [''] };
  const second = axes[1];
  const xKind = xKindOf(first.values);
  // x must ascend for the chart: sort the first parameter's values by their x.
  const order = first.values.map((v, i) => ({ v, x: xOf(xKind, v, i) })).sort((a, b) => a.x - b.x);
  const lineValues = second ? second.values : [''];
  const key = (a: string, b: string) => `${a}\u0000${b}`;
  const byKey = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r) byKey.set(key(r.values[first.name] ?? '', second ? (r.values[second.name] ?? '') : ''), i);
  });
  const pointAt = lineValues.map((lv) => order.map((o) => byKey.get(key(o.v, lv)) ?? -1));
  const drawn = lineValues.map((lv, li) => ({
    label: second ? `${second.name} ${lv}` : metric,
    values: pointAt[li]!.map((ri) => {
      const m = ri >= 0 ? rows[ri]?.metrics : undefined;
      return m ? m[metric] : null;
    }),
  }));
  // A line drawn exactly over an earlier one would vanish under it: it says which one it covers.
  const lines = drawn.map((l, i) => {
    const under = drawn.slice(0, i).find((o) => sameLine(o.values, l.values));
    return under ? { ...l, sameAs: under.label } : l;
  });
  return { x: order.map((o) => o.x), xKind, xValues: order.map((o) => o.v), lines, pointAt };
}

function sameLine(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  return a.some((v) => v !== null) && a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The results as CSV: the core's table (the CLI's `--csv`), the points that have finished, in the plan's order. */
export function sweepCsvOf(axes: readonly SweepAxis[], rows: readonly (PointRow | undefined)[]): string {
  const done = rows.flatMap((r) => (r?.metrics ? [{ point: { values: r.values }, metrics: r.metrics }] : []));
  return sweepCsv(
    axes.map((a) => a.name),
    done,
  );
}
