/** Stick tables (`stick-table`, `stick on|match|store-request`): the grammar and the runtime (./stick-tables.ts, U4, U5). */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { checkScenario } from '../scenario/compile';
import type { TraceEvent } from '../trace/events';

const server = (e: TraceEvent) => (e as { server?: string }).server;

function run(backend: string, script: string, engine = 'modern') {
  const text = `engine ${engine}\ndefaults\n    mode http\n    timeout server 5s\nbackend be\n    balance roundrobin\n${backend}    server s1 192.0.2.10:80\n    server s2 192.0.2.11:80\n    server s3 192.0.2.12:80\nscript\n${script}`;
  const r = runScenario(text);
  const trace = r.trace as readonly TraceEvent[];
  return { r, trace, picks: trace.filter((e) => e.kind === 'assign').map((e) => `${server(e)}:${e.decision}`) };
}

const ABC = `    open A h1 from 10.0.0.1
    A GET /
    close A
    open B h1 from 10.0.0.2
    B GET /
    close B
    open A h1 from 10.0.0.1
    A GET /
    close A
    open C h1 from 10.0.0.3
    C GET /
`;

describe('stick tables: the runtime', () => {
  it('stick on src: an address goes back to the server stored for it, at every engine; roundrobin keeps its turn', () => {
    for (const engine of ['seed', 'parent', 'modern']) {
      const { picks, trace } = run('    stick-table type ip size 1k expire 30s\n    stick on src\n', ABC, engine);
      expect(picks, engine).toEqual(['s1:A2', 's2:A2', 's1:U4', 's3:A2']);
      expect(trace.filter((e) => e.decision === 'U5')).toHaveLength(4);
    }
  });

  it('the entry expires `expire` after its last use; each match gives it `expire` more', () => {
    const script = '    open A h1 from 10.0.0.1\n    A GET /\n    wait 250ms\n    A GET /\n    wait 250ms\n    A GET /\n    wait 600ms\n    A GET /\n';
    expect(run('    stick-table type ip size 1k expire 400ms\n    stick match src\n    stick store-request src\n', script).picks).toEqual(['s1:A2', 's1:U4', 's1:U4', 's2:A2']);
    // match alone stores nothing: every request is balanced.
    expect(run('    stick-table type ip size 1k\n    stick match src\n', script).picks).toEqual(['s1:A2', 's2:A2', 's3:A2', 's1:A2']);
  });

  it('a use-server rule, a persistence cookie or an explicit target comes first', () => {
    const script = '    open A h1 from 10.0.0.1\n    A GET /\n    A GET / to s3\n    A GET /\n';
    expect(run('    stick-table type ip size 1k\n    stick on src\n', script).picks).toEqual(['s1:A2', 's3:A0', 's3:U4']);
  });

  it('a rule whose condition fails neither matches nor stores; the key can be any sample (a cookie)', () => {
    const script = '    open A h1\n    A GET /x header "Cookie: sid=42"\n    A GET /y header "Cookie: sid=42"\n    A GET /api header "Cookie: sid=42"\n    A GET /z header "Cookie: sid=7"\n';
    const { picks } = run('    stick-table type string size 1k\n    stick on req.cook(sid) unless { path_beg /api }\n', script);
    expect(picks).toEqual(['s1:A2', 's1:U4', 's2:A2', 's3:A2']);
  });
});

