/**
 * Cookie persistence (U2, U3: ./persistence.ts) in every engine: what the real binary showed
 * (scripts/verify/cookie-persistence.test.ts) follows from these rules.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type SyncRunResult } from '../index';

const ENGINES = ['seed', 'parent', 'modern'] as const;

const config = (cookie: string, extra = '') =>
  `backend be\n    balance roundrobin\n    ${cookie}\n${extra}    server s1 192.0.2.10:80 cookie a\n    server s2 192.0.2.11:80 cookie b\n    server s3 192.0.2.12:80\n`;

function run(text: string, engine: (typeof ENGINES)[number]): SyncRunResult {
  const r = runScenario(text, { engine });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r;
}
/** Per request: its server and the decision that chose it. */
const assigns = (r: SyncRunResult) => r.trace.filter((e) => e.kind === 'assign').map((e) => `${e.request} ${e.server} ${e.decision}`);
const cookieNotes = (r: SyncRunResult) => r.trace.filter((e) => e.decision === 'U3').map((e) => e.message);

describe.each(ENGINES)('cookie persistence, %s engine', (engine) => {
  it('the first response sets the cookie of its server; the requests that bring it go there, not where roundrobin would', () => {
    const r = run(`${config('cookie SRV insert indirect nocache')}script\n    open A h1\n    repeat 3 {\n        A GET /\n    }\n    close A\n`, engine);
    expect(assigns(r)).toEqual(['r1 s1 A2', 'r2 s1 U2', 'r3 s1 U2']);
    // A request sent direct gets no Set-Cookie (its client has the right one).
    expect(cookieNotes(r)).toEqual(['HAProxy sets cookie SRV=a in s1\'s response to r1: client A brings it back with its next requests']);
    // Without the cookie line, roundrobin goes on: s1, s2, s3.
    const plain = run(`${config('')}script\n    open A h1\n    repeat 3 {\n        A GET /\n    }\n    close A\n`, engine);
    expect(assigns(plain)).toEqual(['r1 s1 A2', 'r2 s2 A2', 'r3 s3 A2']);
  });

  it('a server without a cookie value deletes it: its client is balanced again', () => {
    const r = run(`${config('cookie SRV insert')}script\n    open A h1\n    open B h1\n    open C h1\n    A GET /\n    B GET /\n    C GET /\n    C GET /\n    C GET /\n`, engine);
    expect(assigns(r)).toEqual(['r1 s1 A2', 'r2 s2 A2', 'r3 s3 A2', 'r4 s1 A2', 'r5 s1 U2']);
    expect(cookieNotes(r)[2]).toBe('s3 has no cookie value: HAProxy deletes cookie SRV in the response to r3');
  });

  it('postonly: only the response to a POST sets it', () => {
    const r = run(`${config('cookie SRV insert postonly')}script\n    open A h1\n    A GET /\n    A POST /\n    A GET /\n    A GET /\n`, engine);
    expect(assigns(r)).toEqual(['r1 s1 A2', 'r2 s2 A2', 'r3 s2 U2', 'r4 s2 U2']);
  });

  it("a Cookie header the script sends counts, after use-server rules; a cookie for a disabled server, or for none, is balanced", () => {
    const text = `backend be\n    balance roundrobin\n    cookie SRV insert\n    use-server s2 if { path_beg /u }\n    server s1 192.0.2.10:80 cookie a\n    server s2 192.0.2.11:80 cookie b\n    server s3 192.0.2.12:80 cookie c disabled\nscript\n    open A h1\n    A GET /u header "Cookie: x=1; SRV=a"\n    A GET /u header "Cookie: SRV=c"\n    A GET / header "Cookie: SRV=zz"\n`;
    const r = run(text, engine);
    // r1: the rule wins (HAProxy reads cookies after the use-server rules; checked against 2.6.12).
    // r1 and r2 were sent direct: no Set-Cookie, so r3 brings only its unknown value.
    expect(assigns(r)).toEqual(['r1 s2 U1', 'r2 s2 U1', 'r3 s1 A2']);
    const cookieFirst = run(text.replace('A GET /u header "Cookie: x=1; SRV=a"', 'A GET /v header "Cookie: x=1; SRV=a"'), engine);
    expect(assigns(cookieFirst)[0]).toBe('r1 s1 U2');
  });
});

