import { serverStatusAt } from '../model/config';
import type { EngineSim as Sim } from './runtime';
import type { Conn, Request, Stream } from './types';

/** How the server's response to a request whose client left ends its connection. */
export interface Drained {
  /** The server closes the connection with this response (close-after, Connection: close, FIN). */
  readonly serverCloses: boolean;
  /** The response is an NTLM/Negotiate challenge: the connection turns private (to a session that is gone). */
  readonly challenge: boolean;
  /** The connection died before the response (the stream ends all the same). */
  readonly lost?: boolean;
}

export const LOST: Drained = { serverCloses: true, challenge: false, lost: true };

export type FinishDrain = (sim: Sim, c: Conn, stream: Stream, req: Request, how: Drained) => void;

/**
 * mD6: without `option abortonclose` HAProxy stops watching the client once the request is
 * sent (http_ana.c:4360-4368@2.6.0; only abortonclose forwards the client's shutdown,
 * http_ana.c:1114-1124), so a client that leaves does not abort it: the server connection
 * stays busy until the response, which is dropped, and then detaches like any other
 * (checked against Debian's 2.6.12, h1 and h2 clients).
 *
 * The same holds while the connection is still being opened: the connect goes on and the
 * request is sent. Returns false when this does not apply (the connect or the response will
 * time out, the server refuses) and the caller aborts the connection as before.
 */
export function drainAfterClientLeft(sim: Sim, stream: Stream, req: Request, c: Conn, done: FinishDrain): boolean {
  if (c.view.phase === 'closed') return false;
  const connecting = !c.connected;
  if (connecting ? req.connectsAt < sim.now : req.respondsAt < sim.now) return false;
  sim.emit({
    kind: 'note', decision: 'mD6', conn: c.id, server: c.server.name, request: req.id, stream: stream.id,
    message: connecting
      ? `${req.id}'s client left while ${c.id} was connecting: HAProxy still sends the request and waits for the response`
      : `${req.id}'s client left, but its request is already at ${c.server.name}: ${c.id} waits for the response`,
    conds: [{ label: 'request received in full', value: true }, { label: 'option abortonclose', value: false }],
  });
  if (connecting) {
    // The connect goes on; the request leaves as soon as it is established.
    sim.at(req.connectsAt - sim.now, () => {
      if (c.view.phase === 'closed') return done(sim, c, stream, req, LOST);
      c.connected = true;
      sim.emit({ kind: 'conn.connected', decision: 'W', conn: c.id, server: c.server.name, request: req.id }, c.view);
      sim.emit({ kind: 'request.forward', decision: 'W', conn: c.id, server: c.server.name, request: req.id, stream: stream.id, method: req.spec.method, path: req.spec.path });
      req.respondsAt = sim.now + (req.spec.takesUs ?? c.server.responseUs);
      awaitResponse(sim, stream, req, c, done);
    });
  } else awaitResponse(sim, stream, req, c, done);
  return true;
}

function awaitResponse(sim: Sim, stream: Stream, req: Request, c: Conn, done: FinishDrain): void {
  sim.at(req.respondsAt - sim.now, () => {
    if (c.view.phase === 'closed') return done(sim, c, stream, req, LOST);
    c.served++;
    const spec = req.spec.response;
    const { status, auth } = spec ?? serverStatusAt(c.server, sim.now);
    const closeAfter = c.server.closeAfter > 0 && c.served >= c.server.closeAfter;
    const finAfter = c.server.finAfter > 0 && c.served >= c.server.finAfter;
    done(sim, c, stream, req, {
      serverCloses: closeAfter || finAfter || (spec?.close ?? false),
      challenge: (status === 401 || status === 407) && !!auth,
    });
  });
}
