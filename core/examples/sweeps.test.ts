import { describe, expect, it } from 'vitest';
import { SWEEP_EXAMPLES } from './sweeps';
import { EXAMPLES, findExample } from './index';
import { LOAD_EXAMPLES } from './load';
import { runPoint, sweepPlan } from '../sweep/index';

describe('sweep examples', () => {
  it('have unique ids, distinct from the others, and are found by id', () => {
    const ids = SWEEP_EXAMPLES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect([...EXAMPLES, ...LOAD_EXAMPLES].some((e) => e.id === id)).toBe(false);
      expect(findExample(id)?.id).toBe(id);
    }
  });

  it.each(SWEEP_EXAMPLES.map((e) => [e.id, e] as const))('%s: title, two-line summary, a two-parameter grid with no diagnostics', (_id, e) => {
    expect(e.text.split('\n', 1)[0]).toBe(`# Sweep — ${e.title}`);
    expect(e.summary.split('\n')).toHaveLength(2);
    const plan = sweepPlan(e.text);
    expect(plan.diagnostics).toEqual([]);
    expect(plan.params).toHaveLength(2);
  });

  it('pool-max-conn: a larger pool opens fewer connections for the second wave', () => {
    const e = findExample('sweep-pool-max-conn')!;
    const opened = (pool: string, reuse: string) => runPoint(e.text, { pool, reuse }).metrics.opened;
    for (const reuse of ['safe', 'always']) {
      expect(opened('0', reuse)).toBeGreaterThan(opened('50', reuse));
      expect(opened('50', reuse)).toBeGreaterThan(opened('100', reuse));
    }
    expect(runPoint(e.text, { pool: '30', reuse: 'safe' }).metrics.idle_end).toBe(30);
  });

  it('mode tcp: a connection per client connection, growing with the clients; mode http a few, reused', () => {
    const e = findExample('sweep-mode-tcp')!;
    const m = (clients: number, mode: string) => runPoint(e.text, { clients: String(clients), mode }).metrics;
    for (const n of [20, 60, 100]) {
      expect(m(n, 'tcp').reused).toBe(0);
      expect(m(n, 'tcp').opened).toBeGreaterThan(3 * m(n, 'http').opened);
    }
    expect(m(100, 'tcp').opened).toBeGreaterThan(m(20, 'tcp').opened * 3);
  });

  it('health checks: the sooner a restarting server is marked DOWN (inter, fall), the fewer requests fail', () => {
    const e = findExample('sweep-health-checks')!;
    const errors = (inter: string, fall: number) => runPoint(e.text, { inter, fall: String(fall) }).metrics.errors;
    expect(errors('100ms', 1)).toBe(0);
    for (const fall of [1, 2, 3]) expect(errors('2s', fall)).toBeGreaterThan(errors('250ms', fall));
    for (const inter of ['500ms', '2s']) expect(errors(inter, 3)).toBeGreaterThan(errors(inter, 1));
    // Without the restart nothing fails.
    expect(runPoint(e.text.replace('    app2 refuse 2s..6s\n', ''), { inter: '2s', fall: '3' }).metrics.errors).toBe(0);
  });

  it('maxconn: a server opens no more connections than its maxconn, and the queue makes the slowest requests wait', () => {
    const e = findExample('sweep-maxconn-latency')!;
    const m = (cap: number, rt = '100ms') => runPoint(e.text, { cap: String(cap), rt }).metrics;
    for (const cap of [1, 3, 10]) expect(m(cap).opened).toBe(2 * cap);
    // The queue's wait grows with the servers' response time.
    expect(m(3).p95_ms).toBeGreaterThan(m(3, '50ms').p95_ms);
    expect(m(1).p95_ms).toBeGreaterThan(m(3).p95_ms);
    expect(m(3).p95_ms).toBeGreaterThan(m(10).p95_ms);
    expect(m(1).errors).toBe(0);
    // The `queued` metric: the requests that waited for a slot, fewer as the cap grows.
    expect(m(1).queued).toBeGreaterThan(m(3).queued);
    expect(m(3).queued).toBeGreaterThan(m(10).queued);
  });

  it('engines as clients grow: parent opens one connection per request, seed and modern one per client', () => {
    const e = findExample('sweep-engines-clients')!;
    for (const clients of ['10', '60']) {
      const m = (engine: string) => runPoint(e.text, { clients, engine }).metrics;
      const n = Number(clients);
      expect(m('parent').opened).toBe(3 * n);
      expect(m('seed').opened).toBe(n);
      expect(m('modern').opened).toBe(n);
      expect(m('modern').idle_end).toBe(n);
      expect(m('seed').idle_end).toBe(0);
    }
  });
});
