import { describe, expect, it } from 'vitest';
import type { EngineName } from './ast';
import { checkScenario, compileScenario, keywordInfo, parseScenario, printScenario } from './index';

/** Line and columns (1-based, end exclusive) of the `nth` occurrence of `needle`. */
function at(text: string, needle: string, nth = 0): { line: number; column: number; endLine: number; endColumn: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`'${needle}' not in text`);
  const before = text.slice(0, i).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  return { line, column, endLine: line, endColumn: column + needle.length };
}
const check = (text: string, engine?: EngineName) => checkScenario(text, engine ? { engine } : {});
const errors = (text: string, engine?: EngineName) => check(text, engine).diagnostics.filter((d) => d.severity === 'error');
const warnings = (text: string, engine?: EngineName) => check(text, engine).diagnostics.filter((d) => d.severity === 'warning');

const ALL = `frontend fe
    max-session-srv-conns 2
    default_backend be

backend be
    server s1 192.0.2.10:80 proto h2 max-reuse 10 pool-max-conn 4 pool-low-conn 1 pool-purge-delay 500ms
    server s2 192.0.2.11:80 check pool-max-conn 0 weight 3

servers
    s1 max-streams 8
`;

const MODERN_DEFAULTS = { proto: 'h1', maxReuse: -1, poolMaxConn: -1, poolLowConn: 0, poolPurgeDelayUs: 5_000_000, maxStreams: 100 };

