import { useMemo } from 'react';
import { timeAt } from '../../core';
import { Chart, type ChartPick, type ChartSeries } from '../charts/Chart';
import { formatAxis, formatCount, formatMs, formatPercent } from '../model/format';
import { useStore } from '../store';
import { pause, seekTime } from '../store/actions';
import { foldedPanels, toggleFold } from './actions';
import { hasArrive } from '../model/sweep/plan';
import { trailingMean } from './smooth';
import './sweep.css';

/**
 * Over-time plots of an open-loop run (`arrive`, issue 18): server connections open, idle,
 * requests in flight, and the reuse ratio, sampled by the core (runSeries) for the run the
 * diagram shows. x is virtual time, as on the timeline: the playhead is marked, and a click
 * (or Enter) moves it there.
 */
export function LoadPanel() {
  const text = useStore((s) => s.editor.text);
  const series = useStore((s) => s.sweep.series);
  const trace = useStore((s) => s.sim.result?.trace);
  const index = useStore((s) => s.view.index);
  // Beside a sweep's chart, folded unless unfolded: both would leave no room for the diagram.
  const folded = useStore((s) => foldedPanels(s.editor.text, s.sweep.folded).load);
  const shown = useMemo(() => hasArrive(text), [text]);
  const data = useMemo(() => {
    if (!series) return null;
    const x = series.t.map((ms) => ms * 1000);
    const counts: ChartSeries[] = [
      { label: 'open', colour: 'var(--c-busy)', values: series.open, step: true },
      { label: 'idle', colour: 'var(--c-idle)', values: series.idle, step: true },
      { label: 'in flight', colour: 'var(--c-connecting)', values: series.inflight, step: true },
    ];
    const ratio: ChartSeries[] = [{ label: 'reuse ratio', colour: 'var(--c-own)', values: trailingMean(series.reuse_ratio, RATIO_STEPS), step: true }];
    const peak = Math.max(0, ...series.open);
    return { x, counts, ratio, peak };
  }, [series]);
  if (!shown) return null;
  const marker = trace && index >= 0 && index < trace.length ? timeAt(trace, index) : (data?.x[0] ?? null);
  const summary = data
    ? `Peak ${formatCount(data.peak)} server connections open; ${formatCount(series!.idle[series!.idle.length - 1] ?? 0)} idle at the end, ${formatMs(data.x[data.x.length - 1] ?? 0)}.`
    : 'Sampling the run…';
  return (
    <section className="sweep-panel load-panel" aria-label="Load over time" data-testid="load-panel">
      <div className="sweep-head">
        <span className="sweep-title">Over time</span>
        <span className="muted load-legend">
          <Key colour="var(--c-busy)" label="open" /> <Key colour="var(--c-idle)" label="idle" />{' '}
          <Key colour="var(--c-connecting)" label="requests in flight" /> <Key colour="var(--c-own)" label={`reuse ratio (mean of ${RATIO_STEPS} steps)`} />
        </span>
        <span className="spacer" />
        <button
          className="btn icon"
          onClick={() => toggleFold('load')}
          aria-expanded={!folded}
          aria-label={folded ? 'Show the plots over time' : 'Fold the plots over time'}
          title={folded ? 'Show the plots' : 'Fold the plots (more room for the diagram)'}
          data-testid="load-fold"
        >
          {folded ? '▾' : '▴'}
        </button>
      </div>
      {!data && !folded && <p className="muted load-wait">Sampling the run…</p>}
      <div hidden={folded || !data}>
        <Chart
          label="Server connections open and idle, and requests in flight, over virtual time"
          summary={summary}
          x={data?.x ?? NONE}
          series={data?.counts ?? NO_SERIES}
          height={96}
          formatX={formatMs}
          formatY={(v) => formatCount(v)}
          hideXAxis
          marker={marker}
          onPick={pick}
          pickHint="click to go there"
          testId="load-counts"
        />
        <Chart
          label="Reuse ratio over virtual time"
          summary={`Of the requests sent, the share that went on an existing connection: the mean of the last ${RATIO_STEPS} steps of time.`}
          x={data?.x ?? NONE}
          series={data?.ratio ?? NO_SERIES}
          height={84}
          formatX={formatMs}
          formatTick={formatAxis}
          formatY={(v) => formatPercent(v)}
          marker={marker}
          onPick={pick}
          pickHint="click to go there"
          testId="load-ratio"
        />
      </div>
    </section>
  );
}

const NONE: number[] = [];
/** The core samples about 500 steps: a step holds a request or two, so the ratio is drawn as a trailing mean of this many. */
const RATIO_STEPS = 10;

const NO_SERIES: ChartSeries[] = [];

function pick({ x }: ChartPick): void {
  pause();
  seekTime(x);
}

function Key({ colour, label }: { colour: string; label: string }) {
  return (
    <span className="key">
      <span className="swatch" style={{ borderColor: colour }} />
      {label}
    </span>
  );
}
