import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './chart.css';
import { useResolvedTheme } from '../ui/theme';
import { useSize } from '../ui/useSize';
import { chartColours, withAlpha, type ChartColours } from './colours';
import { nearestSeries, stepIndex } from './keys';
import { indexAtOrBefore } from './steps';

/**
 * The page's one chart component: uPlot (canvas, 50 kB, no network) behind a small
 * React wrapper that follows the theme, says what it shows (label and summary for
 * screen readers), shows the numbers under the pointer or the keyboard cursor, and
 * reports a click (or Enter) on a point. Used by the metrics strip and the sweep panel.
 */

export interface ChartSeries {
  readonly label: string;
  /** A colour or a CSS variable (`var(--c-busy)`), resolved for the current theme. */
  readonly colour: string;
  readonly values: ArrayLike<number | null>;
  /** Draw as steps (a counter that changes at events) rather than straight lines. */
  readonly step?: boolean;
  /** Show a dot at every point (few points: a sweep). */
  readonly points?: boolean;
  readonly dash?: number[];
  /** Shade the area under the line (a counter over time reads as an amount, not as a frame). */
  readonly fill?: boolean;
}

export interface ChartPick {
  /** Index of the point in `x` nearest to the pointer. */
  readonly idx: number;
  /** Index of the series nearest to the pointer (in `series`). */
  readonly series: number;
  /** x value under the pointer (not snapped to a point). */
  readonly x: number;
}

export interface ChartProps {
  /** What the chart shows (its accessible name). */
  readonly label: string;
  /** A sentence on what the chart says, for screen readers (kept short). */
  readonly summary: string;
  readonly x: ArrayLike<number>;
  readonly series: readonly ChartSeries[];
  readonly height: number;
  readonly formatX: (v: number) => string;
  readonly formatY: (v: number, series: number) => string;
  /** Axis titles; without them (and with `compact`) the chart is a bare strip. */
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** No axes, no grid: a strip inside a row of numbers. */
  readonly compact?: boolean;
  /** x of a vertical marker (the playhead); everything left of it is shaded as "past". */
  readonly marker?: number | null;
  /** A click or Enter on the chart. Without it the chart only reads out values. */
  readonly onPick?: (p: ChartPick) => void;
  /** What a click does, appended to the hover read-out ("click to move the playhead"). */
  readonly pickHint?: string;
  readonly testId?: string;
  /** Lowest upper bound of the y scale (so a flat 0 line is not drawn in the middle). */
  readonly yMin?: number;
  /** Tick labels of the x axis (short), when they differ from `formatX` (the read-out's). */
  readonly formatTick?: (v: number) => string;
  /** Axis titles drawn under and beside the axes (default); false: `xLabel` only names x in the read-out. */
  readonly axisTitles?: boolean;
  /** No x axis (a chart stacked above another with the same x). */
  readonly hideXAxis?: boolean;
  /** Room left and right of the points, as a share of the x span (0: the line touches the edges). */
  readonly xPad?: number;
  /** Where the x axis puts its ticks (the swept values; indexes for words); default: uPlot's choice. */
  readonly xTicks?: readonly number[];
  /** Receives the uPlot instance (PNG export reads its canvas); null when it goes. */
  readonly onReady?: (u: uPlot | null) => void;
}

interface Hover {
  readonly idx: number;
  readonly series: number;
  /** Where the read-out goes, in px from the plotting area's top left. */
  readonly left: number;
  readonly top: number;
  /** x under the pointer (a step chart reads its value there); NaN for the keyboard's cursor, which is on a point. */
  readonly x: number;
}