describe('servers that share a cookie value', () => {
  it.each(ENGINES)('%s: the first that is up takes the request', (engine) => {
    const text = `backend be\n    cookie SRV insert\n    server s1 192.0.2.10:80 cookie a disabled\n    server s2 192.0.2.11:80 cookie a\n    server s3 192.0.2.12:80 cookie b\nscript\n    open A h1\n    A GET / header "Cookie: SRV=a"\n`;
    expect(assigns(run(text, engine))).toEqual(['r1 s2 U2']);
  });
});

describe('the cookie line', () => {
  const diags = (line: string) => runScenario(`backend be\n    ${line}\n    server s1 192.0.2.10:80 cookie a\nscript\n    open A h1\n    A GET /\n`).diagnostics.map((d) => `${d.severity}: ${d.message}`);
  it('refuses what HAProxy refuses, and says which modes have no effect', () => {
    expect(diags('cookie SRV insert rewrite')[0]).toMatch(/^error: cookie modes 'insert' and 'rewrite' cannot be combined; HAProxy refuses to start/);
    expect(diags('cookie SRV rewrite indirect')[0]).toMatch(/^error: cookie 'rewrite' and 'indirect' cannot be combined/);
    expect(diags('cookie SRV preserve')[0]).toMatch(/^error: cookie 'preserve' needs 'insert' or 'indirect'/);
    expect(diags('cookie SRV insert bogus')[0]).toMatch(/^error: 'cookie' has no option 'bogus'/);
    expect(diags('cookie')[0]).toMatch(/^error: 'cookie' expects a cookie name/);
    expect(diags('cookie SRV insert domain')[0]).toMatch(/^error: 'domain' of 'cookie' expects a value/);
    expect(diags('cookie SRV rewrite')).toEqual([
      "warning: 'cookie SRV rewrite' changes the cookie SRV a server sets, and no emulated server of backend 'be' sets one: no effect in the simulation; add a `servers` line `SERVER set-cookie SRV`",
    ]);
    expect(diags('cookie SRV')).toEqual([expect.stringMatching(/^warning: without 'insert', 'prefix' or 'rewrite' HAProxy only reads a cookie the application sets to the server's own value/)]);
    expect(diags('cookie SRV insert maxidle 30m')[0]).toMatch(/^warning: 'maxidle' is not modelled/);
    expect(diags('cookie SRV insert indirect nocache httponly secure domain .example.com attr SameSite=Lax')).toEqual([]);
  });
});

describe.each(ENGINES)('cookie prefix and rewrite: HAProxy changes the session cookie the server sets (http_ana.c:3727-3763 of v2.6.0), %s engine', (engine) => {
  const sessions = (mode: string) =>
    run(`${config(`cookie JSESSIONID ${mode}`)}servers\n    s1 set-cookie JSESSIONID\n    s2 set-cookie JSESSIONID\n    s3 set-cookie JSESSIONID\nscript\n    open A h1\n    open B h1\n    open C h1\n    A GET /\n    B GET /\n    C GET /\n    A GET /\n    B GET /\n    C GET /\n`, engine);

  it("prefix: the client gets SERVER'S-VALUE~SESSION and goes back to that server; a server without a value leaves the cookie alone", () => {
    const r = sessions('prefix');
    expect(r.diagnostics).toEqual([]);
    expect(cookieNotes(r)).toEqual([expect.stringContaining('client A gets JSESSIONID=a~s1-1'), expect.stringContaining('client B gets JSESSIONID=b~s2-1')]);
    // C's session (s3, no value) names no server: C is balanced again (roundrobin's next is s1).
    expect(assigns(r)).toEqual(['r1 s1 A2', 'r2 s2 A2', 'r3 s3 A2', 'r4 s1 U2', 'r5 s2 U2', 'r6 s1 A2']);
  });

  it("rewrite: the client gets the server's own value in place of the session's", () => {
    const r = sessions('rewrite');
    expect(cookieNotes(r)).toEqual([expect.stringContaining('client A gets JSESSIONID=a and'), expect.stringContaining('client B gets JSESSIONID=b and')]);
    expect(assigns(r)).toEqual(['r1 s1 A2', 'r2 s2 A2', 'r3 s3 A2', 'r4 s1 U2', 'r5 s2 U2', 'r6 s1 A2']);
  });
});
