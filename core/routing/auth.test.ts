/**
 * Basic authentication against userlists (auth.ts, scenario/routing/userlists.ts); the same
 * configuration runs against the real binary in core/test/haproxy-routing.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../scenario';
import { base64Decode, basicCredentials } from './auth';
import { evalCond } from './evaluate';
import type { RequestView } from './request';

const req = (authorization?: string): RequestView => ({
  method: 'GET', uri: '/', version: '1.1', src: '192.0.2.1', dstPort: 80, ssl: false, sni: null,
  headers: authorization === undefined ? [] : [{ name: 'Authorization', value: authorization }],
});
const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;

const CFG = `userlist L
    group ops users carol
    group dev
    user alice insecure-password s3cret groups dev
    user bob password $5$salt$hash
    user carol insecure-password pw
frontend fe
    acl ok http_auth(L)
    acl is_ops http_auth_group(L) ops
    http-request deny if !ok
    http-request deny if !is_ops
    default_backend b
backend b
    server s 192.0.2.9:80
`;

describe('basic credentials (get_http_auth)', () => {
  it('decodes base64 with or without padding; a bad character fails', () => {
    expect(base64Decode('YWxpY2U6czNjcmV0')).toBe('alice:s3cret');
    expect(base64Decode('eDp5')).toBe('x:y');
    expect(base64Decode('YQ==')).toBe('a');
    expect(base64Decode('a*b')).toBeNull();
  });
  it('reads Basic (any case, several blanks), not Bearer nor a value without colon', () => {
    expect(basicCredentials(req(basic('a:b:c')))).toEqual({ user: 'a', pass: 'b:c' });
    expect(basicCredentials(req(`bAsIc   ${Buffer.from('u:p').toString('base64')}`))).toEqual({ user: 'u', pass: 'p' });
    expect(basicCredentials(req('Bearer abc'))).toBeNull();
    expect(basicCredentials(req(`Basic ${Buffer.from('nocolon').toString('base64')}`))).toBeNull();
    expect(basicCredentials(req())).toBeNull();
  });
});

describe('userlists and http_auth / http_auth_group', () => {
  const r = checkScenario(CFG);
  const [ok, ops] = r.config.routing!.proxies.fe!.httpRequest.map((x) => x.cond!);
  it('a hashed password is a warning (the simulation has no crypt); nothing else is said', () => {
    expect(r.diagnostics.map((d) => [d.severity, d.line])).toEqual([['warning', 5]]);
    expect(r.diagnostics[0]!.message).toMatch(/bob's password is a crypt\(3\) hash/);
  });
  it('http_auth: the right clear-text password of a user of the list', () => {
    expect(evalCond(ok!, req(basic('alice:s3cret'))).value).toBe(false); // !ok is false: allowed
    expect(evalCond(ok!, req(basic('alice:nope'))).value).toBe(true);
    expect(evalCond(ok!, req(basic('bob:anything'))).value).toBe(true);
    expect(evalCond(ok!, req()).value).toBe(true);
  });
  it('http_auth_group: the groups a user names and those that name it', () => {
    expect(evalCond(ops!, req(basic('carol:pw'))).value).toBe(false);
    expect(evalCond(ops!, req(basic('alice:s3cret'))).value).toBe(true);
  });
  it('HAProxy refuses an unknown group, an unknown member and an unknown userlist: errors where they are written', () => {
    const bad = checkScenario(CFG.replace('groups dev', 'groups devs').replace('users carol', 'users carl').replace('http_auth(L)', 'http_auth(M)'));
    const errors = bad.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.line, d.message]);
    expect(errors.slice(0, 3)).toEqual([
      [2, "userlist 'L': no such user 'carl' specified in group 'ops'"],
      [4, "userlist 'L': no such group 'devs' specified in user 'alice'"],
      [8, expect.stringMatching(/http_auth: unable to find userlist 'M'/)],
    ]);
  });
});
