import { useMemo } from 'react';
import { timeAt, type World } from '../../../core';
import { formatCount, formatMs, formatPercent, reuseRatio } from '../../model/format';
import { useStore } from '../../store';
import { pause, seekTime } from '../../store/actions';
import { Chart, type ChartPick } from '../../charts/Chart';
import { stepPoints, type StepPoints } from '../../charts/steps';

/** Counters at the playhead (from `World.counts`) and open connections over the run. */
export function Metrics({ world }: { world: World | null }) {
  const c = world?.counts ?? { opened: 0, reused: 0, swapped: 0, destroyed: 0, requests: 0 };
  // Counted in place: a copy of 10,000 connections a frame made garbage while playing a large run.
  let open = 0;
  if (world) for (const x of world.conns.values()) if (x.phase !== 'closed') open++;
  return (
    <div className="metrics" data-testid="metrics">
      <Metric k="opened" label="conns opened" v={formatCount(c.opened)} />
      <Metric k="reused" label="reused" v={formatCount(c.reused)} />
      <Metric k="swapped" label="swapped" v={formatCount(c.swapped)} />
      <Metric k="destroyed" label="destroyed" v={formatCount(c.destroyed)} />
      <Metric
        k={`ratio${(reuseRatio(c) ?? 0) > 0 ? ' good' : ''}`}
        id="ratio"
        label="reuse ratio"
        v={formatPercent(reuseRatio(c))}
        title="reused ÷ (reused + opened)"
      />
      <Metric k="requests" label="requests" v={formatCount(c.requests)} />
      <OpenChart open={open} />
    </div>
  );
}

function Metric(p: { k: string; id?: string; label: string; v: string; title?: string }) {
  return (
    <div className={`metric ${p.k}`} title={p.title}>
      <div className="v" data-testid={`metric-${p.id ?? p.k}`}>
        {p.v}
      </div>
      <div className="k">{p.label}</div>
    </div>
  );
}

/** The open-connections strip: hover reads the count at a time, a click moves the playhead there. */
function OpenChart({ open }: { open: number }) {
  const trace = useStore((s) => s.sim.result?.trace);
  const analysis = useStore((s) => s.sim.analysis);
  const index = useStore((s) => s.view.index);
  const pts = useMemo(() => (analysis ? stepPoints(analysis.times, analysis.open, MAX_POINTS) : null), [analysis]);
  const series = useMemo(
    () => (pts ? [{ label: 'open connections', colour: 'var(--c-busy)', values: pts.y, step: true, fill: true }] : []),
    [pts],
  );
  const marker = index >= 0 && trace && index < trace.length ? timeAt(trace, index) : pts && pts.x.length ? pts.x[0] : null;
  return (
    <div className="metric-chart">
      <div className="k">
        open connections <span className="mono" data-testid="metric-open">{formatCount(open)}</span>
        {analysis ? <span className="muted"> · peak {formatCount(analysis.maxOpen)}</span> : null}
      </div>
      <div className="chart-box">
        <Chart
          label="Open server connections over virtual time"
          summary={pts ? openSummary(pts, analysis!.maxOpen) : 'No run yet.'}
          x={pts?.x ?? NONE}
          series={series}
          height={34}
          compact
          formatX={formatMs}
          formatY={(v) => `${formatCount(v)} open`}
          marker={marker}
          onPick={pick}
          pickHint="click to go there"
          testId="open-chart"
        />
      </div>
    </div>
  );
}

/** Points kept for the strip: a few per pixel of the widest pane; peaks are always kept (charts/steps.ts). */
const MAX_POINTS = 3000;
const NONE: number[] = [];

function pick({ x }: ChartPick): void {
  pause();
  seekTime(x);
}

function openSummary(pts: StepPoints, peak: number): string {
  const n = pts.x.length;
  if (n === 0) return 'No events.';
  const at = pts.x[pts.y.indexOf(peak)];
  return `Peak ${formatCount(peak)} open at ${formatMs(at ?? 0)}; ${formatCount(pts.y[n - 1])} open at the end, ${formatMs(pts.x[n - 1])}.`;
}
