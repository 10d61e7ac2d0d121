/** `arrive` (open-loop load) and response-time distributions: parsing, and what a run does with them. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { parseScenario } from './parser';
import { printScenario } from './print';

const CFG = 'backend be\n    mode http\n    http-reuse safe\n    server X 192.0.2.10:80\n';
const errors = (text: string) => parseScenario(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.code}`);

describe('arrive: the statement', () => {
  it('reads rate, time, protocol, the request with its options, requests and think, in a round trip', () => {
    const text = 'script\n    arrive user rate 250/s for 2s h2 POST /api -> 503 to X takes 5ms requests 3 think 100ms &\n';
    const st = parseScenario(text).ast.script[0]!;
    expect(st).toMatchObject({ kind: 'arrive', name: 'user', rate: 250, forUs: 2_000_000, proto: 'h2', requests: 3, thinkUs: 100_000, background: true });
    expect(st.kind === 'arrive' && st.request).toMatchObject({ method: 'POST', path: '/api', response: { status: 503 }, takesUs: 5000, clients: { kind: 'all', prefix: 'user' } });
    expect(printScenario(parseScenario(text).ast)).toBe('script\n    arrive user rate 250/s for 2s h2 POST /api -> 503 to X takes 5ms requests 3 think 100ms &\n');
  });

  it('defaults: h1, one request, no think time, and the script waits', () => {
    const st = parseScenario('script\n    arrive u rate 1/s for 1m GET /\n').ast.script[0]!;
    expect(st).toMatchObject({ proto: 'h1', requests: 1, thinkUs: 0, background: false, forUs: 60_000_000 });
  });

  it('an old client named arrive still sends its request', () => {
    const st = parseScenario('script\n    open arrive h1\n    arrive GET /x\n').ast.script[1]!;
    expect(st).toMatchObject({ kind: 'request', method: 'GET', path: '/x' });
  });

  it('reports bad forms where they are', () => {
    expect(errors('script\n    arrive u rate 10 for 1s GET /\n')).toEqual(['2:19 expected-rate']);
    expect(errors('script\n    arrive u rate 10/s during 1s GET /\n')).toEqual(['2:24 expected-keyword']);
    expect(errors('script\n    arrive u rate 10/s for soon GET /\n')).toEqual(['2:28 expected-duration']);
    expect(errors('script\n    arrive u rate 10/s for 1s GET\n')).toEqual(['2:31 missing-argument']);
    expect(errors('script\n    arrive u rate 10/s for 1s GET / requests 0\n')).toEqual(['2:46 out-of-range']);
    expect(errors('script\n    arrive u rate 10/s for 1s GET / frob\n')).toEqual(['2:37 unknown-option']);
    expect(errors('script\n    arrive u rate 5000/s for 1m GET /\n')).toEqual(['2:19 out-of-range']);
  });
});

describe('arrive: the run', () => {
  const run = (line: string, seed = 5, engine: 'seed' | 'modern' = 'seed') =>
    runScenario(`seed ${seed}\n${CFG}servers\n    X response-time 10ms\nscript\n    ${line}\n    open after h1\n`, { engine });

  it('Poisson arrivals: about rate × time clients, each sends K requests with think time, then closes', () => {
    const r = run('arrive user rate 200/s for 10s GET / requests 3 think 50ms');
    expect(r.ok).toBe(true);
    const opens = r.trace.filter((e) => e.kind === 'client.open' && e.client!.startsWith('user'));
    // 2,000 expected; a Poisson count's standard deviation is √2000 ≈ 45.
    expect(opens.length).toBeGreaterThan(2000 - 5 * 45);
    expect(opens.length).toBeLessThan(2000 + 5 * 45);
    expect(opens.every((e) => e.t < 10_000_000)).toBe(true);
    const sent = new Map<string, number[]>();
    for (const e of r.trace) if (e.kind === 'request.send' && e.client!.startsWith('user')) sent.set(e.client!, [...(sent.get(e.client!) ?? []), e.t]);
    expect([...sent.values()].every((ts) => ts.length === 3)).toBe(true);
    // 10 ms response (+1 ms connect for the first), then 50 ms of thinking.
    const gaps = [...sent.values()].flatMap((ts) => [ts[1]! - ts[0]!, ts[2]! - ts[1]!]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60_000);
    const closes = r.trace.filter((e) => e.kind === 'client.close' && e.client!.startsWith('user') && e.closer === 'client');
    expect(closes).toHaveLength(opens.length);
    // Without `&` the script goes on after the last client has closed.
    const after = r.trace.find((e) => e.kind === 'client.open' && e.client === 'after')!;
    expect(after.t).toBeGreaterThanOrEqual(Math.max(...closes.map((e) => e.t)));
  });

  it('the gaps between arrivals are exponential: mean 1/rate, about as many below the mean·ln2 as above', () => {
    const r = run('arrive user rate 100/s for 50s GET /');
    const ts = r.trace.filter((e) => e.kind === 'client.open' && e.client!.startsWith('user')).map((e) => e.t);
    const gaps = ts.slice(1).map((t, i) => t - ts[i]!);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean).toBeGreaterThan(9_000);
    expect(mean).toBeLessThan(11_000);
    const below = gaps.filter((g) => g < 10_000 * Math.LN2).length / gaps.length;
    expect(below).toBeGreaterThan(0.45);
    expect(below).toBeLessThan(0.55);
  });

  it('same seed, same run; another seed, other arrivals', () => {
    const a = run('arrive user rate 50/s for 2s GET / requests 2', 9).trace;
    const b = run('arrive user rate 50/s for 2s GET / requests 2', 9).trace;
    const c = run('arrive user rate 50/s for 2s GET / requests 2', 10).trace;
    expect(b).toEqual(a);
    expect(c.map((e) => e.t)).not.toEqual(a.map((e) => e.t));
  });

  it('with & the script goes on at once', () => {
    const r = run('arrive user rate 50/s for 2s GET / &');
    expect(r.trace.find((e) => e.kind === 'client.open' && e.client === 'after')!.t).toBe(0);
  });
});

describe('response-time ranges and distributions', () => {
  const times = (behaviour: string, n = 2000) => {
    const r = runScenario(`seed 3\n${CFG}servers\n    X response-time ${behaviour}\nscript\n    open A h2\n    repeat ${n} {\n        A GET /\n    }\n`);
    expect(r.ok).toBe(true);
    const fwd = new Map<string, number>();
    const out: number[] = [];
    for (const e of r.trace) {
      if (e.kind === 'request.forward') fwd.set(e.request!, e.t);
      if (e.kind === 'response') out.push(e.t - fwd.get(e.request!)!);
    }
    return out;
  };

  it('20ms..80ms: every time in the range, both ends reachable in spirit (spread over it)', () => {
    const ts = times('20ms..80ms');
    expect(Math.min(...ts)).toBeGreaterThanOrEqual(20_000);
    expect(Math.max(...ts)).toBeLessThanOrEqual(80_000);
    expect(Math.min(...ts)).toBeLessThan(22_000);
    expect(Math.max(...ts)).toBeGreaterThan(78_000);
  });

  it('exp 30ms: mean about 30 ms, a long tail', () => {
    const ts = times('exp 30ms');
    const mean = ts.reduce((a, b) => a + b, 0) / ts.length;
    expect(mean).toBeGreaterThan(27_000);
    expect(mean).toBeLessThan(33_000);
    expect(Math.max(...ts)).toBeGreaterThan(120_000);
  });

  it('a fixed time keeps its meaning; bad forms are located errors; print round-trips', () => {
    expect(new Set(times('20ms', 50))).toEqual(new Set([20_000]));
    expect(errors(`${CFG}servers\n    X response-time 80ms..20ms\n`)).toEqual(['6:21 expected-duration']);
    expect(errors(`${CFG}servers\n    X response-time exp 0ms\n`)).toEqual(['6:25 expected-duration']);
    const text = `${CFG}servers\n    X response-time 20ms..80ms\n    X response-time exp 30ms\n`;
    expect(printScenario(parseScenario(text).ast)).toMatch(/X response-time 20ms..80ms\n\s*X response-time exp 30ms/);
  });
});

describe('arrive: names', () => {
  it('a second arrive of the same name (or a repeat) numbers its clients after the first ones', () => {
    const r = runScenario(`seed 1\n${CFG}script\n    open user[1..2] h1\n    repeat 2 {\n        arrive user rate 100/s for 100ms GET /\n    }\n`);
    const names = r.trace.filter((e) => e.kind === 'client.open').map((e) => e.session!);
    // Each arrival is a new client: none takes over user1/user2 or reopens an earlier arrival (`user3.2`).
    expect(names.every((n) => !n.includes('.'))).toBe(true);
    expect(names.slice(0, 3)).toEqual(['user1', 'user2', 'user3']);
    const sends = r.trace.filter((e) => e.kind === 'request.send');
    expect(sends.every((e) => e.client !== 'user1' && e.client !== 'user2')).toBe(true);
  });
});
