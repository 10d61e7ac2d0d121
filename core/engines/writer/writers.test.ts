import { describe, expect, it } from 'vitest';
import { emptyWorld, type World } from '../../model/world';
import type { ServerConfig } from '../../model/config';
import { worldShape } from '../../test/invariants';
import type { Client, Conn, Request, Session, Stream } from '../types';
import { CountingWriter } from './counting';
import { RecordingWriter } from './recording';
import type { TraceWriter } from './writer';

/*
 * The counting writer makes, call by call, the change to a lean world that the recording writer
 * makes by building the event and applying it (applyEvent). The engines' property tests compare
 * whole runs; this compares after every call, so a change a later event would redo (an unlink
 * before its connection's destroy) is checked too.
 */

const server = { name: 's1' } as ServerConfig;

function client(name: string, no: number): Client {
  return { name, no, proto: 'h1', session: null, generation: 1, nextStreamNo: 1, from: null, tls: null, to: null, cookies: null };
}

function session(id: string, no: number): Session {
  return {
    id, no, client: client(id, no), proto: 'h1', open: true, accepted: true, listener: null, streams: [], h1Stream: null,
    fe: { mode: 'keep-alive', timeouts: { client: 0, httpKeepAlive: 0, httpRequest: 0 }, maxSessionSrvConns: 0 } as Session['fe'],
    timerToken: 0, idle: null, view: null!, srvRef: null, pending: null, tcp: null,
  };
}

function stream(sess: Session, no: number): Stream {
  return { id: `${sess.id}/1`, no, local: 1, session: sess, open: true, notFirst: false, preferLast: false, txn: null, si1: null };
}

function request(id: string, no: number, st: Stream): Request {
  return {
    id, no, client: st.session.client, spec: { method: 'GET', path: '/' } as Request['spec'], line: 0, waiter: null, stream: st, backend: null, persisted: null, stick: null, stuck: null, routedView: null, direct: false, useServer: null,
    server, conn: null, notFirst: false, preferLast: false, connectFails: 0, redispatched: false, waited: false, mode: 'keep-alive', clientClose: false, status: 200, finished: false, token: 0,
    responseToken: -1, connectsAt: -1, respondsAt: -1, sentAt: -1,
  };
}

/** The calls of two sessions sharing then losing a connection; the world's shape after each. */
function life(make: (w: World) => TraceWriter): unknown[] {
  const world = emptyWorld(['s1'], false, true);
  const out = make(world);
  const shapes: unknown[] = [];
  const step = () => shapes.push(JSON.parse(JSON.stringify(worldShape(world))));
  const a = session('A', 1);
  const b = session('B', 2);
  out.clientOpen('W', a);
  out.clientOpen('FE2', b);
  step();
  const sa = stream(a, 1);
  const sb = stream(b, 2);
  const ra = request('r1', 1, sa);
  const rb = request('r2', 2, sb);
  const view = out.connNew('R4', 'c1', 's1', sa, ra, undefined, undefined, undefined, undefined);
  const c: Conn = { id: 'c1', no: 1, server, backend: null!, view, ready: true, connected: false, shut: false, active: [sa], capacity: 1, uses: 1, served: 0, idleToken: 0, tcp: null };
  step();
  out.adopt('S4', c, ra, sa, 'A', null, undefined, undefined, undefined);
  step();
  out.connected(c, ra);
  out.txnEnd('K1', c, ra, sa, undefined, []);
  out.listAdd('L2', c, 'idle', ra, undefined, undefined);
  step();
  out.listRemove('L1', c, rb, sb);
  out.attach('F1', c, sb, rb, undefined);
  out.adopt('S4', c, rb, sb, 'B', null, 'orphaned', 'G1', undefined);
  step();
  out.unlink('D5', c, 'A');
  step();
  out.unlink('D5', c, 'B');
  step();
  out.connDestroy('D1', c, 'proxy', { session: 'B' });
  step();
  out.clientClose('W', a, 'client', undefined);
  out.sessionEnd(a);
  step();
  expect(out.seq).toBe(15);
  return shapes;
}

describe('the counting writer', () => {
  it("changes a lean world as the recording writer's events do, after every call", () => {
    const clock = { now: 5, curLine: 0 };
    const counted = life((w) => new CountingWriter(w, clock, Number.POSITIVE_INFINITY));
    const recorded = life((w) => new RecordingWriter(w, clock, Number.POSITIVE_INFINITY, () => {}));
    expect(counted).toEqual(recorded);
    // The sequence does change the world at each step (the comparison is not of empty worlds).
    expect(new Set(recorded.map((s) => JSON.stringify(s))).size).toBe(recorded.length);
  });
});
