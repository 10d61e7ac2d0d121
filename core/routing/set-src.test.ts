/**
 * `req.hdr_ip` (smp_fetch_hdr_ip, http_fetch.c:1007-1040 of v2.6.0) and `http-request set-src`
 * (tcp_action_req_set_src): at 2.6 the request's own client address (the stream's), at 1.9 the
 * client connection's (proto_tcp.c:1154-1180 of 7c6f8b146), which its later requests keep. The
 * real binaries' side: scripts/verify/set-src.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { EngineName } from '../scenario/ast';
import { runScenario } from '../index';
import { addressIn } from './sample';

const scenario = (engine: EngineName, rule: string, requests: string[]) => [
  `engine ${engine}`,
  'defaults', '    mode http',
  'frontend fe', '    bind :80', `    ${rule}`, '    use_backend inside if { src 10.0.0.0/8 }', '    default_backend outside',
  'backend inside', '    server s1 192.0.2.10:80',
  'backend outside', '    server s2 192.0.2.11:80',
  'script', '    open A h1', ...requests.map((r) => `    A GET / ${r}`.trimEnd()), '',
].join('\n');

const backends = (engine: EngineName, rule: string, requests: string[]) => {
  const r = runScenario(scenario(engine, rule, requests));
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.trace.filter((e) => e.kind === 'route').map((e) => e.backend);
};

const SET = 'http-request set-src hdr_ip(X-Real-IP) if { req.hdr(X-Real-IP) -m found }';
const REQUESTS = ['header "X-Real-IP: 10.1.2.3"', '', 'header "X-Real-IP: 192.0.2.77"', 'header "X-Real-IP: 10.9.9.9:5555"', 'header "X-Real-IP: junk"'];

describe('http-request set-src', () => {
  it('modern: the request is routed by the address it gives; the next request starts from the real one', () => {
    expect(backends('modern', SET, REQUESTS)).toEqual(['inside', 'outside', 'outside', 'inside', 'outside']);
  });

  it('seed: the client connection keeps the address for its later requests, and a value that is no address leaves it', () => {
    expect(backends('seed', SET, REQUESTS)).toEqual(['inside', 'inside', 'outside', 'inside', 'inside']);
  });

  it('the trace says what it set (H8)', () => {
    const r = runScenario(scenario('modern', SET, REQUESTS.slice(0, 1)));
    expect(r.trace.find((e) => e.kind === 'note' && e.decision === 'H8')?.message).toMatch(/source address 10\.1\.2\.3 \(line 6 of fe: http-request set-src/);
  });

  it('a string sample is read as an address too; an unmodelled fetch makes the rule ignored, with a warning', () => {
    expect(backends('modern', 'http-request set-src req.hdr(X-Real-IP)', ['header "X-Real-IP: 10.0.0.1"'])).toEqual(['inside']);
    const r = runScenario(scenario('modern', 'http-request set-src req.body', ['']));
    expect(r.diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(/fetch 'req.body' is not modelled by the simulation: this rule is ignored/));
  });
});

describe('req.hdr_ip', () => {
  it('reads IPv4 addresses (with or without a port) and IPv6 ones, and nothing else', () => {
    expect(['1.2.3.4', '1.2.3.4:80', '::1', '::ffff:1.2.3.4', '2001:db8::1', '1:2:3:4:5:6:7:8'].map((v) => addressIn(v))).toEqual([
      '1.2.3.4', '1.2.3.4', '::1', '::ffff:1.2.3.4', '2001:db8::1', '1:2:3:4:5:6:7:8',
    ]);
    expect(['junk', '1.2.3', '1.2.3.256', '1::2::3', '1:2:3:4:5:6:7:8:9', '1.2.3.4:99999', ''].map((v) => addressIn(v))).toEqual(Array(7).fill(null));
    // set-src's cast of a string takes no port.
    expect(addressIn('1.2.3.4:80', false)).toBeNull();
  });

  it('an ACL tries every address of the header (X-Forwarded-For lists them, comma-separated)', () => {
    const rule = 'acl inner hdr_ip(X-Forwarded-For) 10.0.0.0/8';
    const text = (xff: string) => [
      'engine modern', 'defaults', '    mode http', 'frontend fe', '    bind :80', `    ${rule}`, '    use_backend inside if inner', '    default_backend outside',
      'backend inside', '    server s1 192.0.2.10:80', 'backend outside', '    server s2 192.0.2.11:80',
      'script', '    open A h1', `    A GET / header "X-Forwarded-For: ${xff}"`, '',
    ].join('\n');
    const route = (xff: string) => runScenario(text(xff)).trace.find((e) => e.kind === 'route')?.backend;
    expect(route('192.0.2.5, 10.1.1.1')).toBe('inside');
    expect(route('10.1.1.1:8080')).toBe('inside');
    expect(route('192.0.2.5, junk')).toBe('outside');
  });
});