describe('modern engine: the keywords are compiled', () => {
  it('every keyword, and the defaults of what is not written', () => {
    const text = `engine modern\n${ALL}`;
    const r = check(text);
    // `check` is modelled (health checks): nothing to say.
    expect(r.diagnostics).toEqual([]);
    expect(r.config.maxSessionSrvConns).toBe(2);
    expect(r.config.backends[0]!.servers).toMatchObject([
      { name: 's1', proto: 'h2', maxReuse: 10, poolMaxConn: 4, poolLowConn: 1, poolPurgeDelayUs: 500_000, maxStreams: 8 },
      { name: 's2', ...MODERN_DEFAULTS, poolMaxConn: 0 },
    ]);
  });
  it('defaults: proto h1, max-reuse -1, pool-max-conn -1, pool-low-conn 0, pool-purge-delay 5s, max-streams 100, max-session-srv-conns 5', () => {
    const r = check('engine modern\nbackend be\n  server s1 192.0.2.10:80\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.config.backends[0]!.servers[0]).toMatchObject(MODERN_DEFAULTS);
    expect(r.config.maxSessionSrvConns).toBe(5);
  });
  it('-1 (unlimited) is accepted by max-reuse and pool-max-conn; the last occurrence on a line wins', () => {
    const r = check('engine modern\nbackend be\n  server s1 192.0.2.10:80 max-reuse -1 pool-max-conn -1 proto h2 proto h1\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.config.backends[0]!.servers[0]).toMatchObject({ maxReuse: -1, poolMaxConn: -1, proto: 'h1' });
  });
  it('max-session-srv-conns: inherited from defaults, read from the entry frontend or listen, ignored in a backend', () => {
    expect(check('engine modern\ndefaults\n  max-session-srv-conns 0\nbackend be\n  server s1 192.0.2.10:80\n').config.maxSessionSrvConns).toBe(0);
    expect(check('engine modern\ndefaults\n  max-session-srv-conns 3\nfrontend fe\n  max-session-srv-conns 7\n  default_backend be\nbackend be\n  server s1 192.0.2.10:80\n').config.maxSessionSrvConns).toBe(7);
    expect(check('engine modern\nlisten web\n  max-session-srv-conns 1\n  server s1 192.0.2.10:80\n').config.maxSessionSrvConns).toBe(1);
    const text = 'engine modern\nbackend be\n  max-session-srv-conns 9\n  server s1 192.0.2.10:80\n';
    const r = check(text);
    expect(r.config.maxSessionSrvConns).toBe(5);
    expect(r.diagnostics).toMatchObject([{ severity: 'warning', code: 'ignored-in-section', ...at(text, 'max-session-srv-conns 9') }]);
  });
});

describe('seed and parent: warnings, never errors, and the defaults', () => {
  for (const [engine, commit] of [['seed', '7c6f8b146'], ['parent', '131fd89d5']] as const) {
    it(`${engine}: each keyword is a located warning; the config has the defaults`, () => {
      const text = `engine ${engine}\n${ALL}`;
      const r = check(text);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const ws = r.diagnostics.filter((d) => d.code === 'not-in-engine');
      const said = (kw: string) => `'${kw}' did not exist at ${commit} (engine ${engine}); ignored by this engine`;
      expect(ws).toEqual([
        expect.objectContaining({ severity: 'warning', message: said('max-session-srv-conns'), ...at(text, 'max-session-srv-conns 2') }),
        expect.objectContaining({ severity: 'warning', message: 'HAProxy at this commit rejects `proto h2` on a server (server.c:522-526); the simulation talks HTTP/1.1 to it', ...at(text, 'proto h2') }),
        expect.objectContaining({ severity: 'warning', message: said('max-reuse'), ...at(text, 'max-reuse 10') }),
        expect.objectContaining({ severity: 'warning', message: said('pool-max-conn'), ...at(text, 'pool-max-conn 4') }),
        expect.objectContaining({ severity: 'warning', message: said('pool-low-conn'), ...at(text, 'pool-low-conn 1') }),
        expect.objectContaining({ severity: 'warning', message: said('pool-purge-delay'), ...at(text, 'pool-purge-delay 500ms') }),
        expect.objectContaining({ severity: 'warning', message: said('pool-max-conn'), ...at(text, 'pool-max-conn 0') }),
      ]);
      expect(r.config.maxSessionSrvConns).toBe(5);
      // max-streams is accepted by every engine (it only matters for an h2 server)
      expect(r.config.backends[0]!.servers).toMatchObject([{ ...MODERN_DEFAULTS, maxStreams: 8 }, MODERN_DEFAULTS]);
    });
  }
  it('the exact message for pool-max-conn at seed', () => {
    const text = 'backend be\n  server s1 192.0.2.10:80 pool-max-conn 3\n';
    expect(warnings(text)).toEqual([expect.objectContaining({
      code: 'not-in-engine', message: "'pool-max-conn' did not exist at 7c6f8b146 (engine seed); ignored by this engine",
      line: 2, column: 27, endLine: 2, endColumn: 42,
    })]);
  });
  it('max-session-srv-conns in defaults and listen sections too', () => {
    const text = 'engine parent\ndefaults\n  max-session-srv-conns 1\nlisten web\n  max-session-srv-conns 4\n  server s1 192.0.2.10:80\n';
    const r = check(text);
    expect(r.diagnostics.map((d) => [d.severity, d.line, d.column, d.endColumn])).toEqual([['warning', 3, 3, 26], ['warning', 5, 3, 26]]);
    expect(r.config.maxSessionSrvConns).toBe(5);
  });
  it('an invalid value is an error only, not also a warning', () => {
    expect(check('backend be\n  server s1 192.0.2.10:80 pool-max-conn x\n').diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'expected-number']]);
  });
});

