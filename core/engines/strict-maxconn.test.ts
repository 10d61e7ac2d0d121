/**
 * strict-maxconn (3.2+): a server's maxconn bounds its connections, idle ones included (connect_server,
 * backend.c:1948-1981 of v3.4.0). Checked against 3.2.0 and 3.4.0: core/test/modern-32-real/strict-maxconn-*.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';

const text = (engine: string, server: string, script: string) =>
  `engine ${engine}\ndefaults\n  mode http\n  timeout connect 1s\n  timeout client 5s\n  timeout server 5s\nbackend be\n  http-reuse safe\n  server s1 192.0.2.10:80 ${server}\nscript\n  open A h1\n  open B h1\n${script}  close A\n  close B\n`;
const turns = '  A GET /a1\n  wait 20ms\n  B GET /b1\n  wait 20ms\n  A GET /a2\n  wait 20ms\n  B GET /b2\n';

describe('strict-maxconn', () => {
  it('3.4: at maxconn connections, a new one closes an idle one first; never two open at once', () => {
    const r = runScenario(text('modern 3.4', 'maxconn 1 strict-maxconn', turns));
    const trace = [...r.trace];
    const killed = trace.filter((e) => e.kind === 'conn.destroy' && e.decision === 'mI4');
    expect(killed.map((e) => [e.conn, e.request])).toEqual([['c1', 'r2']]);
    expect(r.report().requests.map((q) => q.conn)).toEqual(['c1', 'c2', 'c2', 'c2']);
    let open = 0;
    let peak = 0;
    for (const e of trace) {
      if (e.kind === 'conn.new') peak = Math.max(peak, ++open);
      else if (e.kind === 'conn.destroy') open--;
    }
    expect(peak).toBe(1);
  });

  it('with no idle connection to close (a private NTLM one holds the slot), the request gets 503 at once', () => {
    const r = runScenario(text('modern 3.2', 'maxconn 1 strict-maxconn', '  A GET /a1 -> 401 ntlm\n  wait 20ms\n  B GET /b1\n'));
    const b1 = r.report().requests[1]!;
    expect([b1.status, b1.conn]).toEqual([503, null]);
    expect([...r.trace].some((e) => e.kind === 'note' && e.decision === 'mI4' && e.request === 'r2')).toBe(true);
  });

  it('3.0 refuses it (a warning) and opens a second connection', () => {
    const at30 = runScenario(text('modern 3.0', 'maxconn 1 strict-maxconn', turns));
    expect(at30.diagnostics.some((d) => d.code === 'refused-by-haproxy' && d.message.includes("'strict-maxconn'"))).toBe(true);
    expect([...at30.trace].some((e) => e.decision === 'mI4')).toBe(false);
    expect(new Set(at30.report().requests.map((q) => q.conn)).size).toBe(2);
  });
});

describe('strict-maxconn closes every idle connection at the limit (the loop does not count anew)', () => {
  const four = (extra: string) =>
    `engine modern 3.4\ndefaults\n  mode http\nbackend be\n  http-reuse safe\n${extra}  server s1 192.0.2.10:80 maxconn 3 strict-maxconn\nservers\n  s1 response-time 100ms\nscript\n  open A h1\n  open B h1\n  open C h1\n  open D h1\n  A GET /1 &\n  wait 20ms\n  B GET /2 &\n  wait 20ms\n  C GET /3 &\n  wait 150ms\n  D GET /4\n`;
  it('three idle connections at maxconn 3: all closed for D, which retries at once on a new one', () => {
    const r = runScenario(four(''));
    expect([...r.trace].filter((e) => e.kind === 'conn.destroy' && e.decision === 'mI4').map((e) => e.conn)).toEqual(['c1', 'c2', 'c3']);
    expect(r.report().requests[3]).toMatchObject({ status: 200, conn: 'c4' });
  });
  it('with retries 0 the attempt that closed them is the last: 503', () => {
    const r = runScenario(four('  retries 0\n'));
    expect(r.report().requests[3]).toMatchObject({ status: 503, conn: null });
    expect([...r.trace].find((e) => e.kind === 'note' && e.decision === 'mI4')?.message).toContain('closed 3 idle connections, and no retry is left');
  });
});

describe('strict-maxconn as 3.2.0 and 3.4.0 count (the binaries showed it)', () => {
  const one = (server: string) => `engine modern 3.4\ndefaults\n  mode http\nbackend be\n  server s1 192.0.2.10:80 ${server}\nscript\n  open A h1\n  wait 50ms\n  A GET /1\n  A GET /2\n`;
  it("with check: each check's connection is counted out, never in; below zero no new connection fits: 503", () => {
    const r = runScenario(one('maxconn 2 strict-maxconn check inter 100ms'));
    expect(r.report().requests.map((q) => [q.status, q.conn])).toEqual([[503, null], [503, null]]);
    expect([...r.trace].find((e) => e.kind === 'note' && e.decision === 'mI4')?.message).toContain('below zero');
    // Without the check the same requests are served.
    expect(runScenario(one('maxconn 2 strict-maxconn')).report().requests.map((q) => q.status)).toEqual([200, 200]);
  });
  it('without a maxconn no connection fits at all', () => {
    const r = runScenario(one('strict-maxconn'));
    expect(r.report().requests.map((q) => q.status)).toEqual([503, 503]);
    expect([...r.trace].find((e) => e.kind === 'note' && e.decision === 'mI4')?.message).toContain('without a maxconn');
  });
});
