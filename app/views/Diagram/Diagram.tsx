import { memo, type CSSProperties } from 'react';
import { connStatus } from '../../../core';
import type { ConnState, ConnStatus, SessionState, TraceEvent, World } from '../../../core';
import type { DiagramPlan, Point } from '../../model/diagram/layout';
import { GEOM, connPosition, foldedInList, LIST_LINES, link, slotPosition, streamPosition } from '../../model/diagram/layout';
import { toggleExpanded } from '../../store/actions';
import { connTopRow } from './connText';
import './diagram.css';

/**
 * The world at the playhead as an SVG: sessions → streams → server connections →
 * servers with their idle/safe/priv lists. Every element that can exist during the run
 * is rendered from the start (hidden until it exists) at a position from `plan`, so
 * CSS transitions animate each change: a connection slides into a list slot, a link
 * re-routes on a reuse or swap, a dispossessed session's link retracts, a destroyed
 * connection fades out.
 */
export interface DiagramProps {
  world: World;
  plan: DiagramPlan;
  event: TraceEvent | null;
  focusConn: string | null;
  onConnClick: (id: string) => void;
  onSessionClick: (id: string) => void;
}

const C = GEOM.conn;
const S = GEOM.session;
const ST = GEOM.stream;

/** CSS `d` so path changes can transition (Chromium, Firefox ≥ 97). */
function dStyle(d: string): CSSProperties {
  return { d: `path("${d}")` } as CSSProperties;
}

/** The `d` attribute (browsers without CSS `d` draw it, unanimated) plus the CSS property. */
function pathProps(d: string, extra: CSSProperties = {}): { d: string; style: CSSProperties } {
  return { d, style: { ...dStyle(d), ...extra } };
}

function translate(p: Point): CSSProperties {
  return { transform: `translate(${p.x}px, ${p.y}px)` };
}

