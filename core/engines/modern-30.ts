import type { Algorithm } from './runtime';
import { reusedConn } from './modern';
import { modern28 } from './modern-28';

/**
 * `engine modern 3.0`: HAProxy 3.0 where it differs from 2.6 on what the engine models (checked
 * against a 3.0.0 binary built from the tag, docs/versions.md). Everything else is the 2.8 engine
 * (./modern-28.ts: the frontend's httpclose closes the client side only), itself the 2.6 engine.
 *
 * P3 under 3.0 (src/http_ana.c:1566-1576@v3.0.0, commit fd3ce173a, first in v3.0-dev6): the
 * NTLM/Negotiate check — the connection made private and the session marked to prefer its last
 * server (mA1) — runs only on an HTTP/1 server connection or one the session already keeps. An
 * HTTP/2 connection shared under `aggressive` or `always` (in the avail list, no session's) stays
 * shared, and the session is not marked.
 *
 * mD8 under 3.0 (stream.c:2286-2291@v3.0.0, commit 5ff7d2276, "Properly handle abortonclose when
 * set on backend only"): a backend's `option abortonclose` alone makes HAProxy see an HTTP/1
 * client's close (./modern-abort.ts reads the version).
 *
 * mD7 under 3.0 (http_ana.c:1250-1251, 1344-1345, 1369-1370 and 1656-1668@v3.0.0, commit 3fc38593d,
 * first in v3.0-dev8): whether a request whose server connection dies before any response gets a
 * 502 depends on the server side, no longer on the client's: a reused server connection
 * (SF_SRV_REUSED) means no answer and the client retries — even for the first request of an h1
 * client connection; a connection opened for this request means a 502 — even for an h2 stream.
 */
export const modern30: Algorithm = {
  ...modern28,
  commit: 'v3.0.0',
  // Since 2.9 an idle HTTP/1 client connection waits http-keep-alive (or http-request) alone.
  clientIdle: '3.0',

  keepAliveAbort(sim, stream, req) {
    if (!reusedConn(sim, req)) return false;
    const h2 = stream.session.proto === 'h2';
    sim.emit({
      kind: 'note', decision: 'mD7', request: req.id, stream: stream.id, session: stream.session.id, conn: req.conn?.id, server: req.server?.name,
      message: `Request ${req.id} reused ${req.conn?.id ?? 'its connection'}, which is gone before any response: HAProxy 3.0 ${h2 ? `resets stream ${stream.id} (REFUSED_STREAM)` : `closes client connection ${stream.session.id}`} instead of a 502, so that the client retries`,
      conds: [{ label: 'server connection reused (SF_SRV_REUSED)', value: true }],
    });
    return true;
  },

  challengeApplies(sim, stream, c, req) {
    const h2 = c.server.proto === 'h2' && !c.server.dispatch;
    const kept = c.view.holders.length > 0;
    if (!h2 || kept) return true;
    sim.emit({
      kind: 'note', decision: 'P3', conn: c.id, server: c.server.name, request: req.id, stream: stream.id, session: stream.session.id,
      message: `HAProxy 3.0 ignores the ${req.status} challenge on ${c.id}: an HTTP/2 connection no session keeps stays shared, and session ${stream.session.id} is not marked`,
      conds: [{ label: 'HTTP/1 server connection', value: false }, { label: 'kept by a session', value: false }],
    });
    return false;
  },
};
