import type { Sim } from './runtime';
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

const LOST: Drained = { serverCloses: true, challenge: false, lost: true };

export type FinishDrain = (sim: Sim, c: Conn, stream: Stream, req: Request, how: Drained) => void;

/**
 * mD6: without `option abortonclose` HAProxy stops watching the client once the request is
 * sent (http_ana.c:4360-4368@2.6.0; only abortonclose forwards the client's shutdown,
 * http_ana.c:1114-1124), so a client that leaves does not abort it: the server connection
 * stays busy until the response, which is dropped, and then detaches like any other
 * (checked against Debian's 2.6.12, h1 and h2 clients).
 *
 * Returns false when this does not apply — the connection is still being opened, or the
 * response will time out — and the caller aborts the connection as before.
 */
export function drainAfterClientLeft(sim: Sim, stream: Stream, req: Request, c: Conn, done: FinishDrain): boolean {
  // Still connecting: not modelled (see modern-scope.ts); the caller drops the request with its connection.
  if (!c.connected || c.view.phase === 'closed' || req.respondsAt < sim.now) return false;
  sim.emit({
    kind: 'note', decision: 'mD6', conn: c.id, server: c.server.name, request: req.id, stream: stream.id,
    message: `${req.id}'s client left, but its request is already at ${c.server.name}: ${c.id} waits for the response`,
    conds: [{ label: 'request sent to the server', value: true }, { label: 'option abortonclose', value: false }],
  });
  awaitResponse(sim, stream, req, c, done);
  return true;
}

function awaitResponse(sim: Sim, stream: Stream, req: Request, c: Conn, done: FinishDrain): void {
  sim.at(req.respondsAt - sim.now, () => {
    if (c.view.phase === 'closed') return done(sim, c, stream, req, LOST);
    c.served++;
    const spec = req.spec.response;
    const auth = spec ? spec.auth : c.server.auth;
    const status = spec ? spec.status : auth ? 401 : 200;
    const closeAfter = c.server.closeAfter > 0 && c.served >= c.server.closeAfter;
    const finAfter = c.server.finAfter > 0 && c.served >= c.server.finAfter;
    done(sim, c, stream, req, {
      serverCloses: closeAfter || finAfter || (spec?.close ?? false),
      challenge: (status === 401 || status === 407) && !!auth,
    });
  });
}
