import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import type { TraceEvent } from '../trace/events';

// `retry-on` at engine modern (mL1, L7 retries; do_l7_retry, http_ana.c:1233-1285 of v2.6.0, with the
// count checked before it is incremented as in 2.6.12). The scenarios are verify's: each matches
// 2.6.12, 3.0.0 and 3.4.0 (scripts/verify/retry-on.test.ts).
const scenario = (name: string) => readFileSync(join(import.meta.dirname, `../../scripts/verify/scenarios/${name}.scenario`), 'utf8');
const trace = (text: string) => runScenario(text).trace as readonly TraceEvent[];
const forwards = (t: readonly TraceEvent[], id: string) => t.filter((e) => e.kind === 'request.forward' && e.request === id).map((e) => (e as { conn: string }).conn);
const status = (t: readonly TraceEvent[], id: string) => (t.find((e) => e.kind === 'request.done' && e.request === id) as { status?: number } | undefined)?.status;

describe('retry-on (L7 retries)', () => {
  it('a listed status is retried `retries` times: a first request on new connections, a later one on its own', () => {
    const t = trace(scenario('retry-on-status'));
    expect(forwards(t, 'r1')).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(new Set(forwards(t, 'r3'))).toEqual(new Set(['c1']));
    expect(forwards(t, 'r3')).toHaveLength(4);
    expect(t.filter((e) => e.kind === 'note' && e.decision === 'mL1' && e.request === 'r1')).toHaveLength(3);
    expect(status(t, 'r1')).toBe(503);
    // retries 1: one retry.
    expect(forwards(trace(scenario('retry-on-status').replace('    retry-on 503', '    retries 1\n    retry-on 503')), 'r1')).toHaveLength(2);
  });

  it('without retry-on, or at seed (1.9 has no retry-on: a warning), the 503 is passed on at once', () => {
    const text = scenario('retry-on-status');
    expect(forwards(trace(text.replace('    retry-on 503\n', '')), 'r1')).toEqual(['c1']);
    const seed = runScenario(text.replace('engine modern', 'engine seed'));
    expect(seed.diagnostics.find((d) => d.line === 13)?.message).toBe("'retry-on' did not exist at 7c6f8b146 (engine seed); ignored by this engine");
    expect(forwards(seed.trace as readonly TraceEvent[], 'r1')).toHaveLength(1);
  });

  it('empty-response: the request whose connection the server closes gets its answer on a new one', () => {
    const t = trace(scenario('retry-on-empty'));
    expect(forwards(t, 'r2')).toEqual(['c1', 'c2']);
    expect(status(t, 'r2')).toBe(200);
    const d = t.find((e) => e.kind === 'conn.destroy' && (e as { conn: string }).conn === 'c1') as { closer?: string };
    expect(d.closer).toBe('server');
  });

  it('without conn-failure a refused connection is not retried (C3 absent), with it C3 retries', () => {
    const t = trace(scenario('retry-on-no-connfail'));
    expect(t.some((e) => e.decision === 'C3' && e.request === 'r1')).toBe(false);
    expect(status(t, 'r1')).toBeUndefined();
    expect(t.some((e) => e.decision === 'C3' && e.request === 'r2')).toBe(true);
  });
});