export function Chart(p: ChartProps) {
  const theme = useResolvedTheme();
  const [boxRef, { width }] = useSize<HTMLDivElement>();
  const plotRef = useRef<uPlot | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const propsRef = useRef(p);
  propsRef.current = p;
  const summaryId = useId();
  const seriesKey = p.series.map((s) => `${s.label}|${s.colour}|${s.step ? 1 : 0}|${s.points ? 1 : 0}`).join(';');

  // Build the plot when what it looks like changes (theme, series, size class); data goes in by setData.
  useEffect(() => {
    const el = boxRef.current;
    if (!el || width <= 0) return;
    const u = new uPlot(options(propsRef.current, chartColours(), Math.floor(width), setHover), toData(propsRef.current), el);
    plotRef.current = u;
    u.over.addEventListener('click', () => {
      const { onPick } = propsRef.current;
      const idx = u.cursor.idx;
      if (!onPick || idx === null || idx === undefined) return;
      onPick({ idx, series: seriesAt(u, idx, u.cursor.top ?? 0), x: u.posToVal(u.cursor.left ?? 0, 'x') });
    });
    placeMarker(u, propsRef.current.marker);
    propsRef.current.onReady?.(u);
    return () => {
      propsRef.current.onReady?.(null);
      u.destroy();
      plotRef.current = null;
      setHover(null);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [theme, seriesKey, p.compact, p.height, p.xLabel, p.yLabel, width > 0, p.xTicks?.join(','), p.hideXAxis, p.axisTitles]);

  useEffect(() => {
    const u = plotRef.current;
    if (u && width > 0 && u.width !== Math.floor(width)) u.setSize({ width: Math.floor(width), height: p.height });
  }, [width, p.height]);

  useEffect(() => {
    const u = plotRef.current;
    if (!u) return;
    u.setData(toData(p));
    placeMarker(u, p.marker);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.x, p.series]);

  useEffect(() => {
    if (plotRef.current) placeMarker(plotRef.current, p.marker);
  }, [p.marker]);

  // Keyboard: ←/→ from point to point, ↑/↓ from line to line, Home/End, Enter picks.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const u = plotRef.current;
    const n = p.x.length;
    if (!u || n === 0) return;
    const cur = hover ?? { idx: -1, series: 0, x: NaN };
    let idx = cur.idx;
    let series = cur.series;
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowLeft':
        idx = stepIndex(n, idx, e.key === 'ArrowRight' ? 1 : -1, e.shiftKey ? 10 : 1);
        break;
      case 'Home':
        idx = 0;
        break;
      case 'End':
        idx = n - 1;
        break;
      case 'ArrowUp':
      case 'ArrowDown':
        if (p.series.length < 2) return;
        series = (series + (e.key === 'ArrowUp' ? p.series.length - 1 : 1)) % p.series.length;
        if (idx < 0) idx = 0;
        break;
      case 'Enter':
      case ' ':
        if (cur.idx < 0) return;
        p.onPick?.({ idx: cur.idx, series: cur.series, x: Number.isFinite(cur.x) ? cur.x : p.x[cur.idx] });
        e.preventDefault();
        return;
      case 'Escape':
        setHover(null);
        return;
      default:
        return;
    }
    e.preventDefault();
    if (idx < 0) idx = 0;
    const v = p.series[series]?.values[idx];
    const left = u.valToPos(p.x[idx], 'x');
    const top = v === null || v === undefined ? 0 : u.valToPos(v, 'y');
    // Show uPlot's crosshair and point there too, without its hook (which would snap to the pointer's rules).
    u.setCursor({ left, top }, false);
    setHover({ idx, series, left, top, x: NaN });
  };

  const readout = hover ? describePoint(p, hover) : '';
  const readoutRef = useRef<HTMLDivElement>(null);
  // Place the read-out once its width is known: beside the pointer, never past the chart's edges.
  useLayoutEffect(() => {
    const el = readoutRef.current;
    const u = plotRef.current;
    if (el && u && hover) placeReadout(el, hover, u, p.compact ?? false);
  });
  return (
    <div
      className={`chart${p.compact ? ' compact' : ''}${p.onPick ? ' pickable' : ''}`}
      role="group"
      aria-label={p.label}
      aria-describedby={summaryId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onBlur={() => setHover((h) => (h && Number.isNaN(h.x) ? null : h))}
      data-testid={p.testId}
    >
      <p id={summaryId} className="sr-only">
        {p.summary}
        {p.x.length > 0 ? ' Arrow keys read the values' : ''}
        {p.x.length > 0 && p.onPick ? `; Enter ${p.pickHint ?? 'opens the point'}.` : '.'}
      </p>
      <div ref={boxRef} className="chart-plot" style={{ height: p.height }} />
      {hover && (
        <div
          className="chart-readout"
          data-testid={p.testId ? `${p.testId}-readout` : undefined}
          ref={readoutRef}
        >
          {readout}
          {p.onPick && p.pickHint && !p.compact ? <span className="hint"> · {p.pickHint}</span> : null}
        </div>
      )}
      <div className="sr-only" aria-live="polite">
        {readout}
      </div>
    </div>
  );
}

function toData(p: ChartProps): uPlot.AlignedData {
  return [p.x as number[], ...p.series.map((s) => s.values as (number | null)[])];
}

function options(p: ChartProps, c: ChartColours, width: number, setHover: (h: Hover | null) => void): uPlot.Options {
  const font = '11px system-ui, sans-serif';
  const axis = (title: string | undefined, side: 2 | 3, fmt: (v: number) => string): uPlot.Axis => {
    const label = p.axisTitles === false ? undefined : title;
    return {
      show: !p.compact,
      side,
      stroke: c.muted,
      font,
      labelFont: font,
      label,
      labelSize: label ? 16 : 0,
      size: side === 3 ? 48 : 32,
      gap: 4,
      grid: { stroke: c.grid, width: 1 },
      ticks: { stroke: c.grid, width: 1, size: 4 },
      values: (_u, splits) => splits.map(fmt),
    };
  };
  return {
    width,
    height: p.height,
    pxAlign: 1,
    padding: p.compact ? [2, 2, 2, 2] : [14, 12, p.hideXAxis ? 4 : 0, 0],
    legend: { show: false },
    scales: {
      x: {
        time: false,
        // Room around the first and last points (a sweep's dots are not cut in half at the edges).
        range: (_u, min, max) => {
          const pad = p.xPad ?? 0;
          const span = max - min || Math.abs(max) || 1;
          return pad > 0 || min === max ? [min - span * Math.max(pad, 0.5 * Number(min === max)), max + span * Math.max(pad, 0.5 * Number(min === max))] : [min, max];
        },
      },
      // Headroom over the peak: in a bare strip a line at the top edge reads as the strip's frame.
      y: { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(p.yMin ?? 1, max ?? 0) * (p.compact ? 1.5 : 1.05)] },
    },
    axes: [
      {
        ...axis(p.xLabel, 2, p.formatTick ?? p.formatX),
        ...(p.xTicks ? { splits: () => [...p.xTicks!] } : {}),
        ...(p.hideXAxis ? { show: false } : {}),
      },
      axis(p.yLabel, 3, (v) => p.formatY(v, 0)),
    ],
    cursor: {
      x: true,
      y: false,
      points: { size: 7, width: 2, fill: c.panel },
      drag: { x: false, y: false, setScale: false },
    },
    series: [
      {},
      ...p.series.map(
        (s): uPlot.Series => ({
          label: s.label,
          stroke: c.resolve(s.colour),
          width: 2,
          dash: s.dash,
          fill: s.fill ? withAlpha(c.resolve(s.colour), 0.14) : undefined,
          paths: s.step ? uPlot.paths.stepped!({ align: 1 }) : undefined,
          points: { show: s.points ?? false, size: 6, fill: c.panel, width: 2 },
          spanGaps: false,
        }),
      ),
    ],
    hooks: {
      setCursor: [
        (u) => {
          const idx = u.cursor.idx;
          const left = u.cursor.left ?? -1;
          if (idx === null || idx === undefined || left < 0) {
            setHover(null);
            return;
          }
          const top = u.cursor.top ?? 0;
          setHover({ idx, series: seriesAt(u, idx, top), left, top, x: u.posToVal(left, 'x') });
        },
      ],
      setSize: [(u) => placeMarker(u, undefined)],
    },
  };
}

