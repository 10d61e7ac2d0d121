/**
 * The invariants of the simulation, checked after every event by the property and
 * fuzz tests: list membership, stream capacity, holders and their connections agree,
 * a destroyed connection is never used again, a private one is never picked.
 */
import type { TraceEvent } from '../trace/events';
import type { World } from '../model/world';

export type Engine = 'seed' | 'parent' | 'modern';

/** Checks the world after each event; returns a description of the first violation. */
export function checkWorld(w: World, e: TraceEvent, engine: Engine, closed: Set<string>): string | null {
  // A connection is in at most one server list, and the lists agree with each connection's own field.
  const seen = new Map<string, string>();
  for (const [server, l] of w.lists)
    for (const name of ['idle', 'safe', 'priv', 'avail'] as const)
      for (const id of l[name]) {
        if (seen.has(id)) return `${id} in two lists`;
        seen.set(id, name);
        const c = w.conns.get(id);
        if (!c || c.list !== name || c.server !== server) return `${id} listed in ${server}.${name} but says ${c?.list}`;
        if (c.phase === 'closed') return `${id} listed while closed`;
        if (c.private && name !== 'priv') return `private ${id} in ${name}`;
      }
  for (const c of w.conns.values()) {
    if (c.list && seen.get(c.id) !== c.list) return `${c.id} says list ${c.list} but is not in it`;
    // A pass-through connection carries at most one stream; a multiplexed one at most its capacity.
    if (c.streams > c.capacity) return `${c.id} carries ${c.streams} streams`;
    if (engine !== 'modern' && c.capacity !== 1) return `${c.id} multiplexed at ${engine}`;
    if (c.phase === 'closed' && c.holders.length > 0) return `closed ${c.id} still held by ${c.holders}`;
    // Holders and their connection agree.
    for (const h of c.holders) {
      if (engine === 'seed') {
        const s = w.sessions.get(h);
        if (!s || s.srvConn !== c.id) return `${c.id} lists session ${h} whose srv_conn is ${s?.srvConn}`;
      } else if (engine === 'modern') {
        const s = w.sessions.get(h);
        if (!s || !s.held.includes(c.id)) return `${c.id} lists session ${h} which does not hold it`;
        if (c.list === 'idle' || c.list === 'safe') return `${c.id} is both in a session and in the ${c.list} pool`;
      } else {
        const st = w.streams.get(h);
        if (!st || st.conn !== c.id) return `${c.id} lists stream ${h} whose si[1] is ${st?.conn}`;
      }
    }
  }
  if (engine === 'seed')
    for (const s of w.sessions.values()) {
      if (!s.srvConn) continue;
      const c = w.conns.get(s.srvConn);
      if (!c || c.phase === 'closed' || !c.holders.includes(s.id)) return `session ${s.id} points at ${s.srvConn} which does not list it`;
    }
  // A destroyed connection is never used again; a private one is never picked from a list.
  const uses = ['reuse.own', 'reuse.pick', 'attach', 'request.forward', 'list.add', 'adopt', 'swap'];
  if (e.conn && uses.includes(e.kind) && closed.has(e.conn)) return `${e.kind} on destroyed ${e.conn}`;
  if (e.kind === 'swap' && e.otherConn && closed.has(e.otherConn)) return `swap hands destroyed ${e.otherConn}`;
  if (e.kind === 'reuse.pick' && w.conns.get(e.conn!)?.private) return `private ${e.conn} picked from a list`;
  if (e.kind === 'conn.destroy' && e.conn) closed.add(e.conn);
  return null;
}


/** What a world holds of connections, sessions, streams, requests and lists, for comparing two worlds. */
export const worldShape = (w: World) => ({
  counts: w.counts,
  conns: [...w.conns.values()].map((c) => [c.id, c.phase, c.owner, c.holders, c.list, c.private, c.streams, c.requests, c.closedAt, c.closedBy]),
  sessions: [...w.sessions.values()].map((x) => [x.id, x.open, x.srvConn, x.held, x.streams]),
  streams: [...w.streams.values()],
  requests: [...w.requests.values()],
  lists: [...w.lists].map(([server, l]) => [server, l.idle.toArray(), l.safe.toArray(), l.priv.toArray(), l.avail.toArray()]),
});