export const Diagram = memo(function Diagram({ world, plan, event, focusConn, onConnClick, onSessionClick }: DiagramProps) {
  // Where each connection is drawn now.
  const pos = new Map<string, Point>();
  // Connections in the tail of a long list of a collapsed server box (counted in its last slot).
  const inFold = new Set<string>();
  for (const id of plan.connHome.keys()) {
    const c = world.conns.get(id);
    if (!c) {
      pos.set(id, plan.connHome.get(id)!);
      continue;
    }
    const list = c.list ? world.lists.get(c.server)?.[c.list] : undefined;
    const k = list ? list.indexOf(c.id) : -1;
    if (list && foldedInList(plan.servers.get(c.server), k, list.length)) inFold.add(id);
    pos.set(id, connPosition(plan, c, k));
  }
  // Ownership links arrive high on a connection's left edge, stream links low.
  const connLeft = (id: string, low = false): Point => {
    const p = pos.get(id)!;
    return { x: p.x, y: p.y + (low ? C.h - 10 : 11) };
  };

  const touched = new Set<string>();
  if (event) for (const k of [event.conn, event.otherConn, event.session, event.holder, event.stream]) if (k) touched.add(k);

  const sessionIds = [...plan.sessions.keys()];
  return (
    <svg
      className="diagram"
      viewBox={`0 0 ${plan.width} ${plan.height}`}
      role="group"
      aria-label="Sessions, streams, server connections and server lists at the playhead"
      data-testid="diagram"
    >
      <defs>
        <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="hatch-bg" />
          <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
        </pattern>
      </defs>
      <g className="headings">
        <text x={S.x} y={22}>Clients · sessions</text>
        <text x={ST.x} y={22}>Streams</text>
        <text x={C.x} y={22}>Connections</text>
        <text x={plan.serverHeading?.x ?? GEOM.server.x} y={plan.serverHeading?.y ?? 22}>
          Servers · {plan.lists.join(' / ')} lists
        </text>
      </g>

      {plan.groups?.map((g) => (
        <g key={g.name} className={`backend-group${g.idle ? ' idle' : ''}`} data-testid={`backend-${g.name}`} data-idle={g.idle}>
          <rect x={g.x} y={g.y} width={g.w} height={g.h} rx={12} />
          <text className="backend-name" x={g.x + 10} y={g.y + 16}>
            backend {g.name}
            {g.tcp ? ' · mode tcp' : ''}
          </text>
          {g.idle && (
            <text className="backend-idle" x={g.x + g.w - 10} y={g.y + 16} textAnchor="end">
              {g.note ?? 'idle: no request was routed here'}
            </text>
          )}
        </g>
      ))}

      {[...plan.servers.values()].map((box) => (
        <ServerBoxView key={box.name} plan={plan} name={box.name} world={world} />
      ))}

      {/* connection → its server, while not parked in a list */}
      <g className="links to-server">
        {[...plan.connHome.keys()].map((id) => {
          const c = world.conns.get(id);
          const box = c ? plan.servers.get(c.server) : undefined;
          const p = pos.get(id)!;
          const from = { x: p.x + C.w, y: p.y + C.h / 2 };
          // Beside: the box's left edge; stacked under the connections (phone): its top right corner.
          const to = !box ? from : plan.serverHeading ? { x: box.x + box.w - 30, y: box.y } : { x: box.x, y: box.y + GEOM.server.header / 2 };
          const shown = !!c && c.phase !== 'closed' && !c.list;
          return <path key={id} className="srv-link" {...pathProps(link(from, shown ? to : from), { opacity: shown ? 1 : 0 })} />;
        })}
      </g>

      {/* session → its server connection (seed: sess->srv_conn) */}
      <g className="links own">
        {sessionIds.map((sid) => {
          const s = world.sessions.get(sid);
          const at = plan.sessions.get(sid)!;
          const from = { x: at.x + S.w, y: at.y + 10 };
          const target = s?.srvConn && world.conns.get(s.srvConn)?.phase !== 'closed' ? s.srvConn : null;
          const to = target ? connLeft(target) : from;
          return (
            <path
              key={sid}
              className={`own-link${target && touched.has(target) && touched.has(sid) ? ' hl' : ''}`}
              data-testid={`own-link-${sid}`}
              data-target={target ?? ''}
              {...pathProps(link(from, to), { opacity: target ? 1 : 0 })}
            />
          );
        })}
      </g>

      {/* other connections a session holds (modern: its private connections) */}
      <g className="links own extra">
        {sessionIds.flatMap((sid) => {
          const s = world.sessions.get(sid);
          if (!s || !s.held) return [];
          const at = plan.sessions.get(sid)!;
          return s.held
            .filter((cid) => cid !== s.srvConn && world.conns.get(cid)?.phase !== 'closed' && pos.has(cid))
            .map((cid) => (
              <path key={`${sid}>${cid}`} className="own-link" {...pathProps(link({ x: at.x + S.w, y: at.y + 10 }, connLeft(cid)))} />
            ));
        })}
      </g>

      {/* stream → the connection on its si[1] */}
      <g className="links use">
        {sessionIds.flatMap((sid) => {
          const s = world.sessions.get(sid);
          if (!s) return [];
          return openStreams(world, s)
            .slice(0, ST.maxShown)
            .map((st, k) => {
              if (!st.conn || world.conns.get(st.conn)?.phase === 'closed') return null;
              const p = streamPosition(plan.sessions.get(sid)!, k);
              return (
                <path
                  key={st.id}
                  className={`use-link${st.request ? ' active' : ''}`}
                  {...pathProps(link({ x: p.x + ST.w, y: p.y + ST.h / 2 }, connLeft(st.conn, true)))}
                />
              );
            });
        })}
      </g>

      {sessionIds.map((sid) => (
        <SessionView
          key={sid}
          id={sid}
          at={plan.sessions.get(sid)!}
          s={world.sessions.get(sid)}
          world={world}
          hl={touched.has(sid)}
          onClick={onSessionClick}
        />
      ))}

      {[...plan.connHome.keys()].map((id) => (
        <ConnView
          key={id}
          id={id}
          at={pos.get(id)!}
          c={world.conns.get(id)}
          world={world}
          hl={touched.has(id)}
          focus={focusConn === id}
          folded={inFold.has(id)}
          pulse={event && (event.conn === id || event.otherConn === id) ? event.seq : null}
          onClick={onConnClick}
        />
      ))}
    </svg>
  );
});

function openStreams(world: World, s: SessionState) {
  return s.streams.map((id) => world.streams.get(id)).filter((st): st is NonNullable<typeof st> => !!st && st.open);
}

