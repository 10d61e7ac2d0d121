import { since } from '../model/names';
import type { EngineSim as Sim } from './runtime';
import type { Conn, Request, Stream } from './types';

/*
 * mD8, `option abortonclose` on the request's backend: the client's close aborts the request
 * (http_ana.c:1114-1123 and stream.c:2297-2302 of v2.6.0: the client's shutdown is forwarded to
 * the server side, also while it connects; backend.c:1957-1962: a request in a queue is aborted).
 * Whether HAProxy sees the close depends on the client's side: an HTTP/2 client's always; in 2.6
 * and 2.8 an HTTP/1 client's only when the frontend has the option too (the request is read
 * while the frontend is the stream's backend, http_ana.c:1119 reads s->be); since 3.0 (commit
 * 5ff7d2276, stream.c:2286-2291 of v3.0.0) the backend's option alone makes the client's mux keep
 * reading; since 3.3 HTTP proxies have the option by default (../scenario/release-defaults.ts). Checked
 * against 2.6.12, 2.8.0, 3.0.0, 3.2.0 and 3.4.0 (scripts/verify/scenarios/abortonclose-*, core/test/modern-34-real).
 * Otherwise the request goes on and its response is dropped (mD6, ./modern-drain.ts).
 */

/** The client's close aborts this request (mD8) rather than leaving it to finish (mD6). */
export function abortsOnClose(sim: Sim, stream: Stream, req: Request): boolean {
  if (!req.backend?.abortOnClose) return false;
  return stream.session.proto === 'h2' || stream.session.fe.abortOnClose === true || seesH1Close(sim);
}

/** 3.0 and later: the backend's option alone makes HAProxy watch an HTTP/1 client (commit 5ff7d2276). */
const seesH1Close = (sim: Sim): boolean => since(sim.config.modernVersion, '3.0');

/** Why the close was seen: the client's protocol, the frontend's option, or the release. */
function seenBecause(stream: Stream): string {
  if (stream.session.proto === 'h2') return 'HTTP/2 client: its close is seen';
  return stream.session.fe.abortOnClose ? 'HTTP/1 client, option abortonclose in the frontend too' : 'HTTP/1 client, since 3.0: its close is seen';
}

/** How the backend has the option: written, or by default (3.3 and later). */
const optionText = (req: Request): string => `backend ${req.backend!.name} has option abortonclose${req.backend!.abortOnCloseByDefault ? ' (on by default since 3.3)' : ''}`;

const why = (stream: Stream, req: Request) => [
  { label: req.backend!.abortOnCloseByDefault ? 'option abortonclose (backend, by default since 3.3)' : 'option abortonclose (backend)', value: true },
  { label: seenBecause(stream), value: true },
];

/**
 * The request is at the server, or its connection is being opened: an HTTP/1 server connection
 * is shut at once and closed (the response never read); an HTTP/2 one only loses the stream.
 * Returns whether the connection is to be closed.
 */
export function abortAtServer(sim: Sim, stream: Stream, req: Request, c: Conn, h2: boolean): boolean {
  sim.emit({
    kind: 'note', decision: 'mD8', conn: c.id, server: c.server.name, request: req.id, stream: stream.id, session: stream.session.id,
    message: h2
      ? `The client of ${req.id} left and ${optionText(req)}: HAProxy resets the request's stream on ${c.id}, which goes on serving the others`
      : `The client of ${req.id} left and ${optionText(req)}: HAProxy aborts the request and closes ${c.id}${c.connected ? ' without waiting for the response' : ' while it connects'}`,
    conds: why(stream, req),
  });
  return !h2;
}

/** The request waits in a queue for a server slot: it leaves the queue, and reaches no server. */
export function abortQueued(sim: Sim, stream: Stream, req: Request): void {
  sim.emit({
    kind: 'note', decision: 'mD8', request: req.id, stream: stream.id, session: stream.session.id,
    message: `The client of ${req.id} left while the request waited for a server slot, and ${optionText(req)}: HAProxy aborts it, out of the queue`,
    conds: why(stream, req),
  });
}
