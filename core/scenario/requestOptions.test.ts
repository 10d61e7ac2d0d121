import { describe, expect, it } from 'vitest';
import { parseScenario, printScenario } from './index';

const parse = (script: string) => parseScenario(`backend b\n  server s 192.0.2.1:80\nscript\n${script}`);

describe('requests that carry what routing needs', () => {
  it('any method, a query string, host and repeated headers, in any order among the old options', () => {
    const r = parse('  open A h1\n  A POST /x?a=1&b=2 header "X-Api: 1" host api.example.com to s header \'X-Two: a, b\' takes 5ms &\n');
    expect(r.diagnostics).toEqual([]);
    const st = r.ast.script[1]!;
    expect(st).toMatchObject({ kind: 'request', method: 'POST', path: '/x?a=1&b=2', background: true, takesUs: 5000, host: { text: 'api.example.com' } });
    expect(st.kind === 'request' && st.headers!.map((h) => h.text)).toEqual(['"X-Api: 1"', "'X-Two: a, b'"]);
  });
  it('open with a source address and TLS with SNI', () => {
    const r = parse('  open A h2 tls sni example.com from 203.0.113.7\n  open B h1 tls\n  open C h1 from 2001:db8::1\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.ast.script.map((s) => s.kind === 'open' && [s.from?.text ?? null, s.tls ? (s.tls.sni?.text ?? '') : null])).toEqual([
      ['203.0.113.7', 'example.com'], [null, ''], ['2001:db8::1', null],
    ]);
  });
  it('old forms keep their syntax tree: no new fields appear', () => {
    const r = parse('  open A h1\n  A GET /x -> 401 ntlm close to s\n');
    expect(Object.keys(r.ast.script[0]!).sort()).toEqual(['clients', 'kind', 'proto', 'span']);
    expect('host' in r.ast.script[1]! || 'headers' in r.ast.script[1]!).toBe(false);
  });
  it('prints back to the same forms', () => {
    const text = '  open A h2 from 203.0.113.7 tls sni example.com\n  A POST /x?y=1 to s host example.com header "X-A: 1" header "X-B: 2" &\n';
    const printed = printScenario(parse(text).ast);
    expect(printed).toContain('open A h2 from 203.0.113.7 tls sni example.com');
    expect(printed).toContain('A POST /x?y=1 to s host example.com header "X-A: 1" header "X-B: 2" &');
    expect(printScenario(parseScenario(printed).ast)).toBe(printed);
  });
  it('bad forms: located errors that say what is expected', () => {
    const msgs = (s: string) => parse(s).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(msgs('  open A h1\n  A GET / header X-Api\n')).toEqual([`5:18 invalid header X-Api; expected "NAME: VALUE" in quotes, e.g. header "X-Api: 1"`]);
    expect(msgs('  open A h1\n  A GET / host\n')[0]).toMatch(/^5:11 missing a host name such as example.com after 'host'/);
    expect(msgs('  open A h1 from nowhere\n')[0]).toMatch(/^4:18 invalid source address 'nowhere'; expected an IPv4 or IPv6 address/);
    expect(msgs('  open A h1 tls sni\n')[0]).toMatch(/missing name after 'sni'/);
    expect(msgs('  open A h1 tsl\n')[0]).toMatch(/unexpected 'tsl' after 'open A h1'.*did you mean 'tls'/);
  });
});
