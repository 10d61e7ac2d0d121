import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runScenario } from '../run';
import type { TraceEvent } from '../trace/events';

/*
 * Server maxconn under any mix the language allows (modern engine): clients over h1 and h2 that
 * send, wait and leave while their requests are queued or in flight; servers that close, time out
 * or take their time; queue timeouts and maxqueue. Whatever happens, a server never has more
 * requests in flight than its maxconn, every request ends, and the run ends.
 */

const field = (e: TraceEvent, f: string) => (e as unknown as Record<string, unknown>)[f] as string | undefined;

const scenario = fc
  .record({
    balance: fc.constantFrom('roundrobin', 'leastconn', 'first', 'static-rr', 'uri', 'source'),
    reuse: fc.constantFrom('never', 'safe', 'aggressive', 'always'),
    caps: fc.array(fc.constantFrom(0, 1, 2), { minLength: 1, maxLength: 3 }),
    maxqueue: fc.constantFrom(0, 0, 1, 2),
    queueTimeout: fc.constantFrom('', '    timeout queue 40ms\n', '    timeout queue 300ms\n'),
    serverTimeout: fc.constantFrom('', '    timeout server 120ms\n'),
    redispatch: fc.boolean(),
    extra: fc.constantFrom('', '    s1 close-after 2\n', '    s1 idle-timeout 50ms\n'),
    clients: fc.array(fc.constantFrom('h1', 'h2'), { minLength: 1, maxLength: 4 }),
    actions: fc.array(
      fc.record({
        who: fc.nat(3),
        what: fc.constantFrom('get', 'get', 'get', 'wait', 'close', 'await', 'to'),
        path: fc.constantFrom('/a', '/b', '/c'),
        takes: fc.constantFrom(10, 60, 150),
        wait: fc.constantFrom(5, 30, 90),
      }),
      { minLength: 1, maxLength: 14 },
    ),
  })
  .map((o) => {
    const L = ['engine modern', 'defaults', '    mode http', '    timeout connect 1s', 'backend be', `    balance ${o.balance}`, `    http-reuse ${o.reuse}`];
    if (o.redispatch) L.push('    option redispatch');
    L.push(`${o.queueTimeout}${o.serverTimeout}`.trimEnd());
    o.caps.forEach((m, i) => L.push(`    server s${i + 1} 192.0.2.${10 + i}:80${m ? ` maxconn ${m}` : ''}${m && o.maxqueue ? ` maxqueue ${o.maxqueue}` : ''}`));
    L.push('servers', ...o.caps.map((_, i) => `    s${i + 1} response-time 20ms`), o.extra.trimEnd(), 'script');
    const names = o.clients.map((_, i) => 'ABCD'[i]!);
    o.clients.forEach((p, i) => L.push(`    open ${names[i]} ${p}`));
    for (const a of o.actions) {
      const c = names[a.who % names.length]!;
      if (a.what === 'get') L.push(`    ${c} GET ${a.path} takes ${a.takes}ms &`);
      else if (a.what === 'to') L.push(`    ${c} GET ${a.path} to s${1 + (a.who % o.caps.length)} &`);
      else if (a.what === 'wait') L.push(`    wait ${a.wait}ms`);
      else if (a.what === 'close') L.push(`    close ${c}`);
      else L.push('    await');
    }
    L.push('    await', '');
    return { text: L.filter((l) => l !== '').join('\n') + '\n', caps: o.caps };
  });

describe('server maxconn under any mix of clients, closes and timeouts (modern)', () => {
  it('no server holds more than maxconn requests in flight; every request ends; the run ends', () => {
    // What the runs met: each way out of a queue, at least once.
    const met = new Set<string>();
    fc.assert(
      fc.property(scenario, ({ text, caps }) => {
        const r = runScenario(text);
        expect(r.diagnostics.filter((d) => d.severity === 'error'), text).toEqual([]);
        expect(r.limitReached, text).toBeFalsy();
        const trace = r.trace as readonly TraceEvent[];
        const inFlight = new Map<string, number>();
        const on = new Map<string, string>();
        const end = (req: string | undefined) => {
          const s = req === undefined ? undefined : on.get(req);
          if (s === undefined) return;
          on.delete(req!);
          inFlight.set(s, inFlight.get(s)! - 1);
        };
        const sent = new Set<string>();
        const ended = new Set<string>();
        for (const e of trace) {
          const req = field(e, 'request');
          if (e.kind === 'request.send') sent.add(req!);
          if (e.decision.startsWith('mQ')) met.add(e.decision);
          if (e.kind === 'txn.end' && e.decision === 'mD6' && trace.some((x) => x.decision === 'mQ1' && field(x, 'request') === req)) met.add('queued, then its client left');
          if (e.kind === 'request.done' || e.kind === 'request.error') ended.add(req!);
          if (e.kind === 'request.forward') {
            const s = field(e, 'server')!;
            on.set(req!, s);
            const n = (inFlight.get(s) ?? 0) + 1;
            inFlight.set(s, n);
            const cap = caps[Number(s.slice(1)) - 1]!;
            if (cap > 0) expect(n, `${s} at ${e.t} µs\n${text}`).toBeLessThanOrEqual(cap);
          } else if (e.kind === 'response' || e.kind === 'txn.end' || e.kind === 'request.error' || (e.kind === 'conn.destroy' && req !== undefined)) end(req);
        }
        // (A request an h1 client never sent, as it left first, ends too: with an error.)
        expect([...sent].filter((q) => !ended.has(q)), text).toEqual([]);
      }),
      { numRuns: 400 },
    );
    expect([...met].sort()).toEqual(['mQ1', 'mQ2', 'mQ3', 'mQ4', 'queued, then its client left']);
  });
});
