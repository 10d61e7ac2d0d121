import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runScenario } from '../run';
import type { TraceEvent } from '../trace/events';
import { applyEvent, emptyWorld } from '../model/world';

/** A modern scenario: backend lines, then clients c1..cN each sending one request (path, takes) `gap` ms apart. */
function run(backend: string[], reqs: readonly { path: string; takes: number }[], gapMs = 20, engine = 'modern') {
  const L = [`engine ${engine}`, 'defaults', '    mode http', '    timeout connect 1s', '    timeout server 10s', 'backend be', ...backend.map((l) => `    ${l}`), 'script'];
  reqs.forEach((_, i) => L.push(`    open c${i + 1} h1`));
  reqs.forEach((q, i) => L.push(`    c${i + 1} GET ${q.path} takes ${q.takes}ms &`, `    wait ${gapMs}ms`));
  L.push('    await', '');
  const r = runScenario(L.join('\n'));
  return { r, trace: r.trace as readonly TraceEvent[] };
}

const field = (e: TraceEvent, f: string) => (e as unknown as Record<string, unknown>)[f];
/** Per request: the server it went to (its last assign), its status and when it finished (ms). */
function outcome(trace: readonly TraceEvent[]) {
  const out = new Map<string, { server?: string; status?: number; at?: number }>();
  for (const e of trace) {
    const id = field(e, 'request') as string | undefined;
    if (!id) continue;
    const o = out.get(id) ?? {};
    if (e.kind === 'assign') o.server = field(e, 'server') as string;
    if (e.kind === 'request.done' || e.kind === 'request.error') {
      o.status = field(e, 'status') as number;
      o.at = e.t / 1000;
    }
    out.set(id, o);
  }
  return out;
}

const long = (n: number, takes = 300) => Array.from({ length: n }, (_, i) => ({ path: `/${i + 1}`, takes }));

