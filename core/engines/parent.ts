import type { Algorithm, EngineSim as Sim } from './runtime';
import { balanceConnection } from './tcp-balance';
import { boolConds } from './conds';
import type { BackendConfig, ServerConfig } from '../model/config';
import type { Conn, Request, Stream } from './types';
import { assignServer, dynamicSource, lbServerState, h2NeverShares, keepAfterTxn, multiplexed, PICK_RULES, pickFromLists, privacyAtConnect } from './common';

const OWN_CONDS = boolConds('si[1] has a connection', 'same target');
const TXN_END_CONDS = boolConds('keep-alive', 'transport ready');

/**
 * HAProxy at 131fd89d5, the parent of the seed: the *stream* holds its server
 * connection on si[1], also between transactions (spec §1.4, §3.5, §4.2). Line
 * numbers are at that commit. Where the real binary crashes (pX) or hangs, the
 * engine follows the intended semantics and says so in the trace.
 */
export const parent: Algorithm = {
  balanceConnection,
  serverState: lbServerState,
  holdsBy: 'stream',
  name: 'parent',
  commit: '131fd89d5',

  assign(sim, stream, req) {
    // pA1 looks at the stream's si[1] connection (backend.c:586@parent): never set for a new h2 stream.
    return assignServer(sim, stream, req, stream.si1, 'pA1');
  },

  /** connect_server, backend.c:1055-1214@parent (spec §3.5). */
  connect(sim, stream, req) {
    const target = req.server!;
    const be = req.backend!;
    const old = stream.si1;

    // 1. pR1 (backend.c:1065-1069): same target is enough — no avail/ready test.
    const same = !!old && old.server === target;
    let reuse = same;
    const ownConds = OWN_CONDS(!!old, same);
    let chosen: Conn | null = old;
    let handedOver = false;
    if (reuse) {
      sim.out.reuse('reuse.own', 'pR1', req, stream, target.name, old, null, undefined, ownConds);
    } else if (target.dispatch) {
      // Not a server: no pool search and no swap (backend.c:1071@parent needs a server);
      // pR4 below replaces whatever is on si[1].
    } else {
      // 2. pR2 (backend.c:1071-1080): detach the old conn_stream; it stays in its list.
      sim.out.reuse('reuse.search', 'pR2', req, stream, target.name, old, null, undefined, ownConds);
      if (old) {
        sim.emit({ request: req.id, stream: stream.id, session: stream.session.id, server: target.name, kind: 'detach', decision: 'pR2', conn: old.id, holder: stream.id });
        stream.si1 = null;
        if (stream.session.proto === 'h1') {
          sim.emit({ request: req.id, stream: stream.id, session: stream.session.id, server: target.name,
            kind: 'note', decision: 'pR2', conn: old.id, flag: 'hang',
            message: `the real parent binary hangs here over HTTP/1: the request goes to ${target.name} after ${old.server.name}; the server answers but the response never reaches the client`,
          });
        }
      }
      chosen = null;
      const pick = pickFromLists(sim, target, be, req);
      if (pick.conn) {
        const picked = pick.conn;
        const decision = PICK_RULES.parent[pick.rule];
        sim.out.reuse('reuse.pick', decision, req, stream, target.name, picked, pick.list, undefined, pick.conds);
        sim.out.listRemove('pL1', picked, req, stream);
        const victim = picked.view.holders[0];
        if (victim) {
          // pX: at this commit the victim lookup misreads mux_pt's context (backend.c:1121-1124).
          sim.emit({ request: req.id, stream: stream.id, session: stream.session.id, server: target.name,
            kind: 'note', decision: 'pX', conn: picked.id, holder: victim, flag: 'crash',
            message: 'the real parent binary crashes here (SIGSEGV in assign_server_address): it reads the picked connection\'s mux context as a conn_stream; the simulation follows the intended semantics',
          });
          for (const st of streamsOf(sim, victim)) if (st.si1 === picked) st.si1 = null;
          const conds = [{ label: 'old connection', value: !!old }, { label: 'old not private', value: old ? !old.view.private : false }];
          if (old && !old.view.private) {
            // pS1 (backend.c:1117-1135): the victim stream gets our old connection in idle mode.
            sim.emit({ request: req.id, stream: stream.id, session: stream.session.id, server: target.name, kind: 'swap', decision: 'pS1', conn: picked.id, holder: victim, otherConn: old.id, conds });
            for (const st of streamsOf(sim, victim)) st.si1 = old;
            handedOver = true;
          } else {
            sim.emit({ request: req.id, stream: stream.id, session: stream.session.id, server: target.name, kind: 'dispossess', decision: 'pS1', conn: picked.id, holder: victim, flag: 'dispossessed', conds });
          }
        }
        chosen = picked;
        reuse = true;
      } else {
        const g4 = h2NeverShares(stream, be);
        sim.out.reuse('reuse.none', 'pR3n', req, stream, target.name, null, null, g4, pick.conds);
      }
      // 3. pS2 (backend.c:1137-1139): an old connection not handed over is destroyed.
      if (old && !handedOver) {
        sim.emit({ request: req.id, stream: stream.id, session: stream.session.id, server: target.name, kind: 'give-up', decision: 'pS2', conn: old.id, conds: [{ label: 'handed to another stream', value: false }] });
        sim.destroy(old, 'pS2', 'proxy');
      }
    }

    // 4. pR5 (backend.c:1142-1156).
    if (reuse && dynamicSource(target, be)) {
      reuse = false;
      sim.emit({ request: req.id, stream: stream.id, session: stream.session.id, server: target.name, kind: 'reuse.cancel', decision: 'pR5', conn: chosen!.id, conds: [{ label: 'usesrc hdr_ip', value: true }] });
    }
    if (!reuse) {
      // pR4: si_alloc_cs releases (destroys) whatever is still on si[1] first (backend.c:1158-1160).
      const left = stream.si1;
      if (left && left.view.phase !== 'closed') sim.destroy(left, 'pR4', 'proxy');
      if (chosen && chosen !== left && chosen.view.phase !== 'closed' && chosen.view.holders.length === 0) {
        // A picked connection dropped by pR5 is held by nobody any more: it goes with it.
        sim.destroy(chosen, 'pR4', 'proxy');
      }
      const c = newConnHeld(sim, stream, req, target, be);
      privacyAtConnect(sim, c, req);
      return c;
    }
    const c = chosen!;
    if (c === old && c.view.list) {
      sim.out.listRemove('pL1', c, req, stream);
    }
    sim.attach(stream, req, c, 'F1', stream.id);
    return c;
  },

  /** http_end_txn_clean_session, proto_http.c:3704-3885@parent. */
  endTxn(sim, stream, req, serverCloses) {
    const c = stream.si1;
    const ka = req.mode === 'keep-alive';
    if (!c || c.view.phase === 'closed') {
      keepAfterTxn(sim, stream, req, null);
      return;
    }
    const close = !ka || !c.ready;
    const conds = TXN_END_CONDS(ka, c.ready);
    sim.release(c, stream);
    if (close) {
      sim.out.txnEnd('pK2', c, req, stream, undefined, conds);
      stream.si1 = null;
      sim.destroy(c, 'pD1', serverCloses ? 'server' : 'proxy');
      keepAfterTxn(sim, stream, req, null);
      return;
    }
    // pK1: the conn_stream stays on si[1] in idle mode.
    sim.out.txnEnd('pK1', c, req, stream, undefined, conds);
    keepAfterTxn(sim, stream, req, c);
    // A close that came with the response is seen by the stream interface's idle callback.
    if (c.shut) sim.destroy(c, 'pD2', 'server');
    else sim.armServerIdle(c);
  },

  streamEnd(sim, stream) {
    // pD5 (stream.c:430): freeing the stream releases si[1], destroying its connection.
    const c = stream.si1;
    if (c && c.view.phase !== 'closed') sim.destroy(c, 'pD5', 'proxy', { stream: stream.id });
    stream.si1 = null;
  },

  sessionEnd() {
    // Nothing at the parent: the connections went with the streams (session.c:68-77@parent).
  },

  idleClosed(sim, c) {
    // pD2 (stream_interface.c:419-435@parent): the idle callback releases the endpoint.
    sim.destroy(c, 'pD2', 'server');
  },

  h2Mux: multiplexed,

  abortTxn(_sim, _stream, req) {
    return { decision: 'pD1', extra: { request: req.id } };
  },
};

/** A new connection created on si[1] is held by the stream itself (pR4). */
function newConnHeld(sim: Sim, stream: Stream, req: Request, server: ServerConfig, backend: BackendConfig): Conn {
  return sim.newConn(stream, req, server, backend, 'pR4', { conds: [{ label: 'reuse', value: false }], holder: stream.id });
}

function streamsOf(sim: Parameters<Algorithm['connect']>[0], holder: string) {
  return sim.streamsByHolder(holder);
}