function ServerBoxView({ plan, name, world }: { plan: DiagramPlan; name: string; world: World }) {
  const box = plan.servers.get(name)!;
  const Sv = GEOM.server;
  const lists = world.lists.get(name);
  const live = [...world.conns.values()].filter((c) => c.server === name && c.phase !== 'closed');
  const open = live.length;
  // With a maxconn, the streams in flight on it against the limit (what its queue waits on).
  let inFlight = 0;
  if (box.maxconn) for (const c of live) inFlight += c.streams;
  const colTop = box.y + Sv.header;
  const meta = `${open} open${box.maxconn ? ` · ${inFlight}/${box.maxconn} in flight` : ''}`;
  // Its health checks marked it DOWN (server.check HC2): load balancing leaves it out until HC3.
  const down = world.down.has(name);
  // NOLB (server.check HC4, disable-on-404): load balancing leaves it out, persistence still reaches it.
  const nolb = !down && world.stopping.has(name);
  // A long name (`postgresql_127.0.0.1_5432`) is cut so as not to run into the counts beside it.
  const room = box.w - 24 - meta.length * META_CHAR_PX - 10 - (box.role ? box.role.length * ROLE_CHAR_PX + 8 : 0) - (down || nolb ? DOWN_PX : 0);
  const shown = fittedMiddle(name, Math.max(5, Math.floor(room / NAME_CHAR_PX)));
  return (
    <g className={down ? 'server down' : nolb ? 'server nolb' : 'server'} data-testid={`server-${name}`} data-down={down || undefined} data-nolb={nolb || undefined}>
      <rect className="server-box" x={box.x} y={box.y} width={box.w} height={box.h} rx={10} />
      <text className="server-name" x={box.x + 12} y={box.y + 19}>
        {shown !== name && <title>{name}</title>}
        {shown}
        {down && (
          <tspan className="server-down" data-testid={`server-down-${name}`} dx={8}>
            <title>Its health checks failed: HAProxy marked it DOWN, and load balancing leaves it out until they pass again</title>
            DOWN
          </tspan>
        )}
        {nolb && (
          <tspan className="server-nolb" data-testid={`server-nolb-${name}`} dx={8}>
            <title>Its health check answered 404 (http-check disable-on-404): HAProxy drains it — load balancing leaves it out, cookies and stick tables still send their clients there</title>
            NOLB
          </tspan>
        )}
        {box.role && (
          <tspan className="server-role" data-testid={`server-role-${name}`} dx={8}>
            {box.role}
          </tspan>
        )}
      </text>
      <text className="server-meta" x={box.x + box.w - 12} y={box.y + 19} textAnchor="end" data-testid={`server-meta-${name}`}>
        {meta}
      </text>
      {(box.collapsed || box.max > LIST_LINES) && (
        <g
          className="server-expand"
          role="button"
          tabIndex={0}
          data-testid={`server-expand-${name}`}
          data-collapsed={box.collapsed}
          aria-label={box.collapsed ? `Show all ${box.max} lines of ${name}'s lists` : `Fold ${name}'s lists`}
          onClick={() => toggleExpanded(`srv:${name}`)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              toggleExpanded(`srv:${name}`);
            }
          }}
        >
          <rect x={box.x + box.w - 225} y={box.y + 5} width={150} height={20} rx={6} />
          <text x={box.x + box.w - 150} y={box.y + 19} textAnchor="middle">
            {box.collapsed ? `▸ show all ${box.max} lines` : '▴ fold the lists'}
          </text>
        </g>
      )}
      {plan.lists.map((l, li) => {
        const n = lists?.[l].length ?? 0;
        const x = box.x + Sv.pad + li * Sv.colW;
        return (
          <g key={l} className={`list list-${l}`} data-testid={`list-${name}-${l}`} data-count={n}>
            {li > 0 && <line className="col-sep" x1={x} x2={x} y1={colTop + 4} y2={box.y + box.h - 6} />}
            <text className="list-name" x={x + Sv.colW / 2} y={colTop + 12} textAnchor="middle">
              {l}
              {n > 0 ? ` · ${n}` : ''}
            </text>
            {Array.from({ length: box.lines }, (_, k) => {
              const p = slotPosition(plan, name, l, k)!;
              return (
                <rect
                  key={k}
                  className="slot"
                  x={p.x + 3}
                  y={p.y + 1}
                  width={Sv.colW - 6}
                  height={Sv.slotH - 2}
                  rx={8}
                />
              );
            })}
            {box.collapsed && n > box.lines && (
              <text
                className="list-more"
                data-testid={`list-more-${name}-${l}`}
                x={x + Sv.colW / 2}
                y={slotPosition(plan, name, l, box.lines - 1)!.y + Sv.slotH / 2 + 4}
                textAnchor="middle"
              >
                +{n - box.lines + 1} more
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

const SessionView = memo(function SessionView(p: {
  id: string;
  at: Point;
  s: SessionState | undefined;
  world: World;
  hl: boolean;
  onClick: (id: string) => void;
}) {
  const { s, at, world } = p;
  // A connection in the listen backlog (maxconn reached): its client is there, its session not yet.
  const state = !s ? 'future' : s.waiting ? (s.open ? 'waiting' : 'gone') : s.open ? 'open' : 'ended';
  const streams = s ? openStreams(world, s) : [];
  return (
    <g>
      <g
        className={`session ${state}${p.hl ? ' hl' : ''}`}
        style={translate(at)}
        data-testid={`session-${p.id}`}
        data-state={state}
        data-srv-conn={s?.srvConn ?? ''}
        onClick={() => p.onClick(p.id)}
      >
        <rect className="hl-ring" x={-4} y={-4} width={S.w + 8} height={S.h + 8} rx={11} />
        <rect className="body" width={S.w} height={S.h} rx={8} />
        <text className="client" x={12} y={22}>
          {s?.client ?? p.id}
        </text>
        <text className="proto" x={S.w - 10} y={20} textAnchor="end">
          {s?.proto === 'h2' ? 'HTTP/2' : 'HTTP/1.1'}
        </text>
        <text className="sub" x={12} y={42}>
          {state === 'ended' ? 'session closed' : state === 'waiting' ? 'waits to be accepted' : state === 'gone' ? 'left, never accepted' : s?.srvConn ? `srv_conn ${s.srvConn}` : `session ${p.id}`}
        </text>
      </g>
      {streams.slice(0, ST.maxShown).map((st, k) => {
        const sp = streamPosition(at, k);
        const req = st.request ? world.requests.get(st.request) : undefined;
        // A request waiting for a server slot (maxconn) says so instead of its path.
        const queued = req && req.queued != null && req.doneAt === null ? req.queued : null;
        const label = `${shortStream(st.id)} ${queued !== null ? 'queued' : req ? req.path : 'idle'}`;
        const title = queued !== null ? `${shortStream(st.id)} ${req!.path}: ${req!.id} waits in ${queued ? `${queued}'s queue` : "the backend's queue"} for a server slot (maxconn)` : label;
        return (
          <g key={st.id} className={`stream${st.request ? ' active' : ''}${queued !== null ? ' queued' : ''}`} style={translate(sp)} data-testid={`stream-${st.id}`}>
            <title>{title}</title>
            <rect width={ST.w} height={ST.h} rx={ST.h / 2} />
            <text x={9} y={13}>
              {fitted(label, STREAM_LABEL_CHARS)}
            </text>
          </g>
        );
      })}
      {streams.length > ST.maxShown && (
        <text className="more" x={ST.x + ST.w + 4} y={at.y + S.h - 4}>
          +{streams.length - ST.maxShown}
        </text>
      )}
    </g>
  );
});

/** Widths of a character of a server's name (15 px bold monospace), its role and its counts (12 px), in px. */
const NAME_CHAR_PX = 9.1;
const ROLE_CHAR_PX = 7;
/** Room the DOWN badge takes after a server's name. */
const DOWN_PX = 52;
const META_CHAR_PX = 6.6;

/** Characters of 11 px monospace that fit in a stream's pill (its width less the padding). */
const STREAM_LABEL_CHARS = 12;

/** A label cut to `max` characters with an ellipsis (the whole label is the element's title). */
function fitted(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

/** A name cut in its middle, keeping both ends (servers often differ only at the end: `…_5432`, `…_5433`). */
function fittedMiddle(name: string, max: number): string {
  if (name.length <= max) return name;
  const tail = Math.floor((max - 1) / 2);
  return `${name.slice(0, max - 1 - tail)}…${name.slice(name.length - tail)}`;
}

function shortStream(id: string): string {
  const k = id.lastIndexOf('/');
  return k >= 0 ? `#${id.slice(k + 1)}` : id;
}

const STATUS_LABEL: Record<ConnStatus, string> = {
  connecting: 'connecting',
  busy: 'busy',
  idle: 'idle',
  orphan: 'orphan',
  doomed: 'doomed',
  closed: 'closed',
};

const ConnView = memo(function ConnView(p: {
  id: string;
  at: Point;
  c: ConnState | undefined;
  world: World;
  hl: boolean;
  focus: boolean;
  folded: boolean;
  pulse: number | null;
  onClick: (id: string) => void;
}) {
  const { c } = p;
  const status: ConnStatus | 'future' = c ? connStatus(c) : 'future';
  const owner = c ? ownerLabel(p.world, c) : '';
  // Id and state never overlap (./connText.ts): both are given widths that fit the box.
  const top = connTopRow(p.id, status === 'future' ? 'connecting' : status, 10, C.w - 9);
  return (
    <g
      className={`conn st-${status}${p.hl ? ' hl' : ''}${p.focus ? ' focus' : ''}${c?.private ? ' private' : ''}${p.folded ? ' in-fold' : ''}`}
      style={translate(p.at)}
      data-testid={`conn-${p.id}`}
      data-status={status}
      data-list={c?.list ?? ''}
      data-owner={c?.owner ?? ''}
      role="button"
      tabIndex={c ? 0 : -1}
      data-keys="own"
      aria-label={c ? connLabel(p.id, status as ConnStatus, owner, c) : undefined}
      onClick={() => c && p.onClick(p.id)}
      onKeyDown={(e) => {
        if (c && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          p.onClick(p.id);
        }
      }}
    >
      {/* The hover tooltip; screen readers get the label, which begins with what is written on it. */}
      {c && <title aria-hidden="true">{connTitle(c, status as ConnStatus, owner)}</title>}
      <g className="inner">
        <rect className="hl-ring" x={-4} y={-4} width={C.w + 8} height={C.h + 8} rx={11} />
        {p.pulse !== null && <rect key={p.pulse} className="pulse" width={C.w} height={C.h} rx={8} />}
        <rect className="body" width={C.w} height={C.h} rx={8} />
        {status === 'doomed' && <rect className="hatch" width={C.w} height={C.h} rx={8} fill="url(#hatch)" />}
        <text className="cid" x={10} y={16} textLength={top.idLength} lengthAdjust={top.idLength ? 'spacingAndGlyphs' : undefined}>
          {p.id}
        </text>
        {/* Spaces between the texts (not drawn): read as one line, they are the words of the label. */}
        {' '}
        <text className="cstatus" x={C.w - 9} y={16} textAnchor="end" textLength={top.stateLength} lengthAdjust={top.stateLength ? 'spacingAndGlyphs' : undefined}>
          {top.state}
        </text>
        {' '}
        <text className="cowner" x={10} y={31}>
          {owner}
        </text>
        {c && c.phase !== 'closed' && (
          <>
            {c.private && <Lock x={C.w - 34} y={21} />}
            <Capacity x={C.w - 12} y={27} used={c.streams} cap={c.capacity} />
          </>
        )}
      </g>
    </g>
  );
});

/** What a screen reader says of a connection: its visible text first (WCAG 2.5.3), then what the drawing shows. */
function connLabel(id: string, status: ConnStatus, owner: string, c: ConnState): string {
  const extra = [`${c.streams} of ${c.capacity} streams`];
  if (c.private) extra.push('private');
  return `${id} ${STATUS_LABEL[status]} ${owner}, ${extra.join(', ')}`;
}

function connTitle(c: ConnState, status: ConnStatus, owner: string): string {
  const parts = [`${c.id} to ${c.server}: ${status}`, owner];
  if (c.holders.length) parts.push(`held by ${c.holders.join(', ')}`);
  if (c.list) parts.push(`in ${c.server}'s ${c.list} list`);
  if (c.private) parts.push('private');
  parts.push(`${c.streams}/${c.capacity} streams`);
  if (c.requests.length) parts.push(`carried ${c.requests.join(', ')}`);
  return parts.join(' · ') + ' — click to walk its events';
}

function ownerLabel(world: World, c: ConnState): string {
  if (c.phase === 'closed') return c.closedBy ? `closed [${c.closedBy}]` : 'closed';
  if (c.owner === null) return c.holders.length ? `held by ${c.holders.join(', ')}` : 'no owner';
  const sess = world.sessions.get(c.owner);
  const name = sess ? sess.client : c.owner;
  const stale = c.holders.length > 0 && !c.holders.includes(c.owner);
  return stale ? `owner ${name}*` : `owner ${name}`;
}

function Capacity({ x, y, used, cap }: { x: number; y: number; used: number; cap: number }) {
  const n = Math.min(cap, 4);
  return (
    <g className="capacity" aria-label={`${used} of ${cap} streams`}>
      {Array.from({ length: n }, (_, i) => (
        <circle key={i} cx={x - i * 9} cy={y} r={3.2} className={i < used ? 'used' : ''} />
      ))}
    </g>
  );
}

function Lock({ x, y }: { x: number; y: number }) {
  return (
    <g className="lock" transform={`translate(${x} ${y})`} aria-label="private">
      <path d="M2.5 5 V3.5 a3 3 0 0 1 6 0 V5" fill="none" />
      <rect x={1} y={5} width={9} height={6.5} rx={1.5} />
    </g>
  );
}
