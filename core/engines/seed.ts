import type { Algorithm, EngineSim } from './runtime';
import { balanceConnection } from './tcp-balance';
import type { Conn, Session } from './types';
import { boolConds } from './conds';
import { assignServer, dynamicSource, lbServerState, h2NeverShares, keepAfterTxn, multiplexed, PICK_RULES, pickFromLists, privacyAtConnect } from './common';

const OWN_CONDS = boolConds('session has a connection (srv_conn)', 'same target', 'avail_streams > 0', 'transport ready');
const TXN_END_CONDS = boolConds('keep-alive', 'transport ready', 'owner set');
// Made once: a load scenario opens and adopts a connection per client.
const NEW_CONN = { conds: boolConds('reuse')(false) };
const ADOPT_CONDS = boolConds('connection used ≠ old')(true);

/** The session's `sess->srv_conn`, as a connection (remembered from the last lookup). */
function srvConn(sim: EngineSim, sess: Session): Conn | null {
  const id = sess.view.srvConn;
  if (id === null) return null;
  const r = sess.srvRef;
  if (r !== null && r.id === id && r.view.phase !== 'closed') return r;
  return (sess.srvRef = sim.conn(id));
}

/**
 * HAProxy at 7c6f8b146 ("MAJOR: connections: Detach connections from streams"):
 * the session owns its server connection (`sess->srv_conn`). Line numbers are
 * at that commit (spec §3.4, §3.7-§3.10, §4.1).
 */
