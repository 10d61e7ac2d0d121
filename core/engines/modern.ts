import { since } from '../model/names';
import { isHashBalance, type ServerConfig } from '../model/config';
import { modernTcp } from './tcp-balance';
import type { ListName } from '../trace/events';
import { DEFAULT_RETRIES, RunLocal, type Algorithm, type EngineSim as Sim } from './runtime';
import type { Conn, Request, Session, Stream } from './types';
import { assignServerOrFull, lbServerState } from './common';
import { leastconnServerUp } from './modern-lb';
import { boolConds } from './conds';
import type { Condition } from '../trace/events';
import { hashConds, hashNotes } from './modern-hash';
import { clearSessIdle, hashKey, hashOf, isSessIdle, markPreferLast, markSessIdle, preferredConn, prefersLast, setHash } from './modern-session';
import { drainAfterClientLeft, LOST, type FinishDrain } from './modern-drain';
import { checkConn, countInTotal, killIdleForFds, leavePool, leaveTotal, offerToPool, oldest, retire, strictCounts, strictRefusal, strictSlot, uncount, useConn } from './modern-pool';
import { balanceHooks, enterBackend, isWaiting, orphan, release, takeOrQueue } from './modern-queue';
import { abortAtServer, abortQueued, abortsOnClose } from './modern-abort';
import { countConnect } from './lb-random';

/**
 * HAProxy 2.6 with defaults and one thread — an APPROXIMATE model (spec §7):
 * per-server pools (idle, safe, avail) that outlive sessions; sessions keep only
 * private connections; pool acceptance and periodic purge. Line numbers are at
 * v2.6.0 (src/backend.c, src/mux_h1.c, src/mux_h2.c, src/server.c, src/session.c).
 */

/** What the engine keeps for one run beyond the world's view (held by the run: Sim.local). */
interface ModernRun {
  /** Requests of each session still waiting for their server after the client left (mD6). */
  readonly drainingIn: WeakMap<Session, number>;
  /** Sessions whose client left while such a request was pending: freed when the last one ends. */
  readonly endDeferred: WeakSet<Session>;
  /** Requests whose client left while the server still owes the response (mD6). */
  readonly draining: WeakSet<Request>;
  /** The request each connection was opened for: the others on it reused it (SF_SRV_REUSED). */
  readonly openedFor: WeakMap<Conn, Request>;
}

const RUN = new RunLocal<ModernRun>(() => ({
  drainingIn: new WeakMap(), endDeferred: new WeakSet(), draining: new WeakSet(), openedFor: new WeakMap(),
}));

const OWN_CONDS = boolConds('private connection in the session', 'free stream')(true, true);
const NEVER_CONDS: readonly Condition[] = Object.freeze([Object.freeze({ label: 'http-reuse', value: 'never' })]);
const KEEP_ALIVE_CONDS = boolConds('keep-alive');
const TXN_END_CONDS = boolConds('keep-alive', 'private');
const NO_CONDS: readonly Condition[] = Object.freeze([]);

const isH2 = (c: Conn) => c.server.proto === 'h2' && !c.server.dispatch;

/** Private connections of a session for a target, in the order they were added. */
function sessionConns(sim: Sim, session: string, server?: string): Conn[] {
  const out: Conn[] = [];
  for (const id of sim.world.sessions.get(session)?.held ?? []) {
    const c = sim.conn(id);
    if (c && c.view.phase !== 'closed' && (!server || c.server.name === server)) out.push(c);
  }
  return out;
}