describe('the effective engine decides (the CLI --engine, runScenario({ engine }))', () => {
  const text = `engine modern\n${ALL}`;
  it('a modern file run as seed warns and compiles the defaults', () => {
    const r = check(text, 'seed');
    expect(r.config.engine).toBe('seed');
    expect(r.diagnostics.filter((d) => d.code === 'not-in-engine')).toHaveLength(7);
    expect(r.config.backends[0]!.servers[0]).toMatchObject({ proto: 'h1', maxReuse: -1 });
  });
  it('a seed file run as modern does not warn and compiles the values', () => {
    const r = check(`engine seed\n${ALL}`, 'modern');
    expect(r.diagnostics.filter((d) => d.code === 'not-in-engine')).toEqual([]);
    expect(r.config.backends[0]!.servers[0]).toMatchObject({ proto: 'h2', maxReuse: 10 });
  });
  it('compileScenario takes the option as well', () => {
    const ast = parseScenario(text).ast;
    expect(compileScenario(ast, { engine: 'parent' }).diagnostics.filter((d) => d.code === 'not-in-engine')).toHaveLength(7);
    expect(compileScenario(ast).diagnostics.filter((d) => d.code === 'not-in-engine')).toEqual([]);
  });
});

describe('proto', () => {
  const text = 'backend be\n  server s1 192.0.2.10:80 proto h2\n  server s2 192.0.2.11:80 proto h1\n';
  it('modern: h2 and h1 as written, no diagnostic', () => {
    const r = check(text, 'modern');
    expect(r.diagnostics).toEqual([]);
    expect(r.config.backends[0]!.servers.map((s) => s.proto)).toEqual(['h2', 'h1']);
  });
  for (const engine of ['seed', 'parent'] as const) {
    it(`${engine}: h2 is a warning on 'proto h2' and compiles as h1; h1 says nothing`, () => {
      const r = check(text, engine);
      expect(r.diagnostics).toEqual([expect.objectContaining({
        severity: 'warning', code: 'not-in-engine', ...at(text, 'proto h2'),
        message: 'HAProxy at this commit rejects `proto h2` on a server (server.c:522-526); the simulation talks HTTP/1.1 to it',
      })]);
      expect(r.config.backends[0]!.servers.map((s) => s.proto)).toEqual(['h1', 'h1']);
    });
  }
  it('fcgi is real but not modelled: a warning, h1', () => {
    const t = 'engine modern\nbackend be\n  server s1 192.0.2.10:9000 proto fcgi\n';
    const r = check(t);
    expect(r.diagnostics).toMatchObject([{ severity: 'warning', code: 'not-modelled', ...at(t, 'fcgi') }]);
    expect(r.config.backends[0]!.servers[0]!.proto).toBe('h1');
  });
});

describe('option transparent', () => {
  it('a backend with no server sends requests to the original destination (a pseudo target, like dispatch)', () => {
    const r = check('engine modern\nbackend be\n  option transparent\n  source 0.0.0.0 usesrc clientip\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.config.backends[0]!.servers).toEqual([]);
    expect(r.config.backends[0]!.dispatch).toEqual({
      name: 'transparent', addr: 'original destination', sendProxy: false, sni: false, usesrc: 'clientip', disabled: false,
      connectUs: 1_000, responseUs: 5_000, closeAfter: 0, finAfter: 0, idleTimeoutUs: 0, auth: null, refuse: false, ...MODERN_DEFAULTS, dispatch: true,
    });
  });
  it('every engine; inherited from defaults; listen', () => {
    for (const engine of ['seed', 'parent', 'modern'] as const) {
      expect(check('backend be\n  option transparent\n', engine).config.backends[0]!.dispatch).toMatchObject({ name: 'transparent' });
    }
    expect(check('defaults\n  option transparent\nbackend be\n  mode http\n').config.backends[0]!.dispatch).toMatchObject({ name: 'transparent' });
    expect(check('listen web\n  option transparent\n').config).toMatchObject({ defaultBackend: 'web', backends: [{ dispatch: { name: 'transparent' } }] });
  });
  it('a frontend using such a backend is not a "no server" error', () => {
    expect(errors('frontend fe\n  default_backend be\nbackend be\n  option transparent\n')).toEqual([]);
    // Without server HAProxy answers 503 (a warning; the engine answers so).
    expect(errors('frontend fe\n  default_backend be\nbackend be\n  mode http\n')).toEqual([]);
    expect(check('frontend fe\n  default_backend be\nbackend be\n  mode http\n').diagnostics.map((d) => [d.severity, d.code])).toContainEqual(['warning', 'no-server']);
  });
  it('dispatch takes precedence (HAProxy checks it first)', () => {
    expect(check('backend be\n  option transparent\n  dispatch 192.0.2.20:80\n').config.backends[0]!.dispatch).toMatchObject({ name: 'dispatch', addr: '192.0.2.20:80' });
  });
  it('with servers: not modelled (warning on the option, once), no pseudo target', () => {
    const text = 'defaults\n  option transparent\nfrontend fe\n  default_backend a\n  use_backend b if { path_beg /b }\nbackend a\n  server s1 192.0.2.10:80\nbackend b\n  server s2 192.0.2.11:80\n';
    const r = check(text);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'not-modelled', ...at(text, 'option transparent') })]);
    expect(r.config.backends.map((b) => b.dispatch)).toEqual([undefined, undefined]);
  });
  it('in a frontend: no effect (warning)', () => {
    const text = 'frontend fe\n  option transparent\n  default_backend be\nbackend be\n  server s1 192.0.2.10:80\n';
    expect(check(text).diagnostics).toMatchObject([{ severity: 'warning', code: 'ignored-in-section', ...at(text, 'option transparent') }]);
  });
  it('the dispatch pseudo target also has the new fields at their defaults', () => {
    expect(check('backend be\n  dispatch 192.0.2.20:80\n', 'modern').config.backends[0]!.dispatch).toMatchObject({ name: 'dispatch', ...MODERN_DEFAULTS, dispatch: true });
  });
});

