import { describe, expect, it } from 'vitest';
import { checkScenario } from './compile';
import { runScenario } from '../run';

const BODY = `
backend be
    http-reuse always
    server s1 127.0.0.1:8001 proto h2
servers
    s1 response-time 50ms
script
    open A h1
    A GET /1 -> 401 ntlm
    open B h1
    B GET /2
`;

describe('engine modern VERSION', () => {
  it('no version is 2.6, as before the setting existed; 2.8, 3.0 and 3.2 are their own engines', () => {
    expect(checkScenario(`engine modern\n${BODY}`).config.modernVersion).toBeUndefined();
    expect(runScenario(`engine modern\n${BODY}`).commit).toBe('v2.6.0');
    expect(runScenario(`engine modern 2.6\n${BODY}`).commit).toBe('v2.6.0');
    expect(runScenario(`engine modern 2.8\n${BODY}`).commit).toBe('v2.8.0');
    expect(runScenario(`engine modern 3.0\n${BODY}`).commit).toBe('v3.0.0');
    expect(runScenario(`engine modern 3.2\n${BODY}`).commit).toBe('v3.2.0');
  });

  it('an unknown version is a located error naming the known ones', () => {
    const d = checkScenario(`engine modern 3.1\n${BODY}`).diagnostics.filter((x) => x.severity === 'error');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'unknown-engine-version', line: 1, column: 15 });
    expect(['3.0', '3.2']).toContain(d[0]!.suggestion);
    expect(d[0]!.message).toContain('expected one of 2.6, 2.8, 3.0, 3.2');
    // Not a version of seed or parent: an extra word, as before.
    expect(checkScenario(`engine seed 3.0\n${BODY}`).diagnostics.some((x) => x.severity === 'error')).toBe(true);
  });

  it('a run option overrides it, and --engine seed drops it', () => {
    expect(runScenario(`engine modern\n${BODY}`, { version: '3.0' }).commit).toBe('v3.0.0');
    expect(runScenario(`engine modern 3.0\n${BODY}`, { engine: 'seed' }).engine).toBe('seed');
  });

  it('3.0: an NTLM challenge on an h2 connection no session keeps leaves it shared (2.6: private to A)', () => {
    const conns = (text: string) => runScenario(text).trace.filter((e) => e.kind === 'conn.new').map((e) => e.conn);
    // 2.6 (P3): c1 becomes A's, B opens c2. 3.0: B reuses c1.
    expect(conns(`engine modern\n${BODY}`)).toEqual(['c1', 'c2']);
    expect(conns(`engine modern 3.0\n${BODY}`)).toEqual(['c1']);
    const note = runScenario(`engine modern 3.0\n${BODY}`).trace.find((e) => e.kind === 'note' && e.decision === 'P3');
    expect(note?.message).toMatch(/HAProxy 3\.0 ignores the 401 challenge on c1/);
    // An h1 server connection: the same in both.
    const h1 = BODY.replace(' proto h2', '');
    expect(conns(`engine modern 3.0\n${h1}`)).toEqual(conns(`engine modern\n${h1}`));
  });
});