export const modern: Algorithm = {
  ...modernTcp,
  name: 'modern',
  commit: 'v2.6.0',
  clientIdle: '2.6',

  serverState(sim, be, server, up) {
    lbServerState(sim, be, server, up);
    if (up) leastconnServerUp(sim, be, server);
  },
  checkConn,

  assign(sim, stream, req) {
    // mA1: after an NTLM/Negotiate challenge the whole session (every h1 request, every h2
    // stream) prefers the server of its first usable private connection; `option
    // prefer-last-server` does the same with the session's connections (backend.c:653-680@2.6.0).
    req.preferLast = prefersLast(sim, stream.session);
    const be = req.backend!;
    const wants = (req.preferLast || be.preferLastServer) && !isHashBalance(be.balance);
    const last = wants ? preferredConn(sim, stream.session.id, be) : null;
    // A redispatched retry gives its slot back before balancing again (stream_choose_redispatch, stream.h:333-340).
    if (req.redispatched) release(sim, req, false);
    enterBackend(sim, req);
    const s = assignServerOrFull(sim, stream, req, last, 'mA1', balanceHooks(sim, be));
    // Picking the server through the session's connection uncounts that connection (backend.c:668-673);
    // a server fixed before (`to`, use-server, a persistence cookie: SF_DIRECT) was not picked so.
    if (last && !req.direct) clearSessIdle(sim, last);
    // With a maxconn the request may have to wait for a slot (./modern-queue.ts).
    return takeOrQueue(sim, stream, req, s, () => modern.assign(sim, stream, req));
  },

  /** connect_server and conn_backend_get, backend.c:1331-1791@2.6.0 (spec §7.2). */
  connect(sim, stream, req) {
    const S = stream.session.id;
    const target = req.server!;
    const be = req.backend!;
    // h2 client streams are all "not first" (mux_h2.c:1623); h1: the 2nd and later requests.
    const sub = req.notFirst || stream.session.proto === 'h2';
    const h2srv = target.proto === 'h2' && !target.dispatch;
    const capacity = h2srv ? Math.max(1, target.maxStreams) : 1;
    // Every lookup compares the connection hash: its SNI, and with send-proxy or usesrc its client connection.
    const key = hashKey(sim, stream, req, target);
    const sameHash = (c: Conn) => hashOf(sim, c) === key;
    // The server's request rate counts this stream's connection, new or reused (3.4's `balance random`).
    if (!target.dispatch) countConnect(sim, be, target);

    // mR1: a private connection of the session to this target with a free stream (session.h:208-234).
    const own = sessionConns(sim, S, target.name).find((c) => sim.avail(c) > 0 && c.connected && sameHash(c));
    if (own) {
      sim.out.reuse('reuse.own', 'mR1', req, stream, target.name, own, null, undefined, OWN_CONDS);
      killIdleForFds(sim, target, req, own);
      clearSessIdle(sim, own);
      sim.attach(stream, req, own, 'mR1');
      return own;
    }
    const noServer = !!target.dispatch;
    let picked: Conn | null = null;
    let rule: 'mR3' | 'mR4a' | 'mR4b' = 'mR4a';
    let from: ListName = 'idle';
    if (noServer) {
      // mR0/mR5: without a server there is no pool; the connection will be private.
    } else if (be.reuse === 'never') {
      sim.out.reuse('reuse.none', 'mR2', req, stream, target.name, null, null, undefined, NEVER_CONDS);
    } else {
      // The lists as the search finds them (nothing leaves them before the event); built only
      // for a writer that keeps conditions (not the totals-only one).
      const conds = (): { label: string; value: string | number | boolean }[] => {
        const l = sim.world.lists.get(target.name)!;
        const cs: { label: string; value: string | number | boolean }[] = [
          { label: 'request', value: sub ? 'subsequent' : 'first' },
          { label: 'http-reuse', value: be.reuse },
          { label: `${target.name} avail`, value: l.avail.length },
          { label: `${target.name} idle`, value: l.idle.length },
          { label: `${target.name} safe`, value: l.safe.length },
        ];
        if (key) cs.push(...hashConds(sim, target, req));
        return cs;
      };
      // mR3: a multiplexed connection with free streams, for any request (backend.c:1446-1452).
      picked = oldest(sim, target.name, 'avail', (c) => sim.avail(c) > 0 && sameHash(c));
      if (picked) {
        rule = 'mR3';
        from = 'avail';
      } else if (sub) {
        // mR4a: subsequent request: idle tree, then safe tree (backend.c:1462-1465).
        picked = oldest(sim, target.name, 'idle', sameHash) ?? oldest(sim, target.name, 'safe', sameHash);
        from = picked?.view.list ?? 'idle';
      } else if (be.reuse === 'aggressive' || be.reuse === 'always') {
        // mR4b: first request: safe tree; with always, then idle (backend.c:1467-1480).
        rule = 'mR4b';
        picked = oldest(sim, target.name, 'safe', sameHash) ?? (be.reuse === 'always' ? oldest(sim, target.name, 'idle', sameHash) : null);
        from = picked?.view.list ?? 'safe';
      }
      const explain = sim.out.explains;
      if (picked) sim.out.reuse('reuse.pick', rule, req, stream, target.name, picked, from, undefined, explain ? conds() : NO_CONDS);
      else sim.out.reuse('reuse.none', 'mR4a', req, stream, target.name, null, null, undefined, explain ? [...conds(), { label: 'nothing to take', value: true }] : NO_CONDS);
    }

    killIdleForFds(sim, target, req, picked);
    if (picked) {
      const c = picked;
      if (from !== 'avail') {
        // Leaving an idle/safe tree: it is used again (backend.c:1249-1262).
        leavePool(sim, target);
        sim.out.listRemove(rule, c, req, stream);
      }
      sim.attach(stream, req, c, rule);
      if (isH2(c)) {
        if (be.reuse === 'safe') {
          // mR7: under safe an h2 connection taken from the pool serves this session only (head-of-line protection).
          if (c.view.list) sim.emit({ request: req.id, stream: stream.id, session: S, server: target.name, kind: 'list.remove', decision: 'mR7', conn: c.id, list: c.view.list });
          if (!c.view.holders.includes(S)) sim.emit({ request: req.id, stream: stream.id, session: S, server: target.name, kind: 'adopt', decision: 'mR7', conn: c.id, holder: S });
        } else if (!c.view.list && sim.avail(c) > 0) {
          sim.emit({ request: req.id, stream: stream.id, session: S, server: target.name, kind: 'list.add', decision: 'mR7', conn: c.id, list: 'avail' });
        } else if (c.view.list === 'avail' && sim.avail(c) === 0) {
          sim.emit({ request: req.id, stream: stream.id, session: S, server: target.name, kind: 'list.remove', decision: 'mR7', conn: c.id, list: 'avail' });
        }
      }
      return c;
    }

    // strict-maxconn (3.2+): room for one more connection to the server, an idle one closed if need be.
    const strict = !noServer && strictCounts(sim, target);
    if (strict) {
      const slot = strictSlot(sim, target, req, be.retries ?? DEFAULT_RETRIES);
      if (!slot.ok) {
        noConnectionSlot(sim, stream, req, slot.closed);
        return null;
      }
    }
    // mR5: a new connection, owned by the session; private with `never` or without a server target.
    const priv = be.reuse === 'never' || noServer;
    const c = sim.newConn(stream, req, target, be, 'mR5', {
      conds: [
        { label: 'http-reuse never', value: be.reuse === 'never' },
        { label: 'target is a server', value: !noServer },
      ],
      capacity,
      pool: !priv,
    });
    useConn(sim, target);
    if (strict) countInTotal(sim, c);
    sim.local(RUN).openedFor.set(c, req);
    setHash(sim, c, key);
    if (key) hashNotes(sim, c, req, S);
    if (priv) {
      sim.emit({ request: req.id, stream: stream.id, session: S, server: target.name, kind: 'conn.private', decision: 'mR5', conn: c.id, conds: [{ label: noServer ? 'no server target' : 'http-reuse never', value: true }] });
      sim.emit({ request: req.id, stream: stream.id, session: S, server: target.name, kind: 'adopt', decision: 'mR5', conn: c.id, holder: S });
    } else if (h2srv) {
      // mR6: a new multiplexed connection (backend.c:1771-1791).
      if (be.reuse === 'always') sim.emit({ request: req.id, stream: stream.id, session: S, server: target.name, kind: 'list.add', decision: 'mR6', conn: c.id, list: 'avail' });
      else if (be.reuse === 'safe') sim.emit({ request: req.id, stream: stream.id, session: S, server: target.name, kind: 'adopt', decision: 'mR6', conn: c.id, holder: S });
    }
    return c;
  },

  /** End of a transaction: h1_detach (mux_h1.c:3405-3440) / h2_detach (mux_h2.c:4434-4491). */
  endTxn(sim, stream, req, serverCloses) {
    release(sim, req);
    const c = stream.si1;
    stream.si1 = null;
    if (c) sim.release(c, stream);
    // (2.6 has no per-transaction prefer-last: the NTLM flag is the session's, see mA1.)
    if (stream.session.proto === 'h1') stream.notFirst = true;
    if (!c || c.view.phase === 'closed') return;
    const S = stream.session.id;
    if (req.mode !== 'keep-alive' || serverCloses || c.shut) {
      // The h1 mux will not keep a connection whose transaction closes.
      sim.out.txnEnd('mD2', c, req, stream, undefined, KEEP_ALIVE_CONDS(false));
      sim.destroy(c, 'mD2', serverCloses || c.shut ? 'server' : 'proxy');
      return;
    }
    sim.out.txnEnd(isH2(c) ? 'mD3' : c.view.private ? 'mD1' : 'mD2', c, req, stream, undefined, TXN_END_CONDS(true, c.view.private));
    if (c.view.private) {
      // mD1: stays in the session, unless the session already keeps max-session-srv-conns idle ones.
      if (!c.view.holders.includes(S)) sim.emit({ conn: c.id, server: c.server.name, request: req.id, stream: stream.id, kind: 'adopt', decision: 'mD1', holder: S });
      if (c.active.length > 0) return;
      const idle = sessionConns(sim, S).filter((x) => x !== c && isSessIdle(sim, x)).length;
      // The session's frontend's limit (sess->fe->max_out_conns, session.h:191).
      const max = stream.session.fe.maxSessionSrvConns;
      if (idle >= max) {
        sim.destroy(c, 'mD1', 'proxy', { conds: [{ label: 'idle connections the session counts', value: idle }, { label: 'max-session-srv-conns', value: max }] });
      } else {
        markSessIdle(sim, c);
        sim.armServerIdle(c);
      }
      return;
    }
    if (isH2(c) && c.active.length > 0) {
      // mD3: streams left: stays usable through the avail list when it has room.
      if (!c.view.list && !c.view.holders.length && sim.avail(c) > 0) sim.emit({ conn: c.id, server: c.server.name, request: req.id, stream: stream.id, kind: 'list.add', decision: 'mD3', list: 'avail' });
      return;
    }
    // No stream left: the session lets go of it (owner cleared) and offers it to the server's pool.
    if (c.view.holders.includes(S)) sim.emit({ conn: c.id, server: c.server.name, request: req.id, stream: stream.id, kind: 'detach', decision: isH2(c) ? 'mD3' : 'mD2', holder: S });
    if (c.view.list === 'avail') sim.emit({ conn: c.id, server: c.server.name, request: req.id, stream: stream.id, kind: 'list.remove', decision: 'mD3', list: 'avail' });
    // h1: safe when this connection had already carried a request (H1S_F_NOT_FIRST); h2: always safe.
    const safe = isH2(c) || c.uses > 1;
    offerToPool(sim, c, safe, isH2(c) ? 'mD3' : 'mD2', req);
  },

  streamEnd(sim, stream) {
    const c = stream.si1;
    if (c && c.view.phase !== 'closed') {
      sim.destroy(c, 'mD4', 'proxy');
    }
  },

  /** mD4 (session.c:65-99@2.6.0): the session's private connections die with it. */
  sessionEnd(sim, session: Session) {
    // The session is freed with its last stream: one still waiting for its server (mD6) keeps it.
    const run = sim.local(RUN);
    if ((run.drainingIn.get(session) ?? 0) > 0) {
      run.endDeferred.add(session);
      return;
    }
    endSession(sim, session);
  },

  /** A session whose end waits for a stream's server (mD6) keeps its client connection until then. */
  sessionLingers(sim, session: Session) {
    return sim.local(RUN).endDeferred.has(session);
  },

  /**
   * An NTLM/Negotiate challenge (http_ana.c:1670-1695@2.6.0): the connection becomes
   * private, leaves the server's accounting and trees, and joins the session.
   */
  makingPrivate(sim, stream, c) {
    if (c.view.list) sim.emit({ kind: 'list.remove', decision: 'P3', conn: c.id, server: c.server.name, list: c.view.list });
    uncount(sim, c);
    if (!c.view.holders.includes(stream.session.id)) sim.emit({ kind: 'adopt', decision: 'P3', conn: c.id, holder: stream.session.id, session: stream.session.id });
  },

  /**
   * mD6 for a request still in a queue: without abortonclose its stream stays there when the
   * client leaves, takes its slot in turn, goes to the server, and the response is dropped
   * (checked against 2.6.12 and 2.8.0: gen-800034). Its session waits for it.
   */
  clientLeftWaiting(sim, stream, req) {
    // mD8: with option abortonclose (a close HAProxy sees) the request leaves the queue instead.
    if (isWaiting(sim, req) && abortsOnClose(sim, stream, req)) {
      abortQueued(sim, stream, req);
      release(sim, req);
      return;
    }
    const run = sim.local(RUN);
    const kept = orphan(sim, req, {
      granted: () => drainQueued(sim, stream, req),
      expired: () => finishOrphan(sim, stream, req),
    });
    if (!kept) return;
    run.draining.add(req);
    run.drainingIn.set(stream.session, (run.drainingIn.get(stream.session) ?? 0) + 1);
  },

  /** The stream ends with its request (2.6: a stream per request), unless it still waits for the server (mD6). */
  requestFinished(sim, req) {
    if (!sim.local(RUN).draining.has(req)) release(sim, req);
    // An answer HAProxy gave itself (a 503 after the retries, a 502, a 504) ends the transaction as a
    // server's does: the h1 client connection kept alive waits for its next request, which is not
    // the first (h1s_destroy sets H1C_F_WAIT_NEXT_REQ, h1s_new then H1S_F_NOT_FIRST: mux_h1.c:799-800,
    // 907-911 of v2.6.0), so it may take an idle connection (2.6.12: the after-503 verify scenario).
    const st = req.stream;
    if (st && req.status > 0 && st.session.proto === 'h1') st.notFirst = true;
  },

  /** SESS_FL_PREFER_LAST is set on every such challenge, even on a connection already private (http_ana.c:1688-1695@2.6.0). */
  challenged(sim, stream) {
    markPreferLast(sim, stream.session);
  },

  /** mD5 (server.c:5752-5776): an idle connection closed by the server is removed and freed. */
  idleClosed(sim, c) {
    sim.destroy(c, 'mD5', 'server');
  },

  /** conn_free releases the connection from its server's accounting (connection.c:479-482@2.6.0). */
  connFreed(sim, c) {
    retire(sim, c);
    leaveTotal(sim, c);
  },

  /** At 2.6 an h2 connection stays h2 with max-streams 1. */
  h2Mux: (c) => c.server.proto === 'h2',
  /**
   * mD7: the server connection died before any response. TX_NOT_FIRST (http_ana.c:5174@2.6.0;
   * h1: mux_h1.c:730-731, every h2 stream: mux_h2.c:1623) sends a later request to
   * abort_keep_alive (http_ana.c:1442-1443, 1753-1765): no 502, the client retries — the h1
   * client connection is closed, the h2 stream reset with REFUSED_STREAM (mux_h2.c:4612-4619).
   */
  // 3.1-dev9 (b8e3b0a18, "make stream_shutdown() async-safe"): 3.2 and 3.4 close the client without a 502 (3.4.0 checked).
  shutSilently: (sim) => since(sim.config.modernVersion, '3.2'),

  keepAliveAbort(sim, stream, req) {
    const h2 = stream.session.proto === 'h2';
    if (!h2 && !req.notFirst) return false;
    sim.emit({
      kind: 'note', decision: 'mD7', request: req.id, stream: stream.id, session: stream.session.id, conn: req.conn?.id, server: req.server?.name,
      message: h2
        ? `The server connection of ${req.id} is gone before any response: HAProxy resets stream ${stream.id} (REFUSED_STREAM) instead of a 502, so that the client retries`
        : `Request ${req.id} is not the first request of client connection ${stream.session.id} and its server connection is gone before any response: HAProxy closes the client connection instead of a 502, so that the client retries`,
      conds: [{ label: h2 ? 'HTTP/2 stream (always "not first")' : 'not the first request of the client connection', value: true }],
    });
    return true;
  },

  abortTxn(sim, stream: Stream, req: Request, closer) {
    const c = req.conn!;
    // mD8: with option abortonclose a client's close that HAProxy sees aborts the request.
    if (closer === 'client' && abortsOnClose(sim, stream, req)) {
      if (abortAtServer(sim, stream, req, c, isH2(c))) return { decision: 'mD8', extra: { request: req.id } };
      resetStream(sim, c, stream, req);
      return null;
    }
    // mD6: a client that leaves does not abort a request already sent to the server.
    if (closer === 'client' && drainAfterClientLeft(sim, stream, req, c, finishDrain)) {
      const run = sim.local(RUN);
      run.draining.add(req);
      run.drainingIn.set(stream.session, (run.drainingIn.get(stream.session) ?? 0) + 1);
      return null;
    }
    return { decision: closer === 'server' ? 'mD5' : 'mD4', extra: { request: req.id } };
  },
};