describe('server maxconn and the queues (modern engine, queue.c / backend.c of v2.6.0)', () => {
  it('every server full: later requests wait in the backend queue, in order, and go to the server that frees first', () => {
    const { trace } = run(['server s1 192.0.2.10:80 maxconn 1', 'server s2 192.0.2.11:80 maxconn 1'], long(4));
    expect(trace.filter((e) => e.decision === 'mQ1').map((e) => field(e, 'request'))).toEqual(['r3', 'r4']);
    const o = outcome(trace);
    expect([...o.values()].map((x) => x.server)).toEqual(['s1', 's2', 's1', 's2']);
    // r3 starts when r1 ends (t ≈ 301 ms), not when it was sent.
    expect(o.get('r3')!.at!).toBeGreaterThan(600);
    expect(trace.find((e) => e.kind === 'assign' && e.decision === 'mQ2')).toMatchObject({ request: 'r3', server: 's1' });
  });

  it('the world says which requests wait, and where (the diagram reads it)', () => {
    const { trace } = run(['balance uri', 'server s1 192.0.2.10:80 maxconn 1', 'server s2 192.0.2.11:80 maxconn 1'], [
      { path: '/a', takes: 300 }, { path: '/a', takes: 100 }, { path: '/b', takes: 300 }, { path: '/c', takes: 100 },
    ]);
    const w = emptyWorld(['s1', 's2']);
    const seen: (string | null | undefined)[] = [];
    for (const e of trace) {
      applyEvent(w, e);
      if (e.decision.startsWith('mQ')) seen.push(`${e.decision} ${[...w.requests.values()].filter((r) => r.queued != null).map((r) => `${r.id}@${r.queued}`).join(' ')}`);
    }
    expect(seen[0]).toBe('mQ1 r2@s1');
    expect(seen[seen.length - 1]).toMatch(/^mQ2 ?$/);
  });

  it('without maxconn nothing waits (the same requests all start at once)', () => {
    const { trace } = run(['server s1 192.0.2.10:80', 'server s2 192.0.2.11:80'], long(4));
    expect(trace.filter((e) => e.decision.startsWith('mQ'))).toEqual([]);
    expect(Math.max(...[...outcome(trace).values()].map((x) => x.at!))).toBeLessThan(400);
  });

  it('roundrobin skips a full server and keeps the turn of the others', () => {
    const { trace } = run(['http-reuse never', 'server s1 192.0.2.10:80 maxconn 1', 'server s2 192.0.2.11:80', 'server s3 192.0.2.12:80 maxconn 1'], long(6, 400));
    expect([...outcome(trace).values()].map((x) => x.server)).toEqual(['s1', 's2', 's3', 's2', 's2', 's2']);
  });

  it('a hashed request waits in its server\'s queue while another server serves', () => {
    const { trace } = run(['balance uri', 'http-reuse never', 'server s1 192.0.2.10:80 maxconn 1', 'server s2 192.0.2.11:80 maxconn 1'], [
      { path: '/a', takes: 300 }, { path: '/a', takes: 100 }, { path: '/b', takes: 100 },
    ]);
    const q = trace.find((e) => e.decision === 'mQ1')!;
    expect(q).toMatchObject({ request: 'r2', server: 's1' });
    const o = outcome(trace);
    expect(o.get('r3')!.at!).toBeLessThan(200);
    expect(o.get('r2')!.at!).toBeGreaterThan(300);
    expect(trace.find((e) => e.decision === 'mQ2')).toMatchObject({ kind: 'note', request: 'r2', server: 's1' });
  });

  it('balance first fills the servers in order of their ids (lb_fas.c), at every engine', () => {
    const lines = ['balance first', 'http-reuse never', 'server s1 192.0.2.10:80 id 5 maxconn 1', 'server s2 192.0.2.11:80 id 3 maxconn 1'];
    expect([...outcome(run(lines, long(2)).trace).values()].map((x) => x.server)).toEqual(['s2', 's1']);
    for (const engine of ['seed', 'parent']) expect([...outcome(run(lines, long(2), 20, engine).trace).values()].map((x) => x.server)).toEqual(['s2', 's2']);
  });

  it('timeout queue ends the wait with 503; unset, timeout connect does', () => {
    const withQueue = outcome(run(['timeout queue 100ms', 'server s1 192.0.2.10:80 maxconn 1'], long(2, 400)).trace).get('r2')!;
    expect(withQueue.status).toBe(503);
    expect(withQueue.at!).toBeCloseTo(20 + 100, 0);
    const connect = run(['timeout connect 50ms', 'server s1 192.0.2.10:80 maxconn 1'], long(2, 400));
    expect(outcome(connect.trace).get('r2')).toMatchObject({ status: 503 });
    expect(outcome(connect.trace).get('r2')!.at!).toBeCloseTo(20 + 50, 0);
    expect(connect.trace.find((e) => e.decision === 'mQ3')).toMatchObject({ request: 'r2' });
  });

  it('maxqueue: one more than the queue holds gets 503 at once; with option redispatch a request that named its server is balanced again', () => {
    const full = outcome(run(['balance uri', 'server s1 192.0.2.10:80 maxconn 1 maxqueue 1', 'server s2 192.0.2.11:80'], [
      { path: '/a', takes: 300 }, { path: '/a', takes: 100 }, { path: '/a', takes: 100 },
    ]).trace);
    expect(full.get('r3')).toMatchObject({ status: 503 });
    expect(full.get('r3')!.at!).toBeCloseTo(40, 0);
    const ruled = ['use-server s1 if { path_beg /a }', 'server s1 192.0.2.10:80 maxconn 1 maxqueue 1', 'server s2 192.0.2.11:80'];
    const reqs = [{ path: '/a', takes: 300 }, { path: '/a', takes: 100 }, { path: '/a', takes: 100 }];
    expect(outcome(run(ruled, reqs).trace).get('r3')).toMatchObject({ status: 503 });
    expect(outcome(run(['option redispatch', ...ruled], reqs).trace).get('r3')).toMatchObject({ status: 200, server: 's2' });
  });

  it('a queued request whose client leaves stays queued, reaches the server in turn, and its response is dropped (mD6)', () => {
    const text = ['engine modern', 'backend be', '    http-reuse always', '    server s1 192.0.2.10:80 maxconn 1', 'script', '    open A h1', '    open B h1',
      '    A GET /1 takes 200ms &', '    wait 20ms', '    B GET /2 takes 100ms &', '    wait 30ms', '    close B', '    wait 40ms', '    await', '    close A', ''].join('\n');
    const trace = runScenario(text).trace as readonly TraceEvent[];
    const r2 = trace.filter((e) => field(e, 'request') === 'r2');
    expect(r2.find((e) => e.kind === 'request.error')!.t).toBe(50_000);
    const fwd = r2.find((e) => e.kind === 'request.forward')!;
    expect(fwd.t).toBeGreaterThan(200_000);
    expect(field(fwd, 'conn')).toBe('c1');
    expect(r2.find((e) => e.kind === 'txn.end')).toMatchObject({ decision: 'mD6', conn: 'c1' });
  });

  it('minconn: the limit grows with the requests in the backend, the ending one still counted (srv_dynamic_maxconn, queue.c:103-124)', () => {
    const { trace } = run(['fullconn 8', 'http-reuse always', 'server s1 192.0.2.10:80 maxconn 4 minconn 1'], long(4));
    // 2 and 3 in the backend: limit max(1, 4·n/8) = 1; 4: limit 2, but r4 waits behind r2 and r3.
    expect(trace.filter((e) => e.decision === 'mQ1').map((e) => field(e, 'request'))).toEqual(['r2', 'r3', 'r4']);
    const o = outcome(trace);
    // r1 ends with 4 in the backend (limit 2): r2 and r3 go on together; r2's end leaves 3 (limit 1): r4 waits for r3.
    const granted = trace.filter((e) => e.kind === 'assign' && e.decision === 'mQ2');
    expect(granted.map((e) => [field(e, 'request'), Math.round(e.t / 1000)])).toEqual([['r2', 301], ['r3', 301], ['r4', 602]]);
    expect(o.get('r4')!.at!).toBeGreaterThan(900);
    // Each grant says the limit and why.
    expect(granted[0]!.conds).toContainEqual(expect.objectContaining({ label: 'maxconn 4, now 2 (minconn 1, 4 of fullconn 8 in the backend)' }));
  });

  it('minconn equal to maxconn, or above it, is a fixed limit: the same run as maxconn alone', () => {
    const fixed = run(['server s1 192.0.2.10:80 maxconn 2'], long(5)).trace;
    for (const line of ['server s1 192.0.2.10:80 maxconn 2 minconn 2', 'server s1 192.0.2.10:80 minconn 2', 'server s1 192.0.2.10:80 maxconn 1 minconn 2']) {
      expect([...outcome(run(['fullconn 8', line], long(5)).trace)], line).toEqual([...outcome(fixed)]);
    }
  });

  it('seed and parent do not queue: maxconn warns there and changes nothing', () => {
    for (const engine of ['seed', 'parent']) {
      const { r, trace } = run(['server s1 192.0.2.10:80 maxconn 1'], long(3), 20, engine);
      expect(r.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining(`'maxconn' is not modelled at engine ${engine}`)]);
      expect(trace.filter((e) => e.decision.startsWith('mQ'))).toEqual([]);
    }
  });

  it('property: a server never has more than maxconn requests in flight (with or without a minconn), and every request ends', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('roundrobin', 'leastconn', 'first', 'static-rr', 'uri'),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 3 }),
        fc.array(fc.record({ path: fc.constantFrom('/a', '/b', '/c', '/d'), takes: fc.integer({ min: 10, max: 200 }) }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 30 }),
        fc.option(fc.record({ minconn: fc.integer({ min: 1, max: 2 }), fullconn: fc.integer({ min: 1, max: 12 }) })),
        (balance, caps, reqs, gap, dynamic) => {
          const min = dynamic ? ` minconn ${dynamic.minconn}` : '';
          const servers = caps.map((m, i) => `server s${i + 1} 192.0.2.${10 + i}:80 maxconn ${m}${i === 1 ? ' weight 2' : min}`);
          const { trace } = run([`balance ${balance}`, 'timeout queue 5s', ...(dynamic ? [`fullconn ${dynamic.fullconn}`] : []), ...servers], reqs, gap);
          const inFlight = new Map<string, number>();
          const at = new Map<string, string>();
          for (const e of trace) {
            const id = field(e, 'request') as string;
            if (e.kind === 'request.forward') {
              const s = field(e, 'server') as string;
              at.set(id, s);
              inFlight.set(s, (inFlight.get(s) ?? 0) + 1);
              // A minconn above the maxconn becomes the maxconn (cfgparse.c:3480-3485).
              const cap = Math.max(caps[Number(s.slice(1)) - 1]!, s !== 's2' && dynamic ? dynamic.minconn : 0);
              expect(inFlight.get(s)!, `${s} at ${e.t}`).toBeLessThanOrEqual(cap);
            }
            if ((e.kind === 'request.done' || e.kind === 'request.error') && at.has(id)) inFlight.set(at.get(id)!, inFlight.get(at.get(id)!)! - 1);
          }
          const ended = trace.filter((e) => e.kind === 'request.done' || e.kind === 'request.error').length;
          expect(ended).toBe(reqs.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
