/** Parameters and sweeps (issue 18): substitution, the lines' forms, located errors. */
import { describe, expect, it } from 'vitest';
import { checkScenario } from './compile';
import { parseScenario } from './parser';

const BODY = `backend be
    mode http
    http-reuse $mode
    timeout server $t
    server X 192.0.2.10:80 pool-max-conn $max
servers
    X response-time $rt
script
    open web[1..$clients] h1
    web[*] GET /
`;
const HEAD = 'param mode safe\nparam t 10s\nparam max 4\nparam rt 30ms\nsweep clients 2 3\n';

describe('$NAME substitution', () => {
  it('stands for a count, a duration, a reuse mode and a modern option, each with its value', () => {
    const c = checkScenario(HEAD + BODY, { engine: 'modern' });
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const be = c.config.backends[0]!;
    expect(be.reuse).toBe('safe');
    expect(c.config.timeouts.server).toBe(10_000_000);
    expect(be.servers[0]!.poolMaxConn).toBe(4);
    expect(be.servers[0]!.responseUs).toBe(30_000);
    const open = c.plan[0]!;
    expect(open.kind === 'open' && open.clients.kind === 'range' && open.clients.to).toBe(2);
  });

  it('takes the values it is given (a sweep point), the first value otherwise', () => {
    const c = checkScenario(HEAD + BODY, { values: { clients: '3', mode: 'always' } });
    const open = c.plan[0]!;
    expect(open.kind === 'open' && open.clients.kind === 'range' && open.clients.to).toBe(3);
    expect(c.config.backends[0]!.reuse).toBe('always');
  });

  it('a parameter named engine chooses the engine when there is no engine line', () => {
    const text = 'sweep engine seed parent modern\nbackend b\n    server s 1.2.3.4:80\nscript\n    open A h1\n';
    expect(checkScenario(text).config.engine).toBe('seed');
    expect(checkScenario(text, { values: { engine: 'modern' } }).config.engine).toBe('modern');
    expect(checkScenario('param e parent\nengine $e\n' + text.split('\n').slice(1).join('\n')).config.engine).toBe('parent');
  });

  it('keeps each word where it was written: an error in a value points at the word with $NAME', () => {
    const text = 'param t soon\nscript\n    wait $t\n';
    const d = parseScenario(text).diagnostics.find((x) => x.severity === 'error')!;
    expect([d.line, d.column, d.code]).toEqual([3, 10, 'expected-duration']);
  });

  it('unknown $NAME: one located error with a did-you-mean, not its echoes', () => {
    const text = 'param clients 3\nscript\n    open web[1..$clientz] h1\n';
    const ds = parseScenario(text).diagnostics.filter((d) => d.severity === 'error');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'unknown-param', line: 3, column: 17, endColumn: 25, suggestion: '$clients' });
    expect(ds[0]!.message).toMatch(/unknown parameter '\$clientz'.*did you mean '\$clients'\?/);
  });

  it('a scenario that declares no parameter keeps $ as text (old scenarios keep their meaning)', () => {
    const r = parseScenario('script\n    open A h1\n    A GET /a$b\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const st = r.ast.script[1]!;
    expect(st.kind === 'request' && st.path).toBe('/a$b');
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'unknown-param' });
  });

  it("a name that is a member of every object ($valueOf, $constructor) is no parameter", () => {
    const none = parseScenario('script\n    open A h1\n    A GET /$valueOf\n');
    const st = none.ast.script[1]!;
    expect(st.kind === 'request' && st.path).toBe('/$valueOf');
    const some = parseScenario('param x 1\nscript\n    open A h1\n    A GET /$constructor\n');
    expect(some.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['unknown-param']);
  });

  it('leaves quoted text and a $ without a name alone', () => {
    const r = parseScenario('param x 1\nbackend b\n    acl api path_reg ^/a$\n    log-format "${HOME}$x"\n    server s 1.2.3.4:80\n');
    expect(r.diagnostics.filter((d) => d.code === 'unknown-param')).toEqual([]);
  });
});

