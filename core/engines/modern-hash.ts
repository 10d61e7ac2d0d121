import type { ServerConfig } from '../model/config';
import type { Condition } from '../trace/events';
import { since } from '../model/names';
import { connName, sourceScope } from './modern-session';
import { requestView } from './routeRequest';
import type { EngineSim as Sim } from './runtime';
import type { Conn, Request } from './types';

/*
 * How the trace explains a connection's reuse hash (modern-session.ts hashKey): what the pools'
 * search compared, and a note on each part when a connection is opened with one (mP1 send-proxy,
 * mP2 sni, mP3 usesrc).
 */

/** The conditions of a pool search whose hash has parts. */
export function hashConds(sim: Sim, s: ServerConfig, req: Request): Condition[] {
  const cs: Condition[] = [];
  const sni = connName(sim, s, req);
  if (sni !== null) cs.push({ label: `${nameText(sim, s)}: only connections with this ${named(sim, s)} match`, value: sni });
  if (s.sendProxy) cs.push({ label: 'send-proxy: only connections of this client connection match', value: true });
  const src = sourceScope(sim, s);
  if (src) cs.push({ label: `usesrc ${s.usesrc}: only connections of this client ${src === 'address' ? 'address' : 'connection'} match`, value: true });
  return cs;
}

/** The pool-conn-name (3.0+) names the connection rather than its SNI. */
const byPoolName = (sim: Sim, s: ServerConfig): boolean => s.poolConnNameExpr !== undefined && since(sim.config.modernVersion, '3.0');
const named = (sim: Sim, s: ServerConfig): string => (byPoolName(sim, s) ? 'name' : 'SNI');

/** How the trace names the expression: as written, or HAProxy 3.3's default SNI. */
function nameText(sim: Sim, s: ServerConfig): string {
  if (byPoolName(sim, s)) return `pool-conn-name ${s.poolConnNameExpr!.text}`;
  return s.sniExpr ? `sni ${s.sniExpr.text}` : s.sni ? 'sni' : `sni ${s.autoSniExpr?.text ?? ''} (the default of a TLS server)`;
}

/** Notes on a new connection's hash parts. */
export function hashNotes(sim: Sim, c: Conn, req: Request, session: string): void {
  const s = c.server;
  const base = { kind: 'note', conn: c.id, server: s.name, request: req.id, session } as const;
  if (s.sendProxy) {
    sim.emit({
      ...base, decision: 'mP1',
      message: `send-proxy: the PROXY line of client connection ${session} is part of this connection's hash; only ${session} can reuse it`,
      conds: [{ label: 'send-proxy', value: true }],
    });
  }
  const sni = connName(sim, s, req);
  if (sni !== null) {
    sim.emit({
      ...base, decision: 'mP2',
      message: byPoolName(sim, s)
        ? `pool-conn-name: the name '${sni}' is part of this connection's hash; only requests with that name can reuse it`
        : `sni: the SNI '${sni}' is part of this connection's hash; only requests with that SNI can reuse it`,
      conds: [{ label: nameText(sim, s), value: sni }],
    });
  }
  const src = sourceScope(sim, s);
  if (src === 'connection') {
    sim.emit({
      ...base, decision: 'mP3',
      message: `usesrc ${s.usesrc}: the address and port of client connection ${session} are part of this connection's hash; only ${session} can reuse it`,
      conds: [{ label: `usesrc ${s.usesrc}`, value: true }],
    });
  } else if (src === 'address') {
    sim.emit({
      ...base, decision: 'mP3',
      message: `usesrc clientip: the address of client ${req.client.name} (${(req.routedView ?? requestView(req)).src}) is part of this connection's hash, without its port (since 3.2); only connections from that address can reuse it`,
      conds: [{ label: 'usesrc clientip', value: true }],
    });
  }
}
