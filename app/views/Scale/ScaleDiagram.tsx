import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TraceEvent } from '../../../core';
import { formatCount } from '../../model/format';
import { FOLD_AT } from '../../sim/runner';
import { clickConn, pause, seek, toggleExpanded } from '../../store/actions';
import { getState, subscribe, useStore } from '../../store';
import { eventForConnClick } from '../../model/analysis';
import { listsFor } from '../../model/diagram/layout';
import { CONN, createFrame, fillFrame } from '../../model/scale/aggregate';
import { dotUnder, FOLD, planFolded, type FoldPlan } from '../../model/scale/fold';
import { describeClient, paint, readPalette, type Palette } from './paint';
import './scale.css';


/**
 * The diagram of a large run (issue 5): client groups folded into rows of dots, servers
 * with a dot per connection and their lists as counts. React renders the structure
 * (boxes, names, click targets) when the run or the expanded set changes; the playhead
 * only repaints the canvas and a few counters, from `TraceCursor.seek` (no world copy
 * per frame, no React render per frame).
 */
export const ScaleDiagram = memo(function ScaleDiagram({ width }: { width: number }) {
  const analysis = useStore((s) => s.sim.analysis);
  const result = useStore((s) => s.sim.result);
  const groups = useStore((s) => s.run.groups);
  const theme = useStore((s) => s.view.theme);
  const expandedKeys = useStore((s) => s.run.expanded);
  const expanded = useMemo(() => new Set(expandedKeys), [expandedKeys]);
  const toggle = toggleExpanded;

  // The layout of 10,000 members is computed in a task of its own, after the run is published.
  // Not a deferred render: React restarts one on every urgent update, and a run in progress
  // updates its progress bar every 50 ms — the picture of a run shown in part waited for its end.
  const input = useMemo(() => ({ analysis, result, groups, expanded }), [analysis, result, groups, expanded]);
  const [laid, setLaid] = useState<{ readonly input: typeof input; readonly plan: FoldPlan | null } | null>(null);
  // Timed from the commit (a layout effect): a passive effect may wait behind other tasks.
  useLayoutEffect(() => {
    const t = setTimeout(() => {
      const a = input.analysis;
      const plan =
        a && input.result
          ? planFolded({
              groups: input.groups,
              sessions: a.sessions,
              conns: a.conns,
              servers: input.result.servers,
              lists: listsFor(input.result.engine, a.maxList),
              maxList: a.maxList,
              expanded: input.expanded,
              foldAt: FOLD_AT,
            })
          : null;
      setLaid({ input, plan });
    }, 0);
    return () => clearTimeout(t);
  }, [input]);
  const plan = laid?.plan ?? null;
  const current = laid !== null && laid.input.result === result;

  const scale = plan ? Math.min(1.4, Math.max(0.5, width / plan.width)) : 1;
  const W = plan ? Math.round(plan.width * scale) : 0;
  const H = plan ? Math.round(plan.height * scale) : 0;
  const canvas = useRef<HTMLCanvasElement>(null);
  const texts = useRef(new Map<string, SVGTextElement>());
  const textRef = (key: string) => (el: SVGTextElement | null) => {
    if (el) texts.current.set(key, el);
    else texts.current.delete(key);
  };

  // Repaint on every playhead move, focus change or theme change, at most once per frame.
  useEffect(() => {
    if (!plan || !current) return;
    const frame = createFrame(plan);
    let palette: Palette | null = null;
    let raf = 0;
    const draw = () => {
      raf = 0;
      const el = canvas.current;
      const s = getState();
      const cursor = s.sim.cursor;
      const ctx = el?.getContext('2d');
      if (!el || !ctx || !cursor) return;
      const index = s.view.index;
      const world = cursor.seek(index);
      fillFrame(frame, plan, world, index, FOLD.chip.max);
      palette ??= readPalette();
      const dpr = window.devicePixelRatio || 1;
      ctx.setTransform(dpr * scale, 0, 0, dpr * scale, 0, 0);
      const e: TraceEvent | undefined = index >= 0 ? s.sim.result?.trace.at(index) : undefined;
      const client = e ? (e.session ? (world.sessions.get(e.session)?.client ?? e.client) : e.client) : undefined;
      paint(ctx, plan, frame, world, palette, { client: client ?? null, conn: e?.conn ?? null, focus: s.view.focusConn });
      el.dataset.run = String(s.sim.runId); // which run's picture it holds (the benchmarks wait for it)
      // Counters (SVG text, readable by tests and screen readers).
      const put = (k: string, v: string) => {
        const t = texts.current.get(k);
        if (t && t.textContent !== v) t.textContent = v;
      };
      plan.rows.forEach((row, ri) => {
        const r = frame.rows[ri]!;
        if (row.kind === 'group') put(`row:${row.key}`, `open ${formatCount(r.open)} · active ${formatCount(r.active)} · ended ${formatCount(r.ended)}`);
      });
      plan.servers.forEach((srv, si) => {
        const st = frame.servers[si]!;
        const open = srv.conns.length - st.status[CONN.closed]! - st.status[CONN.future]!;
        put(`srv:${srv.name}`, `${formatCount(open)} open`);
        put(
          `status:${srv.name}`,
          `busy ${formatCount(st.status[CONN.busy]! + st.status[CONN.connecting]!)} · idle ${formatCount(st.status[CONN.idle]!)}` +
            (st.status[CONN.orphan]! ? ` · orphan ${formatCount(st.status[CONN.orphan]!)}` : '') +
            (st.status[CONN.doomed]! ? ` · doomed ${formatCount(st.status[CONN.doomed]!)}` : '') +
            ` · closed ${formatCount(st.status[CONN.closed]!)}`,
        );
        for (const fl of srv.lists) put(`list:${srv.name}:${fl.name}`, formatCount(st.lists[fl.name]));
      });
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    schedule(); // not in this task: publishing a large run is work enough
    const unsub = subscribe((s, prev) => {
      if (s.view.index !== prev.view.index || s.sim.cursor !== prev.sim.cursor || s.view.focusConn !== prev.view.focusConn) schedule();
      if (s.view.theme !== prev.view.theme) {
        palette = null;
        schedule();
      }
    });
    // The resolved theme may change with the system's.
    const mo = new MutationObserver(() => {
      palette = null;
      schedule();
    });
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      unsub();
      mo.disconnect();
      if (raf) cancelAnimationFrame(raf);
    };
  }, [plan, current, scale, W, H, theme]);

  if (!plan || !result) return null;
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  return (
    <div className="scale-diagram" style={{ width: W, height: H }} data-testid="scale-diagram">
      <svg viewBox={`0 0 ${plan.width} ${plan.height}`} width={W} height={H} role="img" aria-label="Client groups and servers at the playhead (folded)">
        <g className="headings">
          <text x={FOLD.row.x} y={20}>
            Clients · one dot per client
          </text>
          <text x={FOLD.server.x} y={20}>
            Servers · one dot per connection, lists
          </text>
        </g>
        {plan.rows.map((row) => (
          <RowView key={row.key} row={row} plan={plan} textRef={textRef} onToggle={toggle} />
        ))}
        {plan.servers.map((srv) => (
          <ServerView key={srv.name} srv={srv} plan={plan} textRef={textRef} onToggle={toggle} />
        ))}
      </svg>
      <canvas ref={canvas} width={Math.round(W * dpr)} height={Math.round(H * dpr)} style={{ width: W, height: H }} aria-hidden="true" />
    </div>
  );
});