/**
 * mD8 on an HTTP/2 server connection: the request's stream is reset and the connection detaches
 * as after a transaction (h2_detach): still busy, it stays available; idle, it goes to a pool.
 */
function resetStream(sim: Sim, c: Conn, stream: Stream, req: Request): void {
  sim.release(c, stream);
  if (c.view.phase === 'closed') return;
  if (c.active.length > 0) {
    if (!c.view.list && !c.view.holders.length && sim.avail(c) > 0) sim.emit({ conn: c.id, server: c.server.name, request: req.id, kind: 'list.add', decision: 'mD8', list: 'avail' });
    return;
  }
  for (const h of c.view.holders.slice()) sim.emit({ conn: c.id, server: c.server.name, request: req.id, kind: 'detach', decision: 'mD8', holder: h });
  if (c.view.list === 'avail') sim.emit({ conn: c.id, server: c.server.name, request: req.id, kind: 'list.remove', decision: 'mD8', list: 'avail' });
  offerToPool(sim, c, true, 'mD8', req);
}

/** mD6, after the drop of a response whose client left: the connection detaches as usual (h1_detach / h2_detach). */
const finishDrain: FinishDrain = (sim, c, stream, req, how) => {
  release(sim, req);
  sim.release(c, stream);
  const sess = stream.session;
  const run = sim.local(RUN);
  const left = (run.drainingIn.get(sess) ?? 1) - 1;
  run.drainingIn.set(sess, left);
  // The session's last stream is gone: the session is freed now, with its private connections.
  const endNow = left === 0 && run.endDeferred.delete(sess);
  if (how.lost) {
    if (endNow) {
      endSession(sim, sess);
      sim.sessionGone(sess);
    }
    return;
  }
  const keep = !how.serverCloses && !how.challenge && !c.shut && !c.view.private && req.mode === 'keep-alive';
  sim.emit({
    kind: 'txn.end', decision: 'mD6', conn: c.id, server: c.server.name, request: req.id, stream: stream.id,
    message: `${c.server.name}'s response to ${req.id} arrives and is dropped: its client has left`,
    conds: [
      { label: 'keep-alive', value: req.mode === 'keep-alive' && !how.serverCloses && !c.shut },
      // A private connection (or one an NTLM challenge makes private) belongs to the session that left.
      { label: 'private', value: c.view.private || how.challenge },
    ],
  });
  if (!keep) {
    sim.destroy(c, 'mD6', how.serverCloses || c.shut ? 'server' : 'proxy', { request: req.id });
  } else if (isH2(c) && c.active.length > 0) {
    if (!c.view.list && !c.view.holders.length && sim.avail(c) > 0) sim.emit({ conn: c.id, server: c.server.name, request: req.id, kind: 'list.add', decision: 'mD6', list: 'avail' });
  } else {
    for (const h of c.view.holders.slice()) sim.emit({ conn: c.id, server: c.server.name, request: req.id, kind: 'detach', decision: 'mD6', holder: h });
    if (c.view.list === 'avail') sim.emit({ conn: c.id, server: c.server.name, request: req.id, kind: 'list.remove', decision: 'mD6', list: 'avail' });
    offerToPool(sim, c, isH2(c) || c.uses > 1, 'mD6', req);
  }
  if (endNow) {
    endSession(sim, sess);
    sim.sessionGone(sess);
  }
};