/** The playhead marker and the shade over the past: two divs in the plotting area, moved without a redraw. */
function placeMarker(u: uPlot, marker: number | null | undefined): void {
  const over = u.over as HTMLElement & { _marker?: number | null };
  if (marker !== undefined) over._marker = marker;
  const m = over._marker;
  let line = over.querySelector<HTMLDivElement>('.chart-marker');
  let past = over.querySelector<HTMLDivElement>('.chart-past');
  if (m === null || m === undefined || u.data[0].length === 0) {
    line?.remove();
    past?.remove();
    return;
  }
  if (!line) {
    past = document.createElement('div');
    past.className = 'chart-past';
    line = document.createElement('div');
    line.className = 'chart-marker';
    over.append(past, line);
  }
  // The plotting area's width as uPlot sets it (CSS px): reading clientWidth here forced a layout
  // of the page in every frame that moved the playhead.
  const width = parseFloat(u.over.style.width) || u.bbox.width / (window.devicePixelRatio || 1);
  const x = Math.max(0, Math.min(width, u.valToPos(m, 'x')));
  line.style.left = `${x}px`;
  past!.style.width = `${x}px`;
}

function describePoint(p: ChartProps, h: Hover): string {
  const s = p.series[h.series];
  // A step chart's value holds until the next point: read it at the pointer's x.
  const atPointer = s?.step && Number.isFinite(h.x);
  const idx = atPointer ? Math.max(0, indexAtOrBefore(p.x, h.x)) : h.idx;
  const xText = p.formatX(atPointer ? h.x : p.x[idx]);
  const parts = p.series.map((ser, i) => {
    const v = ser.values[idx];
    return `${p.series.length > 1 ? `${ser.label} ` : ''}${v === null || v === undefined ? '—' : p.formatY(v, i)}`;
  });
  // The nearest line first, so the read-out starts with what the pointer is on.
  if (p.series.length > 1) parts.unshift(...parts.splice(h.series, 1));
  return `${p.xLabel ? `${p.xLabel} ` : ''}${xText}: ${parts.join(', ')}`;
}

/** The series (0-based, without uPlot's x) nearest to the pointer at point `idx`. */
function seriesAt(u: uPlot, idx: number, top: number): number {
  return nearestSeries(u.data.slice(1), idx, top, (v) => u.valToPos(v, 'y'));
}

function placeReadout(el: HTMLElement, h: Hover, u: uPlot, compact: boolean): void {
  const chartW = (el.offsetParent as HTMLElement | null)?.clientWidth ?? u.width;
  const w = el.offsetWidth;
  const x = u.over.offsetLeft + h.left;
  let left: number;
  let top: number;
  if (compact) {
    // A strip is too low to hold it: under the strip, centred on the pointer.
    left = x - w / 2;
    top = u.over.offsetTop + u.over.offsetHeight + 4;
  } else {
    left = x > chartW / 2 ? x - w - 10 : x + 10;
    top = Math.max(0, u.over.offsetTop + h.top - 30);
  }
  el.style.left = `${Math.max(0, Math.min(chartW - w, left))}px`;
  el.style.top = `${top}px`;
}
