import { describe, expect, it } from 'vitest';
import { checkScenario } from './compile';
import { ASSUMED_GLOBAL_MAXCONN, fullconnOf, type FrontendReach } from './fullconn';

const fe = (name: string, maxconn: number | null, defaultBackend: string | null, ruleBackends: string[] = [], listen = false): FrontendReach => ({
  name, maxconn, listen, defaultBackend, ruleBackends,
});

describe('fullconn as HAProxy settles it (proxy.c:2518-2584 of v2.6.0)', () => {
  it('a tenth of the maxconn of the frontends that reach the backend, rounded up, at least 1', () => {
    expect(fullconnOf('be', 0, [fe('a', 80, 'be')]).value).toBe(8);
    expect(fullconnOf('be', 0, [fe('a', 81, 'be')]).value).toBe(9);
    expect(fullconnOf('be', 0, [fe('a', 80, 'be'), fe('b', 25, null, ['be'])]).value).toBe(11);
    expect(fullconnOf('be', 0, [fe('a', 80, 'other')]).value).toBe(1);
    expect(fullconnOf('be', 0, []).value).toBe(1);
  });
  it('written, it is taken as written', () => {
    expect(fullconnOf('be', 500, [fe('a', 80, 'be')])).toEqual({ value: 500, assumed: [] });
  });
  it('a frontend counts once per backend: a rule naming its default backend, or one named before, adds nothing', () => {
    expect(fullconnOf('be', 0, [fe('a', 100, 'be', ['be', 'x'])]).value).toBe(10);
    expect(fullconnOf('x', 0, [fe('a', 100, 'be', ['x', 'x', 'be'])]).value).toBe(10);
  });
  it('a listen without default_backend counts for itself; with one, for that one only', () => {
    expect(fullconnOf('web', 0, [fe('web', 50, null, [], true)]).value).toBe(5);
    expect(fullconnOf('web', 0, [fe('web', 50, 'be', [], true)]).value).toBe(1);
  });
  it('a frontend with no maxconn, under no global one, counts the assumed global maxconn and is named', () => {
    const f = fullconnOf('be', 0, [fe('a', null, 'be'), fe('b', 30, 'be')]);
    expect(f.value).toBe(Math.floor((ASSUMED_GLOBAL_MAXCONN + 30 + 9) / 10));
    expect(f.assumed).toEqual(['a']);
  });
});

const BACKEND = `backend be
    server s1 192.0.2.10:80 maxconn 10 minconn 2
    server s2 192.0.2.11:80 maxconn 5
`;

describe('compiling minconn and fullconn (engine modern)', () => {
  const config = (text: string, engine: 'modern' | 'seed' = 'modern') => checkScenario(text, { engine });

  it('maxconn and minconn settle as cfgparse.c:3480-3489 says: a minconn alone or above becomes the maxconn', () => {
    const r = config(`backend be
    server a 192.0.2.10:80 maxconn 10 minconn 2
    server b 192.0.2.11:80 maxconn 5
    server c 192.0.2.12:80 minconn 4
    server d 192.0.2.13:80 maxconn 3 minconn 7
    server e 192.0.2.14:80 maxconn 6 minconn 6
`);
    expect(r.config.backends[0]!.servers.map((s) => [s.name, s.maxconn, s.minconn])).toEqual([
      ['a', 10, 2], ['b', 5, undefined], ['c', 4, undefined], ['d', 7, undefined], ['e', 6, undefined],
    ]);
  });

  it('fullconn is given to a backend only when one of its servers has a dynamic limit', () => {
    const r = config(`global\n    maxconn 200\n${BACKEND}backend other\n    server o1 192.0.2.20:80 maxconn 4\n`);
    expect(r.config.backends.map((b) => [b.name, b.fullconn])).toEqual([['be', 20], ['other', undefined]]);
  });

  it('from the frontends that route to the backend: their maxconn, else the global one', () => {
    const text = `global
    maxconn 300
defaults
    mode http
frontend a
    bind :80
    maxconn 120
    default_backend be
frontend b
    bind :81
    use_backend be if { path_beg /b }
    default_backend other
frontend c
    bind :82
    default_backend other
${BACKEND}backend other
    server o1 192.0.2.20:80
`;
    // a: 120, b: the global 300 (its rule); c reaches only other.
    expect(config(text).config.backends[0]!.fullconn).toBe(42);
    expect(config(text).diagnostics.filter((d) => d.code === 'assumed-fullconn')).toEqual([]);
  });

  it('with no maxconn written anywhere, a warning on the backend says what the simulation assumes', () => {
    const r = config(BACKEND);
    expect(r.config.backends[0]!.fullconn).toBe(Math.floor((ASSUMED_GLOBAL_MAXCONN + 9) / 10));
    const w = r.diagnostics.filter((d) => d.code === 'assumed-fullconn');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', line: 1 });
    expect(w[0]!.message).toMatch(/HAProxy would derive it from the machine's descriptor limit.*write `fullconn N`/);
    expect(config(`defaults\n    fullconn 40\n${BACKEND}`).diagnostics.filter((d) => d.code === 'assumed-fullconn')).toEqual([]);
  });

  it('fullconn reads as HAProxy reads it (atol into an unsigned int), and has no effect in a frontend', () => {
    const r = config(`defaults\n    fullconn 12abc\n${BACKEND}`);
    expect(r.config.backends[0]!.fullconn).toBe(12);
    expect(r.diagnostics.some((d) => /HAProxy would read 'fullconn 12abc' as fullconn 12/.test(d.message))).toBe(true);
    expect(config(`defaults\n    fullconn -1\n${BACKEND}`).config.backends[0]!.fullconn).toBe(2 ** 32 - 1);
    const f = config(`frontend fe\n    bind :80\n    fullconn 5\n    default_backend be\n${BACKEND}`);
    expect(f.diagnostics.some((d) => d.line === 3 && d.severity === 'warning')).toBe(true);
    expect(checkScenario(`defaults\n    fullconn\n${BACKEND}`).diagnostics.some((d) => d.severity === 'error' && d.line === 2)).toBe(true);
  });

  it('seed and parent do not model minconn: a warning, and no dynamic limit', () => {
    const r = config(BACKEND, 'seed');
    expect(r.config.backends[0]!.fullconn).toBeUndefined();
    expect(r.diagnostics.some((d) => /server option 'minconn' is not modelled at engine seed/.test(d.message))).toBe(true);
  });
});