describe('servers section: max-streams', () => {
  it('every engine; later lines win; default 100', () => {
    const text = 'backend be\n  server s1 192.0.2.10:80 proto h2\n  server s2 192.0.2.11:80\nservers\n  s1 max-streams 1\n  s1 max-streams 250\n';
    for (const engine of ['seed', 'parent', 'modern'] as const) {
      const r = check(text, engine);
      expect(r.diagnostics.filter((d) => d.code !== 'not-in-engine')).toEqual([]);
      expect(r.config.backends[0]!.servers.map((s) => s.maxStreams)).toEqual([250, 100]);
    }
  });
  it('invalid counts and unknown servers are located errors', () => {
    const text = 'backend be\n  server s1 192.0.2.10:80\nservers\n  s1 max-streams 0\n  s1 max-streams many\n  s1 max-streams\n  s9 max-streams 4\n  s1 max-stream 4\n';
    expect(errors(text).map((d) => [d.code, d.line, d.column, d.endColumn, d.suggestion])).toEqual([
      ['out-of-range', 4, 18, 19, undefined],
      ['expected-number', 5, 18, 22, undefined],
      ['missing-argument', 6, 6, 17, undefined],
      ['unknown-server', 7, 3, 5, undefined],
      ['unknown-property', 8, 6, 16, 'max-streams'],
    ]);
    expect(errors(text)[0]!.message).toBe("invalid stream limit '0' for max-streams; expected a whole number from 1 to 1000000");
  });
});

