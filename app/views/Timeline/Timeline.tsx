import { useMemo } from 'react';
import { timeAt, type LimitKind, type Trace } from '../../../core';
import { formatAxis, formatCount, formatMs, formatSpeed, SPEEDS } from '../../model/format';
import {
  pause,
  seek,
  seekEnd,
  seekStart,
  setSpeed,
  stepNext,
  stepPrev,
  togglePlay,
} from '../../store/actions';
import { useStore } from '../../store';
import { useSize } from '../../ui/useSize';
import { Icon } from '../../ui/Icon';
import { indexToX, matchPath, tickPaths, xToIndex } from '../../model/ticks';
import { useLogMatches } from '../EventLog/LogFilterScan';
import { Scrubber } from './Scrubber';

const PAD = 8;
const RAIL_TOP = 6;
const RAIL_H = 20;

const TICK_COLOURS = {
  other: 'var(--border-strong)',
  reuse: 'var(--c-idle)',
  new: 'var(--c-busy)',
  move: 'var(--c-own)',
  destroy: 'var(--c-doomed)',
  flag: 'var(--c-orphan)',
} as const;

export function Timeline() {
  const trace = useStore((s) => s.sim.result?.trace);
  const index = useStore((s) => s.view.index);
  const playing = useStore((s) => s.view.playing);
  const speed = useStore((s) => s.view.speed);
  const limit = useStore((s) => s.sim.result?.limitReached ?? null);
  const n = trace?.length ?? 0;
  const t = trace && index >= 0 ? timeAt(trace, index) : 0;
  const end = trace && n > 0 ? timeAt(trace, n - 1) : 0;

  return (
    <div className="timeline" data-testid="timeline">
      <div className="transport">
        <button className="btn icon" onClick={seekStart} title="Start (Home)" aria-label="Jump to start" data-testid="btn-start">
          <Icon name="start" />
        </button>
        <button className="btn icon" onClick={stepPrev} title="Previous event (←)" aria-label="Previous event" data-testid="btn-prev">
          <Icon name="prev" />
        </button>
        <button
          className="btn icon primary play"
          onClick={togglePlay}
          title={playing ? 'Pause (space)' : 'Play (space)'}
          aria-label={playing ? 'Pause' : 'Play'}
          data-testid="btn-play"
          disabled={n === 0}
        >
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <button className="btn icon" onClick={stepNext} title="Next event (→)" aria-label="Next event" data-testid="btn-next">
          <Icon name="next" />
        </button>
        <button className="btn icon" onClick={seekEnd} title="End (End)" aria-label="Jump to end" data-testid="btn-end">
          <Icon name="end" />
        </button>
      </div>
      <select
        className="control"
        aria-label="Playback speed"
        data-testid="speed"
        value={speed}
        onChange={(e) => {
          setSpeed(Number(e.target.value));
          e.currentTarget.blur(); // give the keyboard back to the transport shortcuts
        }}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {formatSpeed(s)}
          </option>
        ))}
      </select>
      <Track trace={trace ?? []} index={index} limit={limit} />
      <div className="clock" data-testid="clock" aria-live="off">
        <b data-testid="clock-time">{formatMs(t)}</b>
        <span className="muted"> / {formatAxis(end)}</span>
        <div className="muted" style={{ fontSize: 12 }} data-testid="clock-event">
          event {formatCount(index + 1)} of {formatCount(n)}
        </div>
      </div>
    </div>
  );
}

function Track({ trace, index, limit }: { trace: Trace; index: number; limit: LimitKind | null }) {
  const [ref, { width }] = useSize<HTMLDivElement>();
  const n = trace.length;
  const ranks = useStore((s) => (s.sim.result?.trace === trace ? s.sim.analysis?.ticks : undefined));
  const paths = useMemo(() => tickPaths(trace, width, PAD, RAIL_TOP + 3, RAIL_H - 6, ranks), [trace, width, ranks]);
  // The event log's filter: its matches stand out, the other ticks step back.
  const found = useLogMatches();
  const matches = useMemo(() => (found ? matchPath(found.matches, n, width, PAD, RAIL_TOP + 2, RAIL_H - 4) : null), [found, n, width]);
  const headX = indexToX(index, n, width, PAD);

  const labels = useMemo(() => {
    if (n === 0 || width < 200) return [];
    const k = Math.max(2, Math.min(6, Math.floor(width / 140)));
    const out: { x: number; text: string; anchor: 'start' | 'middle' | 'end' }[] = [];
    for (let j = 0; j <= k; j++) {
      const i = Math.round((j / k) * (n - 1));
      const text = formatAxis(timeAt(trace, i));
      if (out.length && out[out.length - 1].text === text) continue;
      out.push({
        x: indexToX(i, n, width, PAD),
        text,
        anchor: j === 0 ? 'start' : j === k ? 'end' : 'middle',
      });
    }
    return out;
  }, [trace, n, width]);

  const seekAt = (clientX: number, el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    seek(xToIndex(clientX - r.left, n, r.width, PAD));
  };

  return (
    <Scrubber
      sizeRef={ref}
      width={width}
      label="Playhead (event)"
      testId="track"
      height={40}
      count={n}
      valueNow={index + 1}
      onSeek={seekAt}
      onGrab={pause}
    >
      <rect className="rail" x={0.5} y={RAIL_TOP} width={width - 1} height={RAIL_H} rx={5} />
      <rect className="progress" x={1} y={RAIL_TOP + 0.5} width={Math.max(0, headX - 1)} height={RAIL_H - 1} rx={5} />
      <g opacity={matches !== null ? 0.3 : 1}>
        {(Object.keys(TICK_COLOURS) as (keyof typeof TICK_COLOURS)[]).map((c) =>
          paths[c] ? (
            <path key={c} d={paths[c]} stroke={TICK_COLOURS[c]} strokeWidth={c === 'other' ? 1 : 2} fill="none" />
          ) : null,
        )}
      </g>
      {matches !== null && <path d={matches} stroke="var(--accent)" strokeWidth={2} fill="none" data-testid="track-matches" />}
      {limit && (
        <g className="limit-mark" data-testid="limit-mark">
          <title>{`Limit reached (${limit === 'time' ? 'virtual time' : limit}): the run stopped here`}</title>
          <rect x={width - 5} y={RAIL_TOP - 4} width={4} height={RAIL_H + 8} rx={1.5} />
          <text x={width - 8} y={RAIL_TOP - 6} textAnchor="end">
            limit reached
          </text>
        </g>
      )}
      <rect className="head" x={headX - 1} y={RAIL_TOP - 3} width={2} height={RAIL_H + 6} />
      <circle className="head-knob" cx={headX} cy={RAIL_TOP - 3} r={4} />
      {labels.map((l, i) => (
        <text key={i} className="axis" x={l.x} y={RAIL_TOP + RAIL_H + 12} textAnchor={l.anchor}>
          {l.text}
        </text>
      ))}
    </Scrubber>
  );
}
