/**
 * Client-side settings per frontend, checked against the real binary: HAProxy 2.6.12 on 127.0.0.1
 * with two frontends that differ in `timeout http-request` / `timeout client` and `option httpclose`.
 * A raw TCP client connects to each and watches whether HAProxy closes the connection (idle, and
 * after one response); the simulation of the same configuration must close the same sessions.
 * Every wait is bounded; skipped when `haproxy` is absent.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../index';
import { haproxyAvailable, startHaproxy, type RealHaproxy } from './haproxy/harness';

const available = haproxyAvailable();
/** How long each probe watches its connection (bounded; far from both frontends' timeouts). */
const WATCH_MS = 1500;

const CFG = `defaults
    mode http
    timeout connect 5s
    timeout server 5s
frontend short
    bind @FRONTEND@
    timeout client 300ms
    timeout http-request 300ms
    option httpclose
    default_backend web
frontend long
    bind @FRONTEND2@
    timeout client 30s
    timeout http-request 30s
    default_backend web
backend web
    server w1 @w1@
`;

/** Connects, optionally sends one request, and says whether HAProxy closed the connection within `watchMs`. */
function probe(port: number, request: boolean, watchMs: number): Promise<{ closed: boolean; response: string }> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    let response = '';
    let done = false;
    const end = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ closed, response });
    };
    sock.on('data', (d: Buffer) => (response += d.toString()));
    sock.on('end', () => end(true));
    sock.on('error', () => end(true));
    sock.on('connect', () => {
      if (request) sock.write('GET / HTTP/1.1\r\nHost: example.com\r\n\r\n');
    });
    const timer = setTimeout(() => end(false), watchMs);
  });
}

/** The simulation: the same configuration, one idle client and one requesting client per frontend. */
function simulated() {
  const cfg = CFG.replace('@FRONTEND@', '*:80').replace('@FRONTEND2@', '*:8080').replace('@w1@', '192.0.2.10:80');
  const script = `script
    open idleShort h1 to :80
    open idleLong h1 to :8080
    open reqShort h1 to :80
    open reqLong h1 to :8080
    reqShort GET /
    reqLong GET /
    wait ${WATCH_MS}ms
`;
  const res = runScenario(`engine modern\n${cfg}${script}`);
  expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  // Within the probes' watch (the run goes on to fire the timers left, as a real proxy would later).
  const closedByProxy = new Set(res.trace.filter((e) => e.kind === 'client.close' && e.closer === 'proxy' && e.t <= WATCH_MS * 1000).map((e) => e.client));
  return (name: string) => closedByProxy.has(name);
}

describe.skipIf(!available)('client-side settings of the entered frontend, against the real HAProxy 2.6.12', () => {
  let real: RealHaproxy;
  beforeAll(async () => {
    real = await startHaproxy(CFG, ['w1']);
  }, 20_000);
  afterAll(async () => {
    await real?.stop();
  });

  it('each frontend closes (or keeps) its own clients as the simulation does', async () => {
    const [p1, p2] = real.ports;
    const [idleShort, idleLong, reqShort, reqLong] = await Promise.all([
      probe(p1!, false, WATCH_MS), probe(p2!, false, WATCH_MS), probe(p1!, true, WATCH_MS), probe(p2!, true, WATCH_MS),
    ]);
    expect(reqShort.response).toMatch(/^HTTP\/1\.1 200/);
    expect(reqLong.response).toMatch(/^HTTP\/1\.1 200/);
    const realClosed = { idleShort: idleShort.closed, idleLong: idleLong.closed, reqShort: reqShort.closed, reqLong: reqLong.closed };
    // What the binary does: the short frontend's http-request timeout and httpclose, the long one's keep-alive.
    expect(realClosed).toEqual({ idleShort: true, idleLong: false, reqShort: true, reqLong: false });
    const sim = simulated();
    expect({ idleShort: sim('idleShort'), idleLong: sim('idleLong'), reqShort: sim('reqShort'), reqLong: sim('reqLong') }).toEqual(realClosed);
  }, 30_000);
});
