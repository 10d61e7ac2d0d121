import { describe, expect, it } from 'vitest';
import type { LogFormat } from '../model/routing';
import { runScenario } from '../index';
import { applyRewrite, expandMatch, type WorkingRequest } from './rewrite';

const lit = (text: string): LogFormat => ({ parts: [{ lit: text }], text });
const request = (uri: string, headers: [string, string][] = []): WorkingRequest => ({
  method: 'GET', uri, headers: headers.map(([name, value]) => ({ name, value })), version: '1.1', src: '192.0.2.1', dstPort: 80, ssl: false, sni: null,
});

describe('http-request rewrites (http_act.c, http_htx.c of v2.6.0)', () => {
  it('set-query adds a ? only for a non-empty query, and keeps an existing one', () => {
    const a = request('/p');
    applyRewrite({ op: 'set-query', value: lit('') }, a);
    expect(a.uri).toBe('/p');
    const b = request('/p?x=1');
    applyRewrite({ op: 'set-query', value: lit('') }, b);
    expect(b.uri).toBe('/p?');
    const c = request('/p');
    applyRewrite({ op: 'set-query', value: lit('a=1') }, c);
    expect(c.uri).toBe('/p?a=1');
  });

  it('set-path keeps the query and the authority of an absolute URI; set-pathq replaces both path and query', () => {
    const a = request('http://h:8080/old?q=1');
    applyRewrite({ op: 'set-path', value: lit('/new') }, a);
    expect(a.uri).toBe('http://h:8080/new?q=1');
    applyRewrite({ op: 'set-pathq', value: lit('/p2?z') }, a);
    expect(a.uri).toBe('http://h:8080/p2?z');
  });

  it('set-uri with an absolute URI sets Host to its authority; an origin form leaves Host alone', () => {
    const a = request('/x', [['Host', 'old']]);
    applyRewrite({ op: 'set-uri', value: lit('/y') }, a);
    expect(a.headers).toEqual([{ name: 'Host', value: 'old' }]);
    applyRewrite({ op: 'set-uri', value: lit('https://new.example:8443/z') }, a);
    expect(a.headers).toEqual([{ name: 'host', value: 'new.example:8443' }]);
  });

  it('set-header replaces every occurrence (case-insensitively), add-header appends, del-header -m beg removes by prefix', () => {
    const a = request('/', [['X-A', '1'], ['x-a', '2'], ['X-B', '3']]);
    expect(applyRewrite({ op: 'set-header', name: 'X-A', value: lit('9') }, a)).toBe('X-A: 9');
    expect(a.headers.map((h) => `${h.name}=${h.value}`)).toEqual(['X-B=3', 'X-A=9']);
    applyRewrite({ op: 'add-header', name: 'X-B', value: lit('4') }, a);
    expect(a.headers.filter((h) => h.name === 'X-B').map((h) => h.value)).toEqual(['3', '4']);
    expect(applyRewrite({ op: 'del-header', name: 'x-', match: 'beg' }, a)).toBe('3 x- headers removed');
    expect(a.headers).toEqual([]);
    expect(applyRewrite({ op: 'del-header', name: 'x-', match: 'beg' }, a)).toBeNull();
  });

  it('replace-path makes the whole path the replacement, with its groups; no match leaves it', () => {
    const a = request('/shop/cart?id=3');
    applyRewrite({ op: 'replace-path', regex: '^/shop/(.*)$', value: lit('/store/\\1') }, a);
    expect(a.uri).toBe('/store/cart?id=3');
    expect(applyRewrite({ op: 'replace-path', regex: '^/nothing', value: lit('/x') }, a)).toBeNull();
    expect(a.uri).toBe('/store/cart?id=3');
  });

  it('exp_replace: \\N groups (empty when unmatched), \\xHH bytes, \\C the character', () => {
    const m = /^(a)(b)?/.exec('ac')!;
    expect(expandMatch('[\\1|\\2|\\x41|\\\\|\\z]', m)).toBe('[a||A|\\|z]');
  });
});

describe('http-request rewrites in a scenario', () => {
  it('refuse a rule with the wrong number of arguments, where it is written, with what is expected', () => {
    const res = runScenario('frontend fe\n    bind :80\n    http-request set-path\n    default_backend be\nbackend be\n    server s1 192.0.2.10:80\nscript\n    open A h1\n    A GET /\n');
    const errors = res.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain("'http-request set-path' expects exactly 1 argument");
    expect(errors[0]!.line).toBe(3);
  });

  it('warn and ignore a format with a log-format variable other than %[…]', () => {
    const res = runScenario('frontend fe\n    bind :80\n    http-request set-header X-Client %ci\n    default_backend be\nbackend be\n    server s1 192.0.2.10:80\nscript\n    open A h1\n    A GET /\n');
    expect(res.diagnostics.map((d) => [d.severity, d.line])).toEqual([['warning', 3]]);
    expect(res.trace.some((e) => e.kind === 'note' && e.decision === 'H8')).toBe(false);
  });

  it('note each rewrite (H8) before the route it changed', () => {
    const res = runScenario('frontend fe\n    bind :80\n    http-request set-path /api%[path] if { path_beg /v1 }\n    use_backend api if { path_beg /api }\n    default_backend be\nbackend be\n    server s1 192.0.2.10:80\nbackend api\n    server a1 192.0.2.11:80\nscript\n    open A h1\n    A GET /v1/x\n');
    const kinds = res.trace.filter((e) => e.kind === 'note' || e.kind === 'route').map((e) => `${e.kind} ${e.decision}`);
    expect(kinds).toEqual(['note H8', 'route B1']);
    expect(res.report().requests[0]!.server).toBe('a1');
  });
});