type TextRef = (key: string) => (el: SVGTextElement | null) => void;

function RowView({ row, plan, textRef, onToggle }: { row: FoldPlan['rows'][number]; plan: FoldPlan; textRef: TextRef; onToggle: (k: string) => void }) {
  const R = FOLD.row;
  const id = row.key.slice(2);
  if (row.kind === 'client') {
    return (
      <g className="fold-row client" data-testid={`fold-client-${id}`} onClick={() => selectClient(row.members[0]!)}>
        <rect className="box" x={R.x} y={row.y} width={R.w} height={row.h} rx={8} />
        <text className="name" x={R.x + 12} y={row.y + row.h / 2 + 5}>
          {row.label}
        </text>
      </g>
    );
  }
  const g = row.grid!;
  return (
    <g className={`fold-row group${row.expanded ? ' expanded' : ''}`} data-testid={`fold-row-${id}`} data-expanded={row.expanded}>
      <rect className="box" x={R.x} y={row.y} width={R.w} height={row.h} rx={10} />
      <g
        className="head"
        role="button"
        tabIndex={0}
        aria-expanded={row.expanded}
        aria-label={`${row.label}: ${row.expanded ? 'fold' : 'expand'} the group`}
        data-testid={`fold-toggle-${id}`}
        onClick={() => onToggle(row.key)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            onToggle(row.key);
          }
        }}
      >
        <rect className="hit" x={R.x} y={row.y} width={R.w} height={R.header - 4} rx={10} />
        <text className="name" x={R.x + 12} y={row.y + 19}>
          {row.label}
        </text>
        <text className="sub" x={R.x + R.w - 12} y={row.y + 19} textAnchor="end">
          {row.sub} {row.expanded ? '▾' : '▸'}
        </text>
        <text className="counts" x={R.x + 12} y={row.y + 37} ref={textRef(`row:${row.key}`)} data-testid={`fold-count-${id}`} />
      </g>
      <rect
        className="grid-hit"
        x={g.x}
        y={g.y}
        width={g.cols * g.pitch}
        height={g.rows * g.pitch}
        onClick={(e) => {
          const p = toPlan(e, plan);
          const k = dotUnder(g, p.x, p.y);
          if (k >= 0) selectClient(row.members[k]!);
        }}
      >
        <title>Click a dot: that client's connection and events</title>
      </rect>
      {Array.from({ length: row.shown }, (_, k) => (
        <rect
          key={k}
          className="member-hit"
          x={R.x + 4}
          y={row.listY + k * FOLD.member.h}
          width={R.w - 8}
          height={FOLD.member.h}
          data-testid={`fold-member-${row.members[k]}`}
          onClick={() => selectClient(row.members[k]!)}
        />
      ))}
    </g>
  );
}