describe('invalid values: located errors that say what was expected', () => {
  const cases: [string, string, string, string | undefined][] = [
    // [line, word the error is on, code, suggestion]
    ['  server s1 192.0.2.10:80 proto h3', 'h3', 'invalid-value', undefined],
    ['  server s1 192.0.2.10:80 proto H2', 'H2', 'invalid-value', 'h2'],
    ['  server s1 192.0.2.10:80 proto http2', 'http2', 'invalid-value', 'h2'],
    ['  server s1 192.0.2.10:80 pool-max-conn -2', '-2', 'expected-number', undefined],
    ['  server s1 192.0.2.10:80 pool-low-conn -1', '-1', 'expected-number', undefined],
    ['  server s1 192.0.2.10:80 max-reuse ten', 'ten', 'expected-number', undefined],
    ['  server s1 192.0.2.10:80 pool-max-conn 99999999999', '99999999999', 'out-of-range', undefined],
    ['  server s1 192.0.2.10:80 pool-purge-delay 5x', '5x', 'expected-duration', undefined],
    ['  server s1 192.0.2.10:80 pool-purge-delay', 'pool-purge-delay', 'missing-argument', undefined],
    ['  max-session-srv-conns -1', '-1', 'expected-number', undefined],
    ['  max-session-srv-conns', 'max-session-srv-conns', 'missing-argument', undefined],
    ['  max-session-srv-conns 1 2', '2', 'unexpected-argument', undefined],
  ];
  for (const [line, word, code, suggestion] of cases) {
    it(line.trim(), () => {
      for (const engine of ['seed', 'modern'] as const) {
        const text = `listen web\n${line}\n  server s0 192.0.2.9:80\n`;
        const e = errors(text, engine);
        expect(e).toHaveLength(1);
        // the word on line 2 (`ten` is also in `listen`)
        const column = line.lastIndexOf(word) + 1;
        expect(e[0]).toMatchObject({ code, line: 2, column, endLine: 2, endColumn: column + word.length });
        expect(e[0]!.suggestion).toBe(suggestion);
        expect(e[0]!.message).toMatch(/expected/);
      }
    });
  }
  it('proto h3: the message lists h1 and h2', () => {
    expect(errors('backend be\n  server s1 192.0.2.10:80 proto h3\n')[0]!.message).toBe("unknown proto 'h3'; expected h1 or h2");
    expect(errors('backend be\n  server s1 192.0.2.10:80 proto H2\n')[0]!.message).toBe("unknown proto 'H2'; expected h1 or h2; did you mean 'h2'?");
    expect(errors('backend be\n  server s1 192.0.2.10:80 pool-max-conn -2\n')[0]!.message).toBe("invalid count '-2' for pool-max-conn; expected a whole number from 0 to 1000000000, or -1 (unlimited)");
  });
});