/** A queued request whose client left has its slot: its connection is found or made as for any, the request sent, the response dropped. */
function drainQueued(sim: Sim, stream: Stream, req: Request): void {
  const c = modern.connect(sim, stream, req);
  // (strict-maxconn found no connection slot: the request is answered already.)
  if (!c) return;
  req.conn = c;
  // (A server that refuses connections is not modelled here: the connect succeeds.)
  if (!c.connected) req.connectsAt = sim.now + c.server.connectUs;
  else {
    sim.emit({ kind: 'request.forward', decision: 'W', conn: c.id, server: c.server.name, request: req.id, stream: stream.id, method: req.spec.method, path: req.spec.path });
    req.respondsAt = sim.now + (req.spec.takesUs ?? c.server.responseUs);
  }
  if (!drainAfterClientLeft(sim, stream, req, c, finishDrain)) finishDrain(sim, c, stream, req, LOST);
}

/**
 * strict-maxconn found no connection to close (SF_ERR_RESOURCE, backend.c:1967-1980@v3.4.0): the
 * request gets 503 at once, or, its client gone (mD6), its stream ends.
 */
function noConnectionSlot(sim: Sim, stream: Stream, req: Request, closed: number): void {
  const s = req.server!;
  sim.emit({ kind: 'note', decision: 'mI4', request: req.id, stream: stream.id, session: stream.session.id, server: s.name, ...strictRefusal(sim, s, req, closed) });
  if (sim.local(RUN).draining.has(req)) {
    release(sim, req);
    finishOrphan(sim, stream, req);
  } else sim.giveUp(req, 503, 'strict-maxconn: no connection slot');
}

