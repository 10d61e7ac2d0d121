import { useMemo } from 'react';
import type { World } from '../../../core';
import { formatCount, formatPercent, reuseRatio } from '../../format';
import { useStore } from '../../store';
import { useSize } from '../useSize';
import { stepPath, timeToX } from './series';

/** Counters at the playhead (from `World.counts`) and open connections over the run. */
export function Metrics({ world }: { world: World | null }) {
  const c = world?.counts ?? { opened: 0, reused: 0, swapped: 0, destroyed: 0, requests: 0 };
  const open = world ? [...world.conns.values()].filter((x) => x.phase !== 'closed').length : 0;
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

const EMPTY = new Float64Array(0);

function OpenChart({ open }: { open: number }) {
  const trace = useStore((s) => s.sim.result?.trace);
  const analysis = useStore((s) => s.sim.analysis);
  const index = useStore((s) => s.view.index);
  const [ref, { width, height }] = useSize<HTMLDivElement>();
  const times = analysis?.times ?? EMPTY;
  const h = Math.max(0, height - 4);
  const d = useMemo(
    () => (analysis ? stepPath(times, analysis.open, width, h, analysis.maxOpen) : ''),
    [analysis, times, width, h],
  );
  const x = index >= 0 && trace ? timeToX(trace[index].t, times, width) : 0;
  return (
    <div className="metric-chart">
      <div className="k">
        open connections <span className="mono" data-testid="metric-open">{formatCount(open)}</span>
        {analysis ? <span className="muted"> · peak {formatCount(analysis.maxOpen)}</span> : null}
      </div>
      <div ref={ref} className="chart-box">
        {width > 0 && height > 0 && (
          <svg width={width} height={height} aria-label="Open server connections over virtual time" role="img">
            <defs>
              <clipPath id="chart-past">
                <rect x={0} y={0} width={Math.max(0, x)} height={height} />
              </clipPath>
            </defs>
            <g transform="translate(0 2)">
              <path d={d} fill="none" stroke="var(--border-strong)" strokeWidth={1.5} />
              <path d={d} fill="none" stroke="var(--c-busy)" strokeWidth={2} clipPath="url(#chart-past)" />
            </g>
            <line x1={x} x2={x} y1={0} y2={height} stroke="var(--accent)" strokeWidth={1} strokeDasharray="2 2" />
          </svg>
        )}
      </div>
    </div>
  );
}
