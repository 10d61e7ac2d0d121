/**
 * Per-run state lives in the run: an engine module keeps none in its globals (it declares a
 * RunLocal slot and reads sim.local(slot)). A module-level collection is allowed only as a
 * cache of a pure function of the configuration, named here with its reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';

const dir = import.meta.dirname;
const sources = [
  ...readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')),
  ...readdirSync(join(dir, 'runtime')).filter((f) => f.endsWith('.ts')).map((f) => `runtime/${f}`),
];

/** Module-level collections that hold no run's state. */
const CACHES: Record<string, string> = {
  'common.ts LIST_LABELS': 'labels made once per server config ("s1 idle list"), the same in every run',
  'routeRequest.ts SCOPED_VARS': 'whether a routing sets sess./proc. variables: a pure function of the configuration',
};

/** Top-level `const|let NAME = new Map|Set|WeakMap|WeakSet|Array…`, and top-level `let`. */
function moduleState(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:export\s+)?(const|let|var)\s+(\w+)\b[^=\n]*=\s*(.*)$/gm)) {
    const [, decl, name, init] = m;
    const collection = /^new\s+(?:Weak)?(?:Map|Set)\b|^\[\s*\]/.test(init!);
    if ((decl !== 'const' || collection) && !CACHES[`${file} ${name}`]) found.push(`${file} ${name}`);
  }
  return found;
}

describe('engines keep per-run state in the run', () => {
  it('reads every engine and runtime module', () => {
    expect(sources).toEqual(expect.arrayContaining(['modern.ts', 'modern-session.ts', 'modern-lb.ts', 'seed.ts', 'parent.ts', 'runtime/driver.ts']));
  });

  it('finds a module-level collection or `let` when there is one', () => {
    expect(moduleState('x.ts', 'const pools = new WeakMap<Sim, number>();\nlet n = 0;\nconst A = 1;\n')).toEqual(['x.ts pools', 'x.ts n']);
  });

  it('no engine or runtime module keeps a collection or a variable at module level', () => {
    const found = sources.flatMap((f) => moduleState(f, readFileSync(join(dir, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('two runs of one scenario in one process give the same trace (nothing carries over)', () => {
    // NTLM (P3, prefer-last), leastconn, send-proxy hashes and pool purges all use the slots.
    const text = [
      'engine modern',
      'backend be',
      '    mode http',
      '    balance leastconn',
      '    http-reuse always',
      '    server s1 192.0.2.10:80',
      '    server s2 192.0.2.11:80 send-proxy',
      'script',
      '    open A h1',
      '    open B h1',
      '    A GET / -> 401 ntlm',
      '    B GET /',
      '    A GET /',
      '    B GET /',
      '    wait 2s',
      '    close A',
      '    close B',
      '',
    ].join('\n');
    const first = runScenario(text);
    expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const decisions = new Set(first.trace.map((e) => e.decision));
    for (const d of ['P3', 'mA1', 'mP1', 'mR5']) expect(decisions, d).toContain(d);
    const second = runScenario(text);
    expect(second.trace).toEqual(first.trace);
  });
});