describe('param, sweep and seed lines', () => {
  const params = (text: string) => parseScenario(text + 'script\n').ast.params;
  it('lists values; counts FROM..TO step S, with a unit, with decimals', () => {
    expect(params('sweep n 1 2 5\n')![0]!.values).toEqual(['1', '2', '5']);
    expect(params('sweep n 10..50 step 20\n')![0]!.values).toEqual(['10', '30', '50']);
    expect(params('sweep rt 10ms..40ms step 10ms\n')![0]!.values).toEqual(['10ms', '20ms', '30ms', '40ms']);
    expect(params('sweep x 0.1..0.3 step 0.1\n')![0]!.values).toEqual(['0.1', '0.2', '0.3']);
    expect(params('sweep n 1..3\n')![0]!.values).toEqual(['1', '2', '3']);
    expect(parseScenario('seed 42\nscript\n').ast.seed?.value).toBe(42);
  });

  it('an old scenario has neither params nor seed in its syntax tree', () => {
    const ast = parseScenario('backend b\n    server s 1.2.3.4:80\nscript\n    open seed h1\n    seed GET /\n    open plot h1\n    plot GET /\n').ast;
    expect('params' in ast || 'seed' in ast || 'plot' in ast).toBe(false);
    expect(ast.script).toHaveLength(4);
  });

  const errors = (text: string) => parseScenario(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.code}`);
  it('reports bad lines where they are', () => {
    expect(errors('sweep a 1 2\nsweep b 1 2\nsweep c 1 2\nscript\n')).toEqual(['3:1 too-many-sweeps']);
    expect(errors('param a 1\nparam a 2\nscript\n')).toEqual(['2:7 duplicate-param']);
    expect(errors('param 9a 1\nscript\n')).toEqual(['1:7 invalid-name']);
    expect(errors('param a\nscript\n')).toEqual(['1:1 missing-argument']);
    expect(errors('sweep a 50..10\nscript\n')).toEqual(['1:9 invalid-range']);
    expect(errors('sweep a 10ms..50s step 10ms\nscript\n')).toEqual(['1:9 invalid-range']);
    expect(errors('sweep a 1..5000\nscript\n')).toEqual(['1:9 out-of-range']);
    expect(errors('seed -1\nscript\n')).toEqual(['1:6 expected-number']);
    expect(errors('script\n    param a 1\n')).toEqual(['2:5 misplaced-param']);
    expect(errors('plot\nscript\n')).toEqual(['1:1 missing-argument']);
    expect(errors('plot errors p95_ms\nscript\n')).toEqual(['1:13 unexpected-argument']);
    expect(errors('plot errors\nplot opened\nscript\n')).toEqual(['2:1 duplicate-plot']);
    const d = parseScenario('plot error\nscript\n').diagnostics[0]!;
    expect(d).toMatchObject({ code: 'unknown-metric', line: 1, column: 6, suggestion: 'errors' });
    expect(d.message).toContain('expected one of requests, opened');
  });
  it('plot METRIC: the metric a sweep chart shows first', () => {
    expect(parseScenario('sweep n 1 2\nplot p95_ms\nscript\n').ast.plot?.metric).toBe('p95_ms');
  });
});

describe('printing', () => {
  it('prints param, sweep and seed lines; a parameter named engine stays a parameter', async () => {
    const { printScenario } = await import('./print');
    const text = 'sweep engine seed parent modern\nsweep n 1..3\nparam rt 5ms\nseed 9\nplot errors\nbackend b\n    server s 1.2.3.4:80\nscript\n    open web[1..$n] h1\n';
    const printed = printScenario(parseScenario(text).ast);
    expect(printed.split('\n').slice(0, 5)).toEqual(['sweep engine seed parent modern', 'sweep n 1 2 3', 'param rt 5ms', 'seed 9', 'plot errors']);
    expect(printed).not.toMatch(/^engine /m);
    const back = parseScenario(printed, { values: { engine: 'modern' } }).ast;
    expect(back.engine?.text).toBe('modern');
    expect(back.seed?.value).toBe(9);
  });
});

describe('engine line and engine parameter', () => {
  it('an engine line that does not use $engine wins, with a warning on the parameter', () => {
    const r = parseScenario('sweep engine seed modern\nengine parent\nscript\n');
    expect(r.ast.engine?.text).toBe('parent');
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'param-engine-ignored', line: 1, column: 7 })]);
    expect(parseScenario('sweep engine seed modern\nengine $engine\nscript\n', { values: { engine: 'modern' } }).diagnostics).toEqual([]);
  });
});