describe('default-server', () => {
  const text = `defaults
    default-server pool-purge-delay 1s proto h2
backend a
    server s1 192.0.2.10:80
    default-server max-reuse 3 pool-max-conn 2 inter 3s
    server s2 192.0.2.11:80 pool-max-conn 7
    default-server proto h1
    server s3 192.0.2.12:80
backend b
    server s4 192.0.2.13:80
frontend fe
    default_backend a
    use_backend b if { path_beg /b }
`;
  it('modern: a defaults section\'s apply to the sections after it, a backend\'s to the server lines below; the server line wins', () => {
    const r = check(text, 'modern');
    // `inter 3s` is a health-check timer (modelled), without `check` it sets nothing.
    expect(r.diagnostics).toEqual([]);
    const [a, b] = r.config.backends;
    expect(a!.servers.map((s) => s.check)).toEqual([undefined, undefined, undefined]);
    expect(a!.servers).toMatchObject([
      { name: 's1', ...MODERN_DEFAULTS, poolPurgeDelayUs: 1_000_000, proto: 'h2' },
      { name: 's2', ...MODERN_DEFAULTS, poolPurgeDelayUs: 1_000_000, proto: 'h2', maxReuse: 3, poolMaxConn: 7 },
      { name: 's3', ...MODERN_DEFAULTS, poolPurgeDelayUs: 1_000_000, proto: 'h1', maxReuse: 3, poolMaxConn: 2 },
    ]);
    expect(b!.servers).toMatchObject([{ name: 's4', ...MODERN_DEFAULTS, poolPurgeDelayUs: 1_000_000, proto: 'h2' }]);
  });
  it('seed: one warning where each option is written (not per server), and the defaults', () => {
    const r = check(text, 'seed');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const said = (kw: string) => `'${kw}' did not exist at 7c6f8b146 (engine seed); ignored by this engine`;
    expect(r.diagnostics.filter((d) => d.code === 'not-in-engine')).toEqual([
      expect.objectContaining({ ...at(text, 'pool-purge-delay 1s'), message: said('pool-purge-delay') }),
      expect.objectContaining({ ...at(text, 'proto h2'), message: expect.stringContaining('rejects `proto h2`') }),
      expect.objectContaining({ ...at(text, 'max-reuse 3'), message: said('max-reuse') }),
      expect.objectContaining({ ...at(text, 'pool-max-conn 2'), message: said('pool-max-conn') }),
      expect.objectContaining({ ...at(text, 'pool-max-conn 7'), message: said('pool-max-conn') }),
    ]);
    for (const s of r.config.backends.flatMap((b) => b.servers)) expect(s).toMatchObject(MODERN_DEFAULTS);
  });
  it('the other modelled options apply to the servers below too; values are checked; in a frontend it has no effect', () => {
    const t = 'defaults\n  default-server send-proxy sni str(x) source 0.0.0.0 usesrc client check\nbackend be\n  default-server proto h9\n  server s1 192.0.2.10:80\nfrontend fe\n  default-server proto h2\n  default_backend be\n';
    const r = check(t, 'modern');
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['error', 'invalid-value', 4], ['warning', 'ignored-in-section', 7]]);
    expect(r.config.backends[0]!.servers[0]).toMatchObject({ sendProxy: true, sni: true, usesrc: 'client', ...MODERN_DEFAULTS });
    // A default-server's health checks are the servers' below it (every engine has them).
    expect(r.config.backends[0]!.servers[0]!.check).toEqual({ interUs: 2_000_000, fastinterUs: 0, downinterUs: 0, rise: 2, fall: 3, http: false, timeoutUs: 0, connectTimeoutUs: 0 });
  });
});

describe('keyword docs and printing', () => {
  it('each new keyword is documented as modelled, saying which engine uses it', () => {
    const rows = [
      keywordInfo('server-option', 'proto'), keywordInfo('server-option', 'max-reuse'), keywordInfo('server-option', 'pool-max-conn'),
      keywordInfo('server-option', 'pool-low-conn'), keywordInfo('server-option', 'pool-purge-delay'),
      keywordInfo('proxy', 'max-session-srv-conns'), keywordInfo('servers', 'max-streams'), keywordInfo('option', 'transparent'),
    ];
    for (const k of rows) {
      expect(k, JSON.stringify(k)).toMatchObject({ modelled: true });
      expect(k!.doc).toMatch(/modern|every engine/i);
    }
    for (const name of ['max-reuse', 'pool-max-conn', 'pool-low-conn', 'pool-purge-delay', 'proto']) expect(keywordInfo('server-option', name)!.args).toBe(1);
    expect(keywordInfo('server-option', 'proto')!.values).toEqual(['h1', 'h2']);
    expect(keywordInfo('proxy', 'option')!.values).toContain('transparent');
  });
  it('print(parse(x)) keeps every new form, and parses back to the same AST', () => {
    const text = `engine modern\n${ALL}\ndefaults\n    option transparent\n`;
    const ast = parseScenario(text).ast;
    const printed = printScenario(ast);
    expect(printed).toContain('server s1 192.0.2.10:80 proto h2 max-reuse 10 pool-max-conn 4 pool-low-conn 1 pool-purge-delay 500ms');
    expect(printed).toContain('    max-session-srv-conns 2');
    expect(printed).toContain('    s1 max-streams 8');
    expect(printed).toContain('    option transparent');
    expect(printScenario(parseScenario(printed).ast)).toBe(printed);
    // Routing tables hold config line numbers, which printing may shift.
    const { routing: _a, ...printedConfig } = check(printed).config;
    const { routing: _b, ...textConfig } = check(text).config;
    expect(printedConfig).toEqual(textConfig);
  });
});
