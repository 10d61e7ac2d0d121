/**
 * A server name that several backends declare (`server s1 …` in `one` and in `two`) names a server
 * of each: the run calls them `one/s1` and `two/s1`, as HAProxy's logs, stats and runtime API do;
 * what the scenario writes (`to`, `use-server`, the `servers` section, stick tables) still reads the
 * name as written. A name only one backend has keeps its name.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { checkScenario } from './compile';
import type { TraceEvent } from '../trace/events';

const config = (extra = '') => `engine modern
frontend fe
    bind :80
    mode http
    use_backend two if { path_beg /two }
    default_backend one
backend one
    mode http
    http-reuse always
    server s1 192.0.2.10:80
    server only 192.0.2.12:80
backend two
    mode http
    http-reuse always
${extra}    server s1 192.0.2.20:80
    server s2 192.0.2.21:80
`;
const assigns = (text: string) =>
  (runScenario(text).trace as readonly TraceEvent[]).filter((e) => e.kind === 'assign').map((e) => `${(e as { server?: string }).server}:${e.decision}`);

describe('server names several backends declare', () => {
  it('are qualified by their backend; a name of one backend is kept', () => {
    const c = checkScenario(config()).config;
    expect(c.backends.map((b) => b.servers.map((s) => [s.name, s.written ?? null]))).toEqual([
      [['one/s1', 's1'], ['only', null]],
      [['two/s1', 's1'], ['s2', null]],
    ]);
  });

  it("one backend's idle connection is never reused for the other's server of the same name", () => {
    const r = runScenario(`${config()}script\n    open A h1\n    A GET /one to s1\n    A GET /two to s1\n    A GET /one to s1\n`);
    const t = r.trace as readonly TraceEvent[];
    const opened = t.filter((e) => e.kind === 'conn.new').map((e) => `${(e as { conn?: string }).conn}→${(e as { server?: string }).server}`);
    expect(opened).toEqual(['c1→one/s1', 'c2→two/s1']);
    // The third request takes one/s1's connection back.
    expect(t.filter((e) => e.kind === 'request.forward').map((e) => (e as { conn?: string }).conn)).toEqual(['c1', 'c2', 'c1']);
  });

  it('`to NAME` is the server of that name in the request\'s backend; `to BACKEND/NAME` names one', () => {
    expect(assigns(`${config()}script\n    open A h1\n    A GET /two/x to s1\n    A GET /one to s1\n    A GET /two to one/s1\n    A GET /two to two/s2\n`)).toEqual(['two/s1:A0', 'one/s1:A0', 'one/s1:A0', 's2:A0']);
  });

  it('use-server reads the name in its own backend', () => {
    const extra = '    use-server s1 if { path_end /pin }\n';
    expect(assigns(`${config(extra)}script\n    open A h1\n    A GET /two/pin\n`)).toEqual(['two/s1:U1']);
  });

  it('the servers section: a name as written sets every server of that name, BACKEND/NAME one of them, in the order written', () => {
    const c = checkScenario(`${config()}servers\n    s1 response-time 20ms\n    two/s1 response-time 50ms\n    s2 connect-time 3ms\n`);
    expect(c.diagnostics).toEqual([]);
    const us = (be: number, i: number) => c.config.backends[be]!.servers[i]!.responseUs;
    expect([us(0, 0), us(1, 0), us(0, 1)]).toEqual([20_000, 50_000, 5_000]);
    expect(checkScenario(`${config()}servers\n    three/s1 response-time 20ms\n`).diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^unknown server 'three\/s1'/)]);
  });
});