export const seed: Algorithm = {
  balanceConnection,
  serverState: lbServerState,
  name: 'seed',
  commit: '7c6f8b146',

  assign(sim, stream, req) {
    // A1 looks at the session's connection at the seed (backend.c:586).
    const own = srvConn(sim, stream.session);
    return assignServer(sim, stream, req, own, 'A1');
  },

  /** connect_server, backend.c:1055-1310, steps 1-8 of spec §3.4. */
  connect(sim, stream, req) {
    const S = stream.session.id;
    const target = req.server!;
    const be = req.backend!;
    const old = srvConn(sim, stream.session);

    // 1. Own connection (backend.c:1067-1071): same target, a free stream, transport ready.
    const same = !!old && old.server === target;
    const availOld = old ? sim.avail(old) : 0;
    let reuse = !!old && same && availOld > 0 && old.ready;
    const ownConds = OWN_CONDS(!!old, same, availOld > 0, old?.ready ?? false);
    let chosen: Conn | null = old;
    if (reuse) {
      sim.out.reuse('reuse.own', 'R1', req, stream, target.name, old, null, undefined, ownConds);
    } else if (target.dispatch) {
      // R6 (backend.c:1073): not a server, no lists to search; `chosen` stays the old connection.
      sim.out.reuse('reuse.none', 'R6', req, stream, target.name, old, null, undefined, [...ownConds, { label: 'target is a server', value: false }]);
    } else {
      // 2. Pool search (backend.c:1073-1113).
      chosen = null;
      sim.out.reuse('reuse.search', 'R2', req, stream, target.name, old, null, undefined, ownConds);
      const pick = pickFromLists(sim, target, be, req);
      if (pick.conn) {
        const picked = pick.conn;
        chosen = picked;
        reuse = true;
        const decision = PICK_RULES.seed[pick.rule];
        sim.out.reuse('reuse.pick', decision, req, stream, target.name, picked, pick.list, undefined, pick.conds);
      } else {
        const g4 = h2NeverShares(stream, be);
        sim.out.reuse('reuse.none', 'R3n', req, stream, target.name, null, null, g4, pick.conds);
      }
    }

    // 3. Dynamic source (backend.c:1115-1129): cancels any reuse, own included; `chosen` stays.
    if (reuse && dynamicSource(target, be)) {
      reuse = false;
      sim.emit({ request: req.id, stream: stream.id, session: S, server: target.name,
        kind: 'reuse.cancel', decision: 'R5', conn: chosen!.id,
        conds: [{ label: 'usesrc hdr_ip (dynamic source)', value: true }],
      });
    }

    // 5. Old connection disposal (backend.c:1134-1179).
    let orphanGap: 'G1' | 'G2' | undefined;
    if (chosen !== old) {
      let switched = false;
      if (chosen && reuse) {
        const holders = chosen.view.holders;
        if (holders.length === 1) {
          const victim = holders[0]!;
          const swapOk = !!old && !old.view.private && sim.avail(old) > 0 && sim.avail(chosen) === 1;
          const conds = [
            { label: 'picked connection has exactly one session', value: true },
            { label: 'we have an old connection', value: !!old },
            { label: 'old connection not private', value: old ? !old.view.private : false },
            { label: 'avail_streams(old) > 0', value: old ? sim.avail(old) > 0 : false },
            { label: 'avail_streams(picked) = 1', value: sim.avail(chosen) === 1 },
          ];
          if (swapOk) {
            sim.emit({ request: req.id, stream: stream.id, session: S, server: target.name, kind: 'swap', decision: 'S1', conn: chosen.id, holder: victim, otherConn: old!.id, conds });
          } else {
            // G1: `switched` is set here too, so our old connection is neither given nor destroyed.
            if (old) orphanGap = 'G1';
            sim.emit({ request: req.id, stream: stream.id, session: S, server: target.name,
              kind: 'dispossess', decision: 'S2', conn: chosen.id, holder: victim, otherConn: old?.id,
              flag: 'dispossessed', gap: old ? 'G1' : undefined, conds,
            });
          }
          switched = true;
        }
      }
      if (old && !switched) {
        // S3 (backend.c:1174-1178): un-own and destroy; a busy one survives until its detach (D4 → K3).
        sim.emit({ request: req.id, stream: stream.id, session: S,
          kind: 'give-up', decision: 'S3', conn: old.id, server: old.server.name,
          conds: [{ label: 'old connection handed to another session', value: false }, { label: 'old connection idle', value: sim.avail(old) > 0 }],
        });
        if (sim.avail(old) > 0) sim.destroy(old, 'S3', 'proxy');
        else
          sim.emit({
            kind: 'conn.doomed', decision: 'D4', conn: old.id, server: old.server.name, flag: 'doomed', gap: 'G3',
            conds: [{ label: 'a stream is attached', value: true }],
          });
      }
    } else if (old && !reuse) {
      // S0 with reuse cancelled (R5): the old connection is kept out of disposal and orphaned by S4 (G2).
      orphanGap = 'G2';
      sim.emit({ request: req.id, stream: stream.id, session: S, server: target.name, kind: 'keep-old', decision: 'S0', conn: old.id, gap: 'G2', conds: [{ label: 'chosen = old', value: true }] });
    }

    // 6. Attach (backend.c:1181-1193).
    let used: Conn;
    if (!reuse) {
      used = sim.newConn(stream, req, target, be, 'R4', NEW_CONN);
      privacyAtConnect(sim, used, req);
    } else {
      used = chosen!;
      if (sim.avail(used) === 1 && used.view.list) {
        sim.out.listRemove('L1', used, req, stream);
      }
      sim.attach(stream, req, used, 'F1');
    }

    // 7. Adopt (backend.c:1194-1199): the session now answers for the connection it uses.
    if (used !== old) {
      const orphan = !!old && old.view.phase !== 'closed' && old.view.owner !== null && old.view.holders.length === 1 && old.view.holders[0] === S && orphanGap !== undefined;
      sim.out.adopt('S4', used, req, stream, S, old, orphan ? 'orphaned' : undefined, orphan ? orphanGap : undefined, ADOPT_CONDS);
      // The session's srv_conn is now this one: remembered, so that srvConn needs no lookup by id.
      stream.session.srvRef = used;
    }
    return used;
  },

  /** http_end_txn_clean_session, proto_http.c:3704-3884 (spec §3.7). */
  endTxn(sim, stream, req, serverCloses) {
    const c = stream.si1;
    const ka = req.mode === 'keep-alive';
    if (!c || c.view.phase === 'closed') {
      keepAfterTxn(sim, stream, req, null);
      return;
    }
    const ownerSet = c.view.owner !== null;
    const close = !ka || !c.ready || !ownerSet;
    const conds = TXN_END_CONDS(ka, c.ready, ownerSet);
    const decision = close ? (!ka || !c.ready ? 'K2' : 'K3') : 'K1';
    sim.out.txnEnd(decision, c, req, stream, decision === 'K3' ? 'doomed' : undefined, conds);
    sim.release(c, stream);
    stream.si1 = null;
    if (close) {
      // The shut unlists it (D6), then the detach destroys it (D1).
      if (c.view.list) sim.emit({ kind: 'list.remove', decision: 'D6', conn: c.id, server: c.server.name, list: c.view.list });
      sim.destroy(c, 'D1', serverCloses ? 'server' : 'proxy', { conds: [{ label: 'owner', value: ownerSet ? c.view.owner! : 'none' }, { label: 'shut', value: true }] });
      keepAfterTxn(sim, stream, req, null);
      return;
    }
    if (c.shut) {
      // G9: the detach sees the shutdown and frees the connection; the real code then goes on
      // to list it (use after free). Simulated as destroyed and not listed.
      sim.destroy(c, 'D1', 'server', {
        gap: 'G9', conds: [{ label: 'read0 from the server', value: true }],
        message: 'the real seed code lists this freed connection (use after free, fixed by a70e17684); simulated as destroyed, not listed',
      });
      keepAfterTxn(sim, stream, req, null);
      return;
    }
    keepAfterTxn(sim, stream, req, c);
    sim.armServerIdle(c);
  },

  streamEnd(sim, stream) {
    // A connection still attached here belongs to an aborted transaction: the detach destroys it (D1).
    const c = stream.si1;
    if (c && c.view.phase !== 'closed') sim.destroy(c, 'D1', 'proxy');
  },

  /** session_free, session.c:68-85: destroy the session's connection (D3), a no-op while busy (D4). */
  sessionEnd(sim, session: Session) {
    const c = srvConn(sim, session);
    if (!c) return;
    if (sim.avail(c) > 0) sim.destroy(c, 'D3', 'proxy', { session: session.id });
    else sim.emit({ kind: 'conn.doomed', decision: 'D4', conn: c.id, server: c.server.name, session: session.id, flag: 'doomed' });
  },

  /** The idle watcher of mux_pt sees the server's close (mux_pt.c:46-58). */
  idleClosed(sim, c) {
    sim.destroy(c, 'D2', 'server');
  },

  h2Mux: multiplexed,

  connFreed(sim, c) {
    // D5 (connection.h:666-679): conn_free unlinks every session from the connection.
    // A copy: each unlink removes its holder from the list. (One holder, the usual case, is read
    // before it leaves, and the loop ends: no copy per destroyed connection.)
    const holders = c.view.holders;
    for (const h of holders.length > 1 ? holders.slice() : holders)
      sim.out.unlink('D5', c, h);
  },

  abortTxn(_sim, _stream, req) {
    // The connection is shut: its detach destroys it (D1, mux_pt.c:177-190).
    return { decision: 'D1', extra: { request: req.id, conds: [{ label: 'shut/error flag', value: true }] } };
  },
};

