import { describe, expect, it } from 'vitest';
import { METRIC_NAMES, type Metrics } from './metrics';
import { sweepChart, sweepCsvOf, xKindOf, type PointRow } from './results';

const m = (opened: number): Metrics => Object.fromEntries(METRIC_NAMES.map((n) => [n, n === 'opened' ? opened : 0])) as Metrics;

describe('sweepChart', () => {
  const axes = [
    { name: 'clients', values: ['20', '5', '10'] },
    { name: 'mode', values: ['never', 'always'] },
  ];
  // Rows in any order, one missing (still running): the chart looks them up by value.
  const rows: (PointRow | undefined)[] = [
    { values: { clients: '5', mode: 'never' }, metrics: m(5) },
    { values: { clients: '10', mode: 'never' }, metrics: m(10) },
    { values: { clients: '20', mode: 'never' }, metrics: m(20) },
    { values: { clients: '5', mode: 'always' }, metrics: m(1) },
    undefined,
    { values: { clients: '20', mode: 'always' }, error: 'boom' },
  ];

  it('puts the first parameter on x (ascending), one line per value of the second', () => {
    const c = sweepChart(axes, rows, 'opened');
    expect(c.x).toEqual([5, 10, 20]);
    expect(c.xValues).toEqual(['5', '10', '20']);
    expect(c.lines.map((l) => l.label)).toEqual(['mode never', 'mode always']);
    expect(c.lines[0].values).toEqual([5, 10, 20]);
    expect(c.lines[1].values).toEqual([1, null, null]);
    expect(c.pointAt).toEqual([
      [0, 1, 2],
      [3, -1, 5],
    ]);
  });

  it('a line equal to an earlier one says which it covers; unequal or empty lines do not', () => {
    const ax = [axes[0], { name: 'engine', values: ['seed', 'parent', 'modern'] }];
    const r = (clients: string, engine: string, v: number) => ({ values: { clients, engine }, metrics: m(v) });
    const c = sweepChart(ax, [r('5', 'seed', 1), r('10', 'seed', 2), r('5', 'parent', 1), r('10', 'parent', 2), r('5', 'modern', 1), r('10', 'modern', 3)], 'opened');
    expect(c.lines.map((l) => l.sameAs)).toEqual([undefined, 'engine seed', undefined]);
    expect(sweepChart(ax, [], 'opened').lines.every((l) => l.sameAs === undefined)).toBe(true);
  });

  it('one sweep: one line named after the metric', () => {
    const c = sweepChart([axes[0]], [{ values: { clients: '5' }, metrics: m(3) }], 'opened');
    expect(c.lines).toEqual([{ label: 'opened', values: [3, null, null] }]);
  });

  it('words (engines) go in their order; durations in ms', () => {
    expect(xKindOf(['seed', 'parent', 'modern'])).toBe('word');
    expect(xKindOf(['10ms', '1s'])).toBe('duration');
    expect(xKindOf(['1', '2.5'])).toBe('number');
    const c = sweepChart([{ name: 'rt', values: ['1s', '10ms'] }], [], 'opened');
    expect(c.x).toEqual([10, 1000]);
    expect(sweepChart([{ name: 'engine', values: ['seed', 'parent'] }], [], 'opened').x).toEqual([0, 1]);
  });
});

describe('sweepCsvOf', () => {
  it('has the swept names then every metric, a row per finished point, in the plan order', () => {
    const csv = sweepCsvOf(
      [{ name: 'clients', values: ['5', '10', '20'] }],
      [{ values: { clients: '5' }, metrics: m(4) }, { values: { clients: '10' }, error: 'x' }, undefined],
    );
    const [head, row, end] = csv.split('\n');
    expect(head).toBe(`clients,${METRIC_NAMES.join(',')}`);
    expect(row.split(',').slice(0, 3)).toEqual(['5', '0', '4']);
    expect(end).toBe('');
  });
});
