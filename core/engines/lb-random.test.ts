/** `balance random` (./lb-random.ts): the grammar, and the engine's draws. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { checkScenario } from '../scenario/compile';
import type { TraceEvent } from '../trace/events';
import type { RealTrace } from '../verify/real-trace';

const server = (e: TraceEvent) => (e as { server?: string }).server;

function balanceOf(line: string, engine: 'modern' | 'seed' = 'modern') {
  const r = checkScenario(`backend be\n    ${line}\n    server s1 192.0.2.10:80\n    server s2 192.0.2.11:80\n`, { engine });
  return { config: r.config.backends[0], diagnostics: r.diagnostics };
}

describe('balance random: the grammar (backend_parse_balance, backend.c:2661-2685 of v2.6.0)', () => {
  it('random, random(N), random(): two draws unless N says otherwise', () => {
    expect(balanceOf('balance random').config).toMatchObject({ balance: 'random' });
    expect(balanceOf('balance random').config!.balanceArgs).toBeUndefined();
    expect(balanceOf('balance random(3)').config!.balanceArgs).toEqual({ draws: 3 });
    expect(balanceOf('balance random()').config!.balanceArgs).toBeUndefined();
    expect(balanceOf('balance random(0x10)').config!.balanceArgs).toEqual({ draws: 16 });
  });
  it("HAProxy's refusals are errors that say what is expected", () => {
    const err = (line: string) => balanceOf(line).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    expect(err('balance random(0)')).toEqual([expect.stringMatching(/number of draws must be at least 1; expected balance random\(N\)/)]);
    expect(err('balance random(2')).toEqual([expect.stringMatching(/missing closing parenthesis/)]);
    expect(err('balance random(2x)')).toEqual([expect.stringMatching(/unexpected character 'x' after argument/)]);
  });
  it('seed and parent: a warning, and roundrobin', () => {
    const r = balanceOf('balance random', 'seed');
    expect(r.config).toMatchObject({ balance: 'roundrobin' });
    expect(r.diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining('balance random is not modelled at engine seed'));
  });
});

/** B's requests, one after the other, while A's long request keeps its server busy. */
function busyRun(draws: number, seed: number) {
  const text = `engine modern
seed ${seed}
defaults
    mode http
    timeout server 60s
backend be
    balance random(${draws})
    http-reuse always
    server s1 192.0.2.10:80
    server s2 192.0.2.11:80
script
    open A h1
    open B h1
    A GET /long takes 50s &
    wait 10ms
    repeat 400 {
        B GET /
    }
`;
  const trace = runScenario(text, { maxEvents: 1_000_000 }).trace as readonly TraceEvent[];
  const assigns = trace.filter((e) => e.kind === 'assign');
  const busy = server(assigns[0]!);
  const onBusy = assigns.slice(1).filter((e) => server(e) === busy).length / 400;
  return { busy, onBusy, conds: assigns[1]!.conds };
}

describe('balance random: the engine (get_server_rnd, backend.c:561-600 of v2.6.0)', () => {
  it('two draws keep the server with fewer streams in flight: the busy one is taken only when both draws land on it', () => {
    for (const seed of [1, 2, 3]) {
      const one = busyRun(1, seed);
      const two = busyRun(2, seed);
      // One draw takes the busy server as often as the ring gives it (about half); two about the square of that.
      expect(one.onBusy, `seed ${seed}`).toBeGreaterThan(0.3);
      expect(one.onBusy).toBeLessThan(0.7);
      expect(two.onBusy).toBeGreaterThan(0.05);
      expect(two.onBusy).toBeLessThan(0.45);
      expect(two.onBusy).toBeLessThan(one.onBusy);
    }
    expect(busyRun(2, 1).conds).toContainEqual(expect.objectContaining({ label: 'balance', value: 'random(2)' }));
  });

  it('the same seed gives the same picks; another seed others', () => {
    const picks = (seed: number) => {
      const t = runScenario(`engine modern\nseed ${seed}\nbackend be\n    balance random\n    server s1 192.0.2.10:80\n    server s2 192.0.2.11:80\nscript\n    open A h1\n    repeat 30 {\n        A GET /\n    }\n`).trace as readonly TraceEvent[];
      return t.filter((e) => e.kind === 'assign').map(server).join(',');
    };
    expect(picks(7)).toBe(picks(7));
    expect(picks(7)).not.toBe(picks(8));
  });

  it('a pick that is full (maxconn) sends the request to the backend queue', () => {
    const t = runScenario(`engine modern
defaults
    mode http
    timeout queue 5s
backend be
    balance random
    server s1 192.0.2.10:80 maxconn 1
script
    open A h1
    open B h1
    A GET /1 takes 100ms &
    wait 10ms
    B GET /2
`).trace as readonly TraceEvent[];
    expect(t.find((e) => e.decision === 'mQ1')).toMatchObject({ request: 'r2' });
    expect(t.filter((e) => e.kind === 'request.done')).toHaveLength(2);
  });
});

/** How evenly requests spread over servers: the standard deviation of their counts. */
function spread(servers: readonly (string | undefined)[]): number {
  const counts = new Map<string, number>();
  for (const s of servers) counts.set(s ?? '', (counts.get(s ?? '') ?? 0) + 1);
  const v = [...counts.values()];
  const mean = servers.length / v.length;
  return Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / v.length);
}

describe('balance random from 3.4: a tie goes to the lower request rate (backend.c:596-605 of v3.4.0)', () => {
  const dir = join(import.meta.dirname, '../test/random-real');
  const text = readFileSync(join(dir, 'random-rate-ties.scenario'), 'utf8');
  const engineSpread = (version: '3.2' | '3.4', seed: number) => {
    const r = runScenario(text.replace('engine modern 3.4', `engine modern ${version}\nseed ${seed}`), { maxEvents: 1_000_000 });
    const assigns = (r.trace as readonly TraceEvent[]).filter((e) => e.kind === 'assign');
    expect(assigns).toHaveLength(600);
    return { sd: spread(assigns.map(server)), conds: assigns[5]!.conds };
  };

  it('ten idle servers get almost the same number of requests, as HAProxy 3.4.0 gave them; at 3.2 they do not', () => {
    const real = JSON.parse(readFileSync(join(dir, 'random-rate-ties.real-3.4.json'), 'utf8')) as RealTrace;
    expect(real.binary).toMatch(/^HAProxy 3\.4\.0/);
    expect(real.requests).toHaveLength(600);
    // 60 each: the binary's counts were 58 to 61.
    expect(spread(real.requests.map((q) => q.server ?? undefined))).toBeLessThan(3);
    for (const seed of [1, 2, 3]) {
      expect(engineSpread('3.4', seed).sd, `3.4, seed ${seed}`).toBeLessThan(3);
      // Without the rule each server gets its share of the ring: 27 to 80 requests.
      expect(engineSpread('3.2', seed).sd, `3.2, seed ${seed}`).toBeGreaterThan(6);
    }
  });

  it('the why panel gives each draw its rate', () => {
    const { conds } = engineSpread('3.4', 1);
    expect(conds).toContainEqual(expect.objectContaining({ label: expect.stringContaining('on a tie, the lowest request rate'), value: expect.stringMatching(/\(0 in flight, \d+\/s\)/) }));
  });
});