function ServerView({ srv, plan, textRef, onToggle }: { srv: FoldPlan['servers'][number]; plan: FoldPlan; textRef: TextRef; onToggle: (k: string) => void }) {
  const S = FOLD.server;
  const g = srv.grid;
  return (
    <g className="fold-server" data-testid={`fold-server-${srv.name}`}>
      <rect className="box" x={S.x} y={srv.y} width={S.w} height={srv.h} rx={10} />
      <text className="name" x={S.x + 12} y={srv.y + 20}>
        {srv.name}
      </text>
      <text className="meta" x={S.x + S.w - 12} y={srv.y + 20} textAnchor="end" ref={textRef(`srv:${srv.name}`)} data-testid={`fold-open-${srv.name}`} />
      <text className="status" x={S.x + 12} y={srv.y + 38} ref={textRef(`status:${srv.name}`)} />
      <rect
        className="grid-hit"
        x={g.x}
        y={g.y}
        width={g.cols * g.pitch}
        height={Math.max(g.pitch, g.rows * g.pitch)}
        onClick={(e) => {
          const p = toPlan(e, plan);
          const k = dotUnder(g, p.x, p.y);
          if (k >= 0 && srv.conns[k]) clickConn(srv.conns[k]!);
        }}
      >
        <title>Click a dot: walk that connection's events</title>
      </rect>
      {srv.lists.map((fl) => {
        const key = `l:${srv.name}:${fl.name}`;
        return (
          <g
            key={fl.name}
            className={`fold-list list-${fl.name}${fl.max > 0 ? ' can-expand' : ''}`}
            data-testid={`fold-list-${srv.name}-${fl.name}`}
            data-expanded={fl.expanded}
            role={fl.max > 0 ? 'button' : undefined}
            tabIndex={fl.max > 0 ? 0 : undefined}
            aria-expanded={fl.max > 0 ? fl.expanded : undefined}
            onClick={() => fl.max > 0 && onToggle(key)}
            onKeyDown={(e) => {
              if (fl.max > 0 && (e.key === 'Enter' || e.key === ' ')) {
                e.preventDefault();
                onToggle(key);
              }
            }}
          >
            <rect className="hit" x={S.x + 4} y={fl.y} width={S.w - 8} height={S.listH} rx={5} />
            <text className="list-name" x={S.x + 14} y={fl.y + 15}>
              {fl.max > 0 ? (fl.expanded ? '▾ ' : '▸ ') : '  '}
              {fl.name}
            </text>
            <text className="list-count" x={S.x + 140} y={fl.y + 15} textAnchor="end" ref={textRef(`list:${srv.name}:${fl.name}`)} data-testid={`fold-list-count-${srv.name}-${fl.name}`} />
            <rect className="bar-bg" x={S.x + S.barX} y={fl.y + 7} width={S.barW} height={8} rx={2} />
            <text className="list-max" x={S.x + S.w - 14} y={fl.y + 15} textAnchor="end">
              max {formatCount(fl.max)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** A pointer event's position in plan units. */
function toPlan(e: React.MouseEvent<SVGElement>, plan: FoldPlan): { x: number; y: number } {
  const svg = (e.currentTarget as SVGElement).ownerSVGElement!;
  const r = svg.getBoundingClientRect();
  return { x: ((e.clientX - r.left) / r.width) * plan.width, y: ((e.clientY - r.top) / r.height) * plan.height };
}

/** A click on a client: focus its connection (walk its events), or else walk its session's events. */
function selectClient(client: string): void {
  const s = getState();
  const cursor = s.sim.cursor;
  const analysis = s.sim.analysis;
  if (!cursor || !analysis) return;
  const world = cursor.seek(s.view.index);
  let session: string | undefined;
  for (const [sid, c] of analysis.sessions) if (c === client) session = sid;
  const { conn } = describeClient(world, session ? world.sessions.get(session) : undefined);
  if (conn) {
    clickConn(conn.id);
    return;
  }
  pause();
  const next = eventForConnClick(session ? analysis.bySession.get(session) : undefined, s.view.index);
  if (next !== null) seek(next);
}

/** The legend of the folded diagram. */
export function ScaleLegend() {
  const sw = (label: string, colour: string, title: string, faint = false) => (
    <span key={label} title={title}>
      <span className="dot" style={{ background: colour, opacity: faint ? 0.4 : 1 }} />
      {label}
    </span>
  );
  return (
    <div className="legend" aria-label="Legend">
      <span className="muted">clients:</span>
      {sw('open', 'var(--c-session)', 'connected, no request in progress')}
      {sw('active', 'var(--c-busy)', 'a request in progress')}
      {sw('ended', 'var(--c-closed)', 'the client left', true)}
      <span className="muted" style={{ marginLeft: 8 }}>
        connections:
      </span>
      {sw('connecting', 'var(--c-connecting)', 'TCP connect in progress')}
      {sw('busy', 'var(--c-busy)', 'a stream is using it')}
      {sw('idle', 'var(--c-idle)', 'open and unused')}
      {sw('orphan', 'var(--c-orphan)', 'idle and held by nobody (seed gap G1/G2)')}
      {sw('doomed', 'var(--c-doomed)', 'given up while busy')}
      {sw('closed', 'var(--c-closed)', 'closed', true)}
      <span className="muted" style={{ marginLeft: 'auto' }}>
        click a group or a list to expand it, a dot to walk its events
      </span>
    </div>
  );
}