describe('stick tables of another proxy (`table NAME`: stktable_find_by_name, cfgparse.c:3004-3024 of v2.6.0)', () => {
  const shared = (rules: string) => `engine modern
frontend fe
    bind :80
    mode http
    use_backend two if { path_beg /two }
    default_backend one
backend st
    stick-table type ip size 1m expire 30s
backend one
    mode http
    balance roundrobin
${rules}    server s1 192.0.2.10:80
    server s2 192.0.2.11:80
backend two
    mode http
    balance roundrobin
${rules}    server s1 192.0.2.20:80
    server s2 192.0.2.21:80
script
    open A h1 from 10.0.0.1
    open B h1 from 10.0.0.2
    A GET /one
    B GET /one
    B GET /two
    A GET /two
`;
  const picks = (text: string) => (runScenario(text).trace as readonly TraceEvent[]).filter((e) => e.kind === 'assign').map((e) => `${server(e)}:${e.decision}`);

  it("two backends' rules share one table: an address stored by one goes to the server of the same name in the other", () => {
    expect(picks(shared('    stick on src table st\n'))).toEqual(['one/s1:A2', 'one/s2:A2', 'two/s2:U4', 'two/s1:U4']);
    // Each backend's own table: the second backend balances on its own.
    expect(picks(shared('    stick-table type ip size 1m\n    stick on src\n'))).toEqual(['one/s1:A2', 'one/s2:A2', 'two/s1:A2', 'two/s2:A2']);
  });

  it('the store note names the table; a backend that only holds a table asks for no server, and is not where requests go', () => {
    const r = runScenario(shared('    stick on src table st\n'));
    expect(r.diagnostics).toEqual([]);
    const notes = (r.trace as readonly TraceEvent[]).filter((e) => e.decision === 'U5').map((e) => (e as { message?: string }).message);
    expect(notes[0]).toMatch(/^st's stick table \(named by a rule of one\) keeps 10\.0\.0\.1 → s1 .*goes to the server named s1 in its backend/);
    const alone = checkScenario('backend st\n    stick-table type ip size 1m\nbackend be\n    stick on src table st\n    server s1 192.0.2.10:80\nscript\n    open A h1\n    A GET /\n');
    expect(alone.diagnostics).toEqual([]);
    expect(alone.config.defaultBackend).toBe('be');
  });

  it('once a table has its store, a later storing rule on it is passed over, its match too (stream.c:1280-1294)', () => {
    // B has no entry; the second rule's key (a header naming A's address) would send it to A's s1.
    const rules = '    stick on src table st\n    stick on hdr(x-client) table st\n';
    const text = shared(rules).replace(/    A GET \/one\n[^]*$/, '    open C h1 from 10.0.0.3\n    A GET /one\n    C GET /two\n    B GET /two header "x-client: 10.0.0.1"\n');
    expect(picks(text)).toEqual(['one/s1:A2', 'two/s1:A2', 'two/s2:A2']);
    // With the header rule first, its key is the one looked up and stored.
    const first = shared('    stick on hdr(x-client) table st\n    stick on src table st\n').replace(/    A GET \/one\n[^]*$/, '    A GET /one header "x-client: 10.0.0.1"\n    B GET /two header "x-client: 10.0.0.1"\n');
    expect(picks(first)).toEqual(['one/s1:A2', 'two/s1:U4']);
  });
});

describe('stick store-response res.cook(NAME), with servers that start sessions (set-cookie NAME)', () => {
  const app = (rules: string, script: string) => run(`    stick-table type string len 32 size 1m\n${rules}`, script).r;
  const jsess = '    stick store-response res.cook(JSESSIONID)\n    stick match req.cook(JSESSIONID)\n';
  const withSessions = (rules: string, script: string) =>
    runScenario(`engine modern\ndefaults\n    mode http\nbackend be\n    balance roundrobin\n    stick-table type string len 32 size 1m\n${rules}    server s1 192.0.2.10:80\n    server s2 192.0.2.11:80\nservers\n    s1 set-cookie JSESSIONID\n    s2 set-cookie JSESSIONID\nscript\n${script}`);
  const picks = (r: ReturnType<typeof runScenario>) => (r.trace as readonly TraceEvent[]).filter((e) => e.kind === 'assign').map((e) => `${server(e)}:${e.decision}`);
  const script = '    open A h1\n    open B h1\n    A GET /\n    B GET /\n    A GET /\n    A GET /\n    B GET /\n';

  it("a session cookie's value is stored with its server; the client brings it back and goes there", () => {
    const r = withSessions(jsess, script);
    expect(picks(r)).toEqual(['s1:A2', 's2:A2', 's1:U4', 's1:U4', 's2:U4']);
    const notes = (r.trace as readonly TraceEvent[]).filter((e) => e.kind === 'note').map((e) => `${e.decision} ${(e as { message?: string }).message}`);
    // A server starts one session per client: a request that brings the cookie gets none.
    expect(notes.filter((m) => m.startsWith('W '))).toEqual([
      expect.stringMatching(/^W s1 starts a session: its response to r1 sets cookie JSESSIONID=s1-1/),
      expect.stringMatching(/^W s2 starts a session: its response to r2 sets cookie JSESSIONID=s2-1/),
    ]);
    expect(notes.filter((m) => m.startsWith('U5'))).toEqual([expect.stringMatching(/keeps s1-1 → s1/), expect.stringMatching(/keeps s2-1 → s2/)]);
    // Without the store rule, match finds nothing: roundrobin.
    expect(picks(withSessions('    stick match req.cook(JSESSIONID)\n', script))).toEqual(['s1:A2', 's2:A2', 's1:A2', 's2:A2', 's1:A2']);
  });

  it('a cookie the response does not set stores nothing; a store-response rule reads the response, not a request cookie', () => {
    expect(picks(withSessions('    stick store-response res.cook(OTHER)\n    stick match req.cook(JSESSIONID)\n', script))).toEqual(['s1:A2', 's2:A2', 's1:A2', 's2:A2', 's1:A2']);
    // set-cookie(NAME) is the same fetch (its older name).
    expect(picks(withSessions('    stick store-response set-cookie(JSESSIONID)\n    stick match req.cook(JSESSIONID)\n', script))).toEqual(['s1:A2', 's2:A2', 's1:U4', 's1:U4', 's2:U4']);
  });

  it('what it does not model is said on its line, and the rule is ignored', () => {
    const d = (rules: string) => app(rules, '    open A h1\n    A GET /\n').diagnostics.map((x) => `${x.line} ${x.message}`);
    expect(d('    stick store-response res.hdr(x-session)\n')).toEqual([expect.stringMatching(/^8 'res\.hdr\(x-session\)' is not modelled for stick store-response \(the simulation reads res\.cook\(NAME\)/)]);
    expect(d('    stick store-response res.cook(sid) if { status 200 }\n')).toEqual([expect.stringMatching(/^8 a condition on stick store-response is not modelled/)]);
  });

  it('the servers section reads set-cookie NAME, and refuses what is not a cookie name', () => {
    const c = (line: string) => checkScenario(`backend be\n    server s1 192.0.2.10:80\nservers\n    ${line}\n`);
    expect(c('s1 set-cookie JSESSIONID').config.backends[0]!.servers[0]!.setCookie).toBe('JSESSIONID');
    expect(c('s1 set-cookie a=b').diagnostics.map((x) => x.message)).toEqual([expect.stringMatching(/^invalid cookie name 'a=b' for set-cookie; expected a token such as JSESSIONID/)]);
    expect(c('s1 set-cookie').diagnostics.map((x) => x.severity)).toEqual(['error']);
  });
});

describe('stick tables: the grammar', () => {
  const diags = (backend: string, kind = 'backend') => checkScenario(`${kind} be\n${backend}    server s1 192.0.2.10:80\n`).diagnostics.map((d) => `${d.line} ${d.severity} ${d.message}`);
  it('read without warning; HAProxy\'s refusals and what is not modelled are said on their line', () => {
    expect(diags('    stick-table type ip size 1m expire 30m\n    stick on src\n')).toEqual([]);
    expect(diags('    stick-table type ip\n    stick on src\n')).toEqual(expect.arrayContaining([expect.stringMatching(/^2 warning 'stick-table' needs a type and a size/)]));
    expect(diags('    stick-table type ip size 1k\n    stick store-response res.hdr(x)\n')).toEqual([expect.stringMatching(/^3 warning 'res\.hdr\(x\)' is not modelled for stick store-response/)]);
    expect(diags('    stick-table type ip size 1k\n    stick on src table other\n')).toEqual([expect.stringMatching(/^3 warning no stick table in a proxy named 'other' \(HAProxy refuses the rule: "unable to find stick-table"\); ignored/)]);
    // Another proxy's table needs no table of its own.
    expect(checkScenario('backend st\n    stick-table type ip size 1m\nbackend be\n    stick on src table st\n    server s1 192.0.2.10:80\n').diagnostics).toEqual([]);
    expect(diags('    stick on\n')).toEqual(expect.arrayContaining([expect.stringMatching(/^2 error 'stick on' expects a pattern/)]));
    expect(diags('    stick on src\n')).toEqual([expect.stringMatching(/name no stick table of its own/)]);
  });
});

describe("a backend that holds another's stick table", () => {
  it('says so to the diagram (core/run backendServers)', () => {
    const r = runScenario('frontend fe\n    bind :80\n    use_backend two if { path_beg /two }\n    default_backend one\nbackend st\n    stick-table type ip size 1m\nbackend one\n    stick on src table st\n    server s1 192.0.2.10:80\nbackend two\n    stick match src table st\n    server s1 192.0.2.20:80\nbackend spare\n    stick-table type ip size 1m\n');
    expect(r.backends?.map((b) => [b.name, b.note ?? null])).toEqual([['st', 'holds the stick table of one, two'], ['one', null], ['two', null], ['spare', 'holds a stick table']]);
  });
});
