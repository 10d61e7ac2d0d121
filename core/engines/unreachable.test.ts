/**
 * L3 and D6 cannot fire with the pass-through mux the seed uses towards servers
 * (a listed connection is always unlisted when a stream attaches to it: L1 sees
 * avail = 1). The rules are implemented for multiplexed muxes; these tests drive
 * them directly on a connection that is listed while its transaction ends.
 */
import { describe, expect, it } from 'vitest';
import { Sim } from './runtime';
import { seed } from './seed';
import { keepAfterTxn } from './common';
import type { SimConfig, ServerConfig } from '../model/config';
import type { Conn, Request, Stream } from './types';

const server: ServerConfig = {
  name: 'X', addr: '192.0.2.1:80', sendProxy: false, sni: false, usesrc: 'none', disabled: false, connectUs: 1000, responseUs: 5000,
  closeAfter: 0, finAfter: 0, idleTimeoutUs: 0, auth: null, refuse: false, proto: 'h1', maxReuse: -1, poolMaxConn: -1, poolLowConn: 0,
  poolPurgeDelayUs: 5e6, maxStreams: 100,
};
const config: SimConfig = {
  engine: 'seed', frontendMode: 'keep-alive', timeouts: { connect: 0, server: 0, client: 0, httpKeepAlive: 0, httpRequest: 0 },
  backends: [{ name: 'be', reuse: 'safe', balance: 'roundrobin', httpMode: 'keep-alive', preferLastServer: false, usesrc: 'none', servers: [server] }],
  defaultBackend: 'be', routes: [], h2MaxStreams: 100, maxSessionSrvConns: 5,
};

/** A session with one transaction in progress on a connection that is (abnormally) still listed. */
function listedBusy(mode: 'keep-alive' | 'server-close') {
  const sim = new Sim(config, seed, []);
  const stream = { id: 'A/1', session: { id: 'A', proto: 'h1', streams: new Set(), client: { name: 'A' } }, open: true, notFirst: false, preferLast: false, txn: null, si1: null } as unknown as Stream;
  const req = { id: 'r1', backend: config.backends[0], mode, notFirst: false, status: 200, client: { name: 'A' } } as unknown as Request;
  sim.emit({ kind: 'client.open', decision: 'W', client: 'A', session: 'A', proto: 'h1' });
  sim.emit({ kind: 'stream.open', decision: 'W', stream: 'A/1', session: 'A' });
  const c: Conn = sim.newConn(stream, req, server, config.backends[0]!, 'R4');
  sim.emit({ kind: 'adopt', decision: 'S4', conn: c.id, holder: 'A', session: 'A' });
  sim.emit({ kind: 'list.add', decision: 'L2', conn: c.id, server: 'X', list: 'idle' });
  return { sim, stream, req, c };
}

describe('rules unreachable with mux_pt, driven directly', () => {
  it('L3: a kept connection already in a list stays where it is', () => {
    const { sim, stream, req, c } = listedBusy('keep-alive');
    keepAfterTxn(sim, stream, req, c);
    const last = sim.trace[sim.trace.length - 1]!;
    expect([last.kind, last.decision, last.list]).toEqual(['list.keep', 'L3', 'idle']);
    expect(sim.world.lists.get('X')!.idle.toArray()).toEqual([c.id]);
  });
  it('D6: closing a listed connection at the end of its transaction unlists it before the destroy', () => {
    const { sim, stream, req } = listedBusy('server-close');
    seed.endTxn(sim, stream, req, false);
    const kinds = sim.trace.slice(-5).map((e) => `${e.kind}:${e.decision}`);
    expect(kinds).toEqual(['txn.end:K2', 'list.remove:D6', 'unlink:D5', 'conn.destroy:D1', 'txn.next:N1']);
  });
});
