import { describe, expect, it } from 'vitest';
import { runScenario } from '../index';

const cfg = (action: string) =>
  `frontend fe\n    bind :80\n    ${action}\n    default_backend be\nbackend be\n    server s1 192.0.2.10:80\nscript\n    open A h1\n    A GET /metrics\n    A GET /other\n`;

describe('http-request use-service', () => {
  it('prometheus-exporter answers (H9) without a server; the next request still goes to the backend on the same connection', () => {
    const res = runScenario(cfg('http-request use-service prometheus-exporter if { path /metrics }'));
    expect(res.diagnostics).toEqual([]);
    const reqs = res.report().requests;
    expect(reqs.map((r) => [r.status, r.answeredBy ?? r.server])).toEqual([[200, 'http-request use-service'], [200, 's1']]);
    expect(res.trace.filter((e) => e.kind === 'answer').map((e) => e.decision)).toEqual(['H9']);
    expect(reqs.map((r) => r.streamId)).toEqual(['A/1', 'A/1']);
  });

  it('a Lua service: answered without a server, taken as 200, with a warning where it is written', () => {
    const res = runScenario(cfg('http-request use-service lua.send-404 if { path /metrics }'));
    expect(res.diagnostics.map((d) => [d.severity, d.line, /not modelled by the simulation \(it runs no Lua\)/.test(d.message)])).toEqual([['warning', 3, true]]);
    expect(res.report().requests[0]!.status).toBe(200);
  });

  it('an unknown service or a missing name is refused, as HAProxy refuses it', () => {
    for (const action of ['http-request use-service nosuch', 'http-request use-service']) {
      const errors = runScenario(cfg(action)).diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.line)).toEqual([3]);
    }
  });
});

describe('monitor-uri', () => {
  const text = (lines: string) => `defaults\n    mode http\n    monitor-uri /health\nfrontend fe\n    bind :80\n${lines}    default_backend be\nbackend be\n    server s1 192.0.2.10:80\nscript\n    open A h1\n    A GET /health\n    A GET /health?x\n`;

  it('a frontend takes its defaults\' monitor-uri: answered (H10) before any rule; with a query the path no longer equals it', () => {
    const res = runScenario(text('    http-request deny\n'));
    expect(res.diagnostics).toEqual([]);
    expect(res.report().requests.map((r) => [r.status, r.answeredBy])).toEqual([[200, 'monitor-uri'], [403, 'http-request deny']]);
    expect(res.trace.filter((e) => e.kind === 'answer').map((e) => e.decision)).toEqual(['H10', 'H2']);
  });

  it('monitor fail turns it into 503 when its condition holds', () => {
    const res = runScenario(text('    monitor fail if { path /health }\n'));
    expect(res.report().requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it('refuses monitor fail without a condition and monitor-uri without a URI, where they are written', () => {
    for (const lines of ['    monitor fail\n', '    monitor-uri\n']) {
      const errors = runScenario(text(lines)).diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.line)).toEqual([6]);
    }
  });
});

describe('constant fetches (sample.c smp_fetch_const_*)', () => {
  it('str(), int() and bool() give their argument, which set-var stores and var() reads back', () => {
    const text = `frontend fe\n    bind :80\n    http-request set-var(txn.n) int(3)\n    http-request set-var(txn.b) bool(true)\n    http-request set-var(txn.s) str(x)\n    use_backend api if { var(txn.n) -m int 3 } { var(txn.b) -m bool } { var(txn.s) -m str x }\n    default_backend be\nbackend be\n    server s1 192.0.2.10:80\nbackend api\n    server a1 192.0.2.11:80\nscript\n    open A h1\n    A GET /\n`;
    const res = runScenario(text);
    expect(res.diagnostics).toEqual([]);
    expect(res.report().requests[0]!.server).toBe('a1');
    const off = runScenario(text.replace('int(3)', 'int(4)'));
    expect(off.report().requests[0]!.server).toBe('s1');
  });
});

describe('http-request set-var-fmt (vars.c parse_store of v2.6.0)', () => {
  const text = (fmt: string) =>
    `frontend fe\n    bind :80\n    http-request set-var-fmt(txn.route) ${fmt}\n    use_backend api if { var(txn.route) -m str shop.example.comapi }\n    default_backend be\nbackend be\n    server s1 192.0.2.10:80\nbackend api\n    server a1 192.0.2.11:80\nscript\n    open A h1\n    A GET /api/orders host Shop.Example.com\n    A GET /web host shop.example.com\n`;
  it('stores the string its log-format builds, which var() reads back', () => {
    const res = runScenario(text('"%[req.hdr(host),lower]%[path,field(2,/)]"'));
    expect(res.diagnostics).toEqual([]);
    expect(res.report().requests.map((q) => q.server)).toEqual(['a1', 's1']);
  });
  it('a log-format variable it cannot build makes the rule ignored, with a warning', () => {
    const res = runScenario(text('"%f"'));
    expect(res.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/log-format variable '%f' is not modelled by the simulation .*: this rule is ignored/)]);
    expect(res.report().requests.map((q) => q.server)).toEqual(['s1', 's1']);
  });
});
