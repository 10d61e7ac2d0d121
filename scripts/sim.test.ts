/** The command line's contract (scenario-language.md, last section), run as a user would. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const sim = (args: string[], input?: string, env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: root }) => {
  const r = spawnSync(process.execPath, ['scripts/run-bundled.mjs', 'scripts/sim.ts', ...args], { cwd: root, encoding: 'utf8', input, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const SC02 = 'core/examples/sc02.scenario';

describe('npm run sim', () => {
  it('prints the motivating case: 1 server connection at seed, 3 at parent, with decision IDs', () => {
    const seed = sim([SC02]);
    expect(seed.code).toBe(0);
    expect(seed.out).toMatch(/\[R1\]/);
    expect(seed.out).toMatch(/# requests 3, connections opened 1, reused 2/);
    const parent = sim([SC02, '--engine', 'parent']);
    expect(parent.out).toMatch(/connections opened 3/);
    expect(parent.out).toMatch(/\[pD5\]/);
  });

  it('--json gives requests, connections and events', () => {
    const r = sim([SC02, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.requests).toHaveLength(3);
    expect(Object.keys(doc.requests[0])).toEqual(expect.arrayContaining(['client', 'path', 'stream', 'server', 'conn', 'reused', 'status', 'sentAt', 'doneAt', 'decisions']));
    expect(doc.requests.map((q: { conn: string; reused: boolean }) => `${q.conn}:${q.reused}`)).toEqual(['c1:false', 'c1:true', 'c1:true']);
    expect(doc.connections).toEqual([expect.objectContaining({ id: 'c1', server: 'X', closedBy: 'D3', requests: ['r1', 'r2', 'r3'], private: true })]);
    expect(doc.events[0]).toEqual(expect.objectContaining({ t: 0, kind: 'client.open', decision: 'W' }));
    expect(doc.totals).toEqual({ requests: 3, opened: 1, reused: 2, swapped: 0, destroyed: 1 });
  });

  it('--summary prints totals only, and - reads standard input', () => {
    const r = sim(['-', '--summary'], 'backend b\n    server s 1.2.3.4:80\nscript\n    open A h2\n    A GET /\n');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^engine seed \(7c6f8b146\): requests 1, connections opened 1, reused 0, swapped 0, destroyed 0, events \d+$/);
  });

  it('bad input: exit 2 with FILE:LINE:COL: error lines, all of them, no stack trace', () => {
    const r = sim(['-'], 'backend be\n    http-resue safe\n    server s1 1.2.3.4:80\nscript\n    opne A h2\n');
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines[0]).toBe("<stdin>:2:5: error: unknown keyword 'http-resue'; did you mean 'http-reuse'?");
    expect(lines[1]).toMatch(/^<stdin>:5:5: error: unknown statement 'opne'; did you mean 'open'\?/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    expect(r.out).toBe('');
  });

  it('usage errors exit 2: unknown engine, unknown option, missing file', () => {
    expect(sim([SC02, '--engine', 'nope']).code).toBe(2);
    expect(sim([SC02, '--frobnicate']).code).toBe(2);
    const missing = sim(['/nonexistent.scenario']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read \/nonexistent.scenario: ENOENT/);
  });

  it('the usage line names every engine', () => {
    const r = sim(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--engine seed|parent|modern');
  });
});

describe('--json stream numbers', () => {
  it('h2: the stream number; h1: the request index on its connection', () => {
    const text = 'backend b\n    server s 1.2.3.4:80\nscript\n    open A h2\n    open B h1\n    A GET /a\n    B GET /b\n    A GET /c\n    B GET /d\n';
    const doc = JSON.parse(sim(['-', '--json'], text).out);
    expect(doc.requests.map((q: { client: string; stream: number; streamId: string }) => `${q.client}:${q.stream}:${q.streamId}`)).toEqual(['A:1:A/1', 'B:1:B/1', 'A:3:A/3', 'B:2:B/1']);
  });

  it('reads a relative FILE from the directory npm was started in (INIT_CWD)', () => {
    const r = sim(['sc02.scenario', '--summary'], undefined, { ...process.env, INIT_CWD: join(root, 'core/examples') });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/requests 3, connections opened 1/);
  });
});

describe('sweeps (issue 18)', () => {
  const GRID = 'sweep n 1 3\nsweep engine seed modern\nbackend b\n    http-reuse safe\n    server s 1.2.3.4:80\nscript\n    open web[1..$n] h1\n    web[*] GET /\n    web[*] GET /\n    close web[*]\n';
  it('--csv: the swept names then the metrics, one row per combination', () => {
    const r = sim(['-', '--csv'], GRID);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('n,engine,requests,opened,reused,reuse_ratio,peak_conns,idle_end,p50_ms,p95_ms,errors,queued,backlogged');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['1,seed,2,1', '1,modern,2,1', '3,seed,6,3', '3,modern,6,3']);
  });

  it('--json on a sweep: the same rows as an array; without a sweep --json is the trace document, --metrics --json one row', () => {
    const rows = JSON.parse(sim(['-', '--json'], GRID).out);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatchObject({ n: '3', engine: 'modern', requests: 6, idle_end: 3 });
    const plain = GRID.replace(/^sweep.*\n/gm, '').replace('$n', '2');
    expect(JSON.parse(sim(['-', '--json'], plain).out).requests).toHaveLength(4);
    expect(JSON.parse(sim(['-', '--metrics', '--json'], plain).out)).toEqual([expect.objectContaining({ requests: 4, opened: 2 })]);
    expect(sim(['-', '--csv'], plain).out.trim().split('\n')).toHaveLength(2);
  });

  it('--set picks a point (the trace of one combination); unknown $NAME is a located error', () => {
    const r = sim(['-', '--summary', '--set', 'n=3', '--set', 'engine=modern'], GRID);
    expect(r.out).toMatch(/^engine modern .*requests 6, connections opened 3/);
    const bad = sim(['-', '--csv'], GRID.replace('web[1..$n]', 'web[1..$m]'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^<stdin>:7:17: error: unknown parameter '\$m'; expected a declared parameter \(\$n, \$engine\)$/m);
  });
});
