import { useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import { Chart, type ChartPick, type ChartSeries } from '../charts/Chart';
import { formatCount, plural } from '../model/format';
import { useStore } from '../store';
import { cancelSweep, closePoint, openPoint, runSweep, setMetric, toggleFold } from './actions';
import { exportSweepCsv, exportSweepPng } from './exports';
import { formatMetric, METRIC_LABELS, METRIC_NAMES, type MetricName } from '../model/sweep/metrics';
import { hasSweep } from '../model/sweep/plan';
import { sweepChart, type SweepChart } from '../model/sweep/results';
import './sweep.css';

/** Line colours in order (the second sweep's values); past six, dashed. */
const COLOURS = ['var(--c-busy)', 'var(--c-idle)', 'var(--c-own)', 'var(--c-connecting)', 'var(--c-orphan)', 'var(--c-doomed)'];

/**
 * The sweep panel (issue 18): a chart of one metric against the first swept parameter,
 * a line per value of the second; hover reads the numbers, a click (or Enter) opens that
 * run in the diagram and timeline. Progress and Cancel while the pool runs; CSV and PNG.
 */
export function SweepPanel() {
  const text = useStore((s) => s.editor.text);
  const sweep = useStore((s) => s.sweep);
  const shown = useMemo(() => hasSweep(text), [text]);
  const plotRef = useRef<uPlot | null>(null);
  const folded = sweep.folded.sweep;
  const chart = useMemo(() => sweepChart(sweep.axes, sweep.rows, sweep.metric), [sweep.axes, sweep.rows, sweep.metric]);
  if (!shown || sweep.axes.length === 0) return null;

  const total = sweep.rows.length;
  const stale = sweep.text !== text;
  const failed = sweep.rows.filter((r) => r?.error).length;
  const [first, second] = sweep.axes;
  const series: ChartSeries[] = chart.lines.map((l, i) => ({
    label: l.label,
    colour: COLOURS[i % COLOURS.length]!,
    // Dashed past six colours, and over a line it covers exactly, so that the one under shows through.
    dash: i >= COLOURS.length || l.sameAs ? [6, 4] : undefined,
    values: l.values,
    points: true,
  }));
  const pick = ({ idx, series: line }: ChartPick) => {
    const row = chart.pointAt[line]?.[idx] ?? -1;
    const values = row >= 0 ? sweep.rows[row]?.values : undefined;
    if (values) openPoint(values);
  };

  return (
    <section className="sweep-panel" aria-label="Sweep" data-testid="sweep-panel">
      <div className="sweep-head">
        <span className="sweep-title">
          Sweep <span className="mono">{sweep.axes.map((a) => a.name).join(' × ')}</span>
          <span className="muted"> · {plural(total, 'run')}</span>
        </span>
        <label className="sweep-metric">
          <select
            className="control"
            value={sweep.metric}
            onChange={(e) => setMetric(e.target.value as MetricName)}
            data-testid="sweep-metric"
            aria-label="Metric on the chart"
          >
            {METRIC_NAMES.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <SweepProgress done={sweep.done} total={total} phase={sweep.phase} ms={sweep.ms} failed={failed} stale={stale} />
        {sweep.phase === 'running' ? (
          <button className="btn" onClick={cancelSweep} data-testid="sweep-cancel">
            Cancel
          </button>
        ) : (
          <button className="btn" onClick={runSweep} data-testid="sweep-run" title="Run every point of the sweep again">
            {stale || sweep.phase === 'cancelled' ? 'Run sweep' : 'Run again'}
          </button>
        )}
        <button
          className="btn icon"
          onClick={() => toggleFold('sweep')}
          aria-expanded={!folded}
          aria-label={folded ? 'Show the sweep chart' : 'Fold the sweep chart'}
          title={folded ? 'Show the chart' : 'Fold the chart (more room for the diagram)'}
          data-testid="sweep-fold"
        >
          {folded ? '▾' : '▴'}
        </button>
      </div>
      {sweep.open && (
        <div className="sweep-open" data-testid="sweep-open" role="status">
          The diagram shows the run at{' '}
          <span className="mono">{Object.entries(sweep.open).map(([k, v]) => `${k} = ${v}`).join(', ')}</span>
          <button className="btn" onClick={closePoint} data-testid="sweep-open-close">
            Back to the first values
          </button>
        </div>
      )}
      <div className={`sweep-chart${stale ? ' stale' : ''}`} hidden={folded}>
        <Chart
          label={chartTitle(sweep.metric, first!.name, second?.name)}
          summary={summary(chart, sweep.metric, first!.name)}
          x={chart.x}
          xTicks={chart.x}
          xPad={0.04}
          series={series}
          height={112}
          xLabel={first!.name}
          axisTitles={false}
          formatX={(v) => xLabel(chart, v)}
          formatY={(v) => formatMetric(sweep.metric, v)}
          onPick={pick}
          pickHint="click to open this run"
          onReady={(u) => (plotRef.current = u)}
          testId="sweep-chart"
        />
        <div className="sweep-foot">
          {second ? (
            <ul className="sweep-legend" aria-label="Lines">
              {series.map((s, i) => (
                <li key={s.label}>
                  <span className="swatch" style={{ borderColor: s.colour, borderStyle: s.dash ? 'dashed' : 'solid' }} />
                  {s.label}
                  {chart.lines[i]?.sameAs && (
                    <span className="muted" data-testid="sweep-same-as">
                      {' '}
                      (same as {chart.lines[i]!.sameAs})
                    </span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <span />
          )}
          <span className="sweep-exports">
            <button className="btn" onClick={exportSweepCsv} disabled={sweep.done === 0} data-testid="sweep-csv" title="The results as CSV (as npm run sim -- FILE --csv)">
              CSV
            </button>
            <button
              className="btn"
              onClick={() => exportSweepPng(plotRef.current, chartTitle(sweep.metric, first!.name, second?.name), series)}
              disabled={sweep.done === 0}
              data-testid="sweep-png"
              title="The chart as a PNG image"
            >
              PNG
            </button>
          </span>
        </div>
      </div>
    </section>
  );
}

function SweepProgress(p: { done: number; total: number; phase: string; ms: number; failed: number; stale: boolean }) {
  const seconds = `${(p.ms / 1000).toFixed(p.ms < 10_000 ? 2 : 1)} s`;
  let text: string;
  if (p.phase === 'running') text = `${formatCount(p.done)} / ${formatCount(p.total)} runs`;
  else if (p.phase === 'cancelled') text = `cancelled at ${formatCount(p.done)} / ${formatCount(p.total)}`;
  else if (p.stale) text = 'the scenario changed';
  else text = `${formatCount(p.done)} runs in ${seconds}`;
  return (
    <span className="sweep-progress" data-testid="sweep-progress" aria-live="polite">
      {p.phase === 'running' && (
        <progress max={p.total} value={p.done} aria-label="Sweep progress" data-testid="sweep-progress-bar" />
      )}
      <span className="muted">{text}</span>
      {p.failed > 0 && <span className="e"> · {plural(p.failed, 'run')} failed</span>}
    </span>
  );
}

function chartTitle(metric: MetricName, x: string, lines: string | undefined): string {
  return `${METRIC_LABELS[metric]} by ${x}${lines ? `, a line per ${lines}` : ''}`;
}

function xLabel(c: SweepChart, v: number): string {
  if (c.xKind === 'word') return Number.isInteger(v) ? (c.xValues[v] ?? '') : '';
  const i = c.x.indexOf(v);
  if (i >= 0) return c.xValues[i]!;
  return c.xKind === 'duration' ? `${v} ms` : String(v);
}

/** One sentence for screen readers: the range of the metric over the sweep. */
function summary(c: SweepChart, metric: MetricName, x: string): string {
  const all = c.lines.flatMap((l) => l.values).filter((v): v is number => v !== null);
  if (all.length === 0) return 'No run has finished yet.';
  return `${METRIC_LABELS[metric]} from ${formatMetric(metric, Math.min(...all))} to ${formatMetric(metric, Math.max(...all))} as ${x} goes from ${c.xValues[0]} to ${c.xValues[c.xValues.length - 1]}.`;
}