/** A queued request whose client left timed out in the queue: its stream is gone, and its session may end now. */
function finishOrphan(sim: Sim, stream: Stream, req: Request): void {
  const run = sim.local(RUN);
  run.draining.delete(req);
  const sess = stream.session;
  const left = (run.drainingIn.get(sess) ?? 1) - 1;
  run.drainingIn.set(sess, left);
  if (left === 0 && run.endDeferred.delete(sess)) {
    endSession(sim, sess);
    sim.sessionGone(sess);
  }
}

/** mD4 (session.c:65-99@2.6.0): the session's private connections die with it. */
function endSession(sim: Sim, session: Session): void {
  for (const c of sessionConns(sim, session.id)) {
    if (c.active.length > 0) {
      // A multiplexed connection still serving others loses this owner only.
      sim.emit({ kind: 'detach', decision: 'mD4', conn: c.id, holder: session.id, session: session.id });
      continue;
    }
    sim.destroy(c, 'mD4', 'proxy', { session: session.id });
  }
}

/** The request's server connection was an existing one (SF_SRV_REUSED, backend.c:1707-1708@2.6.0), not opened for it. */
export function reusedConn(sim: Sim, req: Request): boolean {
  return req.conn !== null && sim.local(RUN).openedFor.get(req.conn) !== req;
}
