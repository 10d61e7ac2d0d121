/**
 * http-request tarpit and reject (HAProxy 2.6.0 http_act.c, http_ana.c:520-549, 829-869): the
 * tarpit's wait is the timeout of the proxy that runs the rule; reject answers nothing.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../index';

const cfg = (defaults: string, fe: string, be = '') => `engine modern
defaults
    mode http
${defaults}
frontend fe
${fe}
    default_backend b
backend b
${be}
    server s 192.0.2.1:80
`;
const answers = (text: string) =>
  runScenario(text).trace.filter((e) => e.kind === 'answer').map((e) => ({ t: e.t, status: e.status ?? null, by: e.answeredBy, decision: e.decision }));

describe('http-request tarpit', () => {
  const script = 'script\n    open A h1\n    A GET /tp\n';
  it("waits the rule's proxy's timeout tarpit, else its own timeout connect; a frontend does not inherit defaults' connect", () => {
    expect(answers(`${cfg('    timeout connect 700ms', '    http-request tarpit if { path /tp }')}${script}`)).toEqual([{ t: 0, status: 500, by: 'http-request tarpit', decision: 'H6' }]);
    expect(answers(`${cfg('    timeout connect 700ms', '    timeout connect 300ms\n    http-request tarpit if { path /tp }')}${script}`)[0]!.t).toBe(300_000);
    expect(answers(`${cfg('    timeout connect 700ms\n    timeout tarpit 2s', '    http-request tarpit if { path /tp }')}${script}`)[0]!.t).toBe(2_000_000);
    expect(answers(`${cfg('    timeout connect 700ms', '', '    http-request tarpit deny_status 429 if { path /tp }')}${script}`)).toEqual([{ t: 700_000, status: 429, by: 'http-request tarpit', decision: 'H6' }]);
  });
  it('a client that closes first ends the held request', () => {
    const res = runScenario(`${cfg('    timeout connect 700ms', '', '    http-request tarpit if { path /tp }')}script\n    open A h1\n    A GET /tp &\n    wait 100ms\n    close A\n`);
    expect(res.trace.filter((e) => e.kind === 'answer')).toEqual([]);
    expect(res.report().requests[0]!.status ?? null).toBeNull();
  });
});

describe('http-request reject', () => {
  it('closes the client connection without a response; every stream of an h2 connection ends', () => {
    const res = runScenario(`${cfg('', '    http-request reject if { path /rj }')}script\n    open A h2\n    A GET /slow takes 1s &\n    A GET /rj &\n    await\n`);
    expect(answers(`${cfg('', '    http-request reject if { path /rj }')}script\n    open A h1\n    A GET /rj\n`)).toEqual([{ t: 0, status: null, by: 'http-request reject', decision: 'H7' }]);
    const reqs = res.report().requests;
    expect(reqs.map((r) => r.status ?? null)).toEqual([null, null]);
    expect(res.trace.filter((e) => e.kind === 'client.close').map((e) => e.closer)).toEqual(['proxy']);
  });
});
