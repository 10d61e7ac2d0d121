/** `option abortonclose` at engine modern (./modern-abort.ts, mD8), and how it compiles. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { checkScenario } from '../scenario/compile';
import type { TraceEvent } from '../trace/events';

const field = (e: TraceEvent, f: string) => (e as unknown as Record<string, unknown>)[f];

/** A leaves with a2 at the server; B then sends two requests. `where`: the section the option is written in. */
function inflight(proto: 'h1' | 'h2', where: 'backend' | 'defaults' | null, engine = 'modern') {
  return runScenario(`engine ${engine}
defaults
    mode http
    timeout connect 1s
    timeout server 5s
    timeout client 5s${where === 'defaults' ? '\n    option abortonclose' : ''}
backend be
    http-reuse safe${where === 'backend' ? '\n    option abortonclose' : ''}
    server s1 192.0.2.10:80
servers
    s1 response-time 40ms
script
    open A ${proto}
    open B h1
    A GET /a1
    A GET /a2 takes 120ms &
    wait 40ms
    close A
    wait 120ms
    B GET /b1
    B GET /b2
    close B
`);
}

/** The server connection each request went out on. */
const conns = (trace: readonly TraceEvent[]) => trace.filter((e) => e.kind === 'request.forward').map((e) => field(e, 'conn'));

describe('option abortonclose (modern engine, mD8)', () => {
  it('an HTTP/2 client that leaves with its request at the server: the connection is closed at once, never reused', () => {
    const r = inflight('h2', 'backend');
    const trace = r.trace as readonly TraceEvent[];
    const note = trace.find((e) => e.decision === 'mD8')!;
    expect(note).toMatchObject({ kind: 'note', request: 'r2', conn: 'c1' });
    const destroy = trace.find((e) => e.kind === 'conn.destroy' && field(e, 'conn') === 'c1')!;
    expect(destroy.decision).toBe('mD8');
    // Closed when A left (t ≈ 81 ms), not when the response would have come.
    expect(destroy.t).toBe(note.t);
    expect(conns(trace)).toEqual(['c1', 'c1', 'c2', 'c2']);
    // Without the option: the response is dropped and B's second request reuses c1 (mD6).
    expect(conns(inflight('h2', null).trace as readonly TraceEvent[])).toEqual(['c1', 'c1', 'c2', 'c1']);
  });

  it('an HTTP/1 client: 2.6 and 2.8 see its close only with the option in the frontend too; 3.0 and 3.2 with the backend\'s alone', () => {
    const aborted = (t: readonly TraceEvent[]) => t.some((e) => e.decision === 'mD8');
    expect(aborted(inflight('h1', 'backend').trace as readonly TraceEvent[])).toBe(false);
    expect(aborted(inflight('h1', 'backend', 'modern 2.8').trace as readonly TraceEvent[])).toBe(false);
    expect(aborted(inflight('h1', 'defaults').trace as readonly TraceEvent[])).toBe(true);
    for (const v of ['3.0', '3.2']) expect(aborted(inflight('h1', 'backend', `modern ${v}`).trace as readonly TraceEvent[]), v).toBe(true);
  });

  it('a queued request whose HTTP/2 client leaves: out of the queue, no server; the slot goes to the next', () => {
    const r = runScenario(`engine modern
defaults
    mode http
    timeout connect 1s
    timeout server 5s
backend be
    option abortonclose
    server s1 192.0.2.10:80 maxconn 1
script
    open A h1
    open B h2
    open C h1
    A GET /1 takes 200ms &
    wait 20ms
    B GET /2 takes 100ms &
    wait 10ms
    C GET /3 takes 100ms &
    wait 20ms
    close B
    await
`);
    const trace = r.trace as readonly TraceEvent[];
    expect(trace.find((e) => e.decision === 'mD8')).toMatchObject({ request: 'r2' });
    expect(trace.filter((e) => e.kind === 'request.forward').map((e) => field(e, 'request'))).toEqual(['r1', 'r3']);
    // C's request took the slot when A's ended, without waiting for B's.
    const granted = trace.find((e) => e.decision === 'mQ2')!;
    expect([field(granted, 'request'), Math.round(granted.t / 1000)]).toEqual(['r3', 201]);
  });

  it('an HTTP/2 server connection left without a stream goes to the pool at once (3.0: gen-4700188)', () => {
    const text = readFileSync(new URL('../../scripts/verify/scenarios/abortonclose-h2-server-pooled.scenario', import.meta.url), 'utf8');
    const at = (engine: string) => {
      const t = runScenario(text.replace('engine modern', `engine ${engine}`)).trace as readonly TraceEvent[];
      const pooled = t.find((e) => e.kind === 'list.add' && field(e, 'conn') === 'c2' && field(e, 'list') !== 'avail')!;
      return { decision: pooled.decision, ms: Math.round(pooled.t / 1000), r4: t.find((e) => e.kind === 'request.forward' && field(e, 'request') === 'r4')!.conn };
    };
    // 3.0 sees A's close (the backend's option alone): the stream is reset and c2 pooled as A leaves.
    expect(at('modern 3.0')).toEqual({ decision: 'mD8', ms: 126, r4: 'c2' });
    // 2.6 does not: c2 is pooled once the dropped response has come (mD6).
    expect(at('modern')).toMatchObject({ decision: 'mD6', r4: 'c2' });
  });

  it('compiles to the backend (modern only) and to the frontends that have it from defaults', () => {
    const text = (sec: string) => `defaults\n    mode http\n${sec === 'defaults' ? '    option abortonclose\n' : ''}frontend fe\n    bind :80\n${sec === 'frontend' ? '    option abortonclose\n' : ''}    default_backend be\nbackend be\n${sec === 'backend' ? '    option abortonclose\n' : ''}    server s1 192.0.2.10:80\n`;
    const c = (sec: string, engine: 'modern' | 'seed' = 'modern') => checkScenario(text(sec), { engine });
    expect([c('backend').config.backends[0]!.abortOnClose, c('backend').config.frontendAbortOnClose]).toEqual([true, undefined]);
    expect([c('defaults').config.backends[0]!.abortOnClose, c('defaults').config.frontendAbortOnClose]).toEqual([true, true]);
    // Written in a frontend, HAProxy ignores it (not capable): a warning, and nothing set.
    const f = c('frontend');
    expect([f.config.backends[0]!.abortOnClose, f.config.frontendAbortOnClose]).toEqual([undefined, undefined]);
    expect(f.diagnostics.some((d) => d.line === 5 && d.severity === 'warning')).toBe(true);
    const seed = c('backend', 'seed');
    expect(seed.config.backends[0]!.abortOnClose).toBeUndefined();
    expect(seed.diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining('option abortonclose is not modelled at engine seed'));
  });
});
