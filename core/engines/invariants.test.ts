/**
 * Properties of the simulation over thousands of random scenarios, checked after
 * every event (the engines are driven directly with generated configurations and
 * scripts, independent of the parser).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Sim } from './runtime';
import { seed } from './seed';
import { parent } from './parent';
import { modern } from './modern';
import { checkWorld, worldShape as shape, type Engine } from '../test/invariants';
import { applyEvent, emptyWorld } from '../model/world';
import type { BackendConfig, ServerConfig, SimConfig } from '../model/config';
import type { ClientRef, Statement } from '../scenario/ast';
import { EVENT_FIELDS, type TraceEvent } from '../trace/events';
import { PackedDecoder } from '../trace/packed';
import { checkScenario } from '../scenario/compile';

const sp = { from: 0, to: 0 };
const CLIENTS = ['A', 'B', 'C', 'D'];
const one = (name: string): ClientRef => ({ kind: 'one', name, span: sp });

const serverArb = (name: string) =>
  fc.record({
    connectUs: fc.constantFrom(0, 1000, 3000),
    responseUs: fc.constantFrom(1000, 5000, 20000),
    closeAfter: fc.constantFrom(0, 0, 1, 2, 3),
    finAfter: fc.constantFrom(0, 0, 0, 1, 2),
    idleTimeoutUs: fc.constantFrom(0, 0, 4000, 30000),
    auth: fc.constantFrom(null, null, null, 'ntlm' as const),
    usesrc: fc.constantFrom('none', 'none', 'none', 'hdr_ip' as const, 'client' as const),
    sni: fc.boolean(),
    sendProxy: fc.boolean(),
    proto: fc.constantFrom('h1', 'h1', 'h2' as const),
    maxStreams: fc.constantFrom(1, 2, 100),
    maxReuse: fc.constantFrom(-1, -1, 0, 2),
    poolMaxConn: fc.constantFrom(-1, -1, 0, 1),
    poolLowConn: fc.constantFrom(0, 0, 1),
    poolPurgeDelayUs: fc.constantFrom(5_000_000, 5_000, 0),
  }).map((b): ServerConfig => ({ name, addr: '192.0.2.1:80', disabled: false, refuse: false, ...b }));

const configArb: fc.Arbitrary<SimConfig> = fc
  .record({
    reuse: fc.constantFrom('never', 'safe', 'aggressive', 'always' as const),
    balance: fc.constantFrom('roundrobin', 'first', 'leastconn', 'source' as const),
    httpMode: fc.constantFrom('keep-alive', 'keep-alive', 'keep-alive', 'server-close', 'close' as const),
    preferLastServer: fc.boolean(),
    servers: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => serverArb(`s${i + 1}`)))),
    keepAlive: fc.constantFrom(0, 0, 15000),
  })
  .map(({ reuse, balance, httpMode, preferLastServer, servers, keepAlive }) => {
    const be: BackendConfig = { name: 'be', reuse, balance, httpMode, preferLastServer, usesrc: 'none', servers };
    return {
      engine: 'seed', frontendMode: 'keep-alive', backends: [be], defaultBackend: 'be', routes: [], h2MaxStreams: 100, maxSessionSrvConns: 2,
      timeouts: { connect: 0, server: 0, client: keepAlive, httpKeepAlive: keepAlive, httpRequest: 0 },
    } satisfies SimConfig;
  });

const stmtArb = (servers: number): fc.Arbitrary<Statement> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.record({
      c: fc.constantFrom(...CLIENTS), bg: fc.boolean(), to: fc.option(fc.integer({ min: 1, max: servers }), { nil: null }),
      status: fc.constantFrom(null, null, null, 401, 500), ntlm: fc.boolean(), rclose: fc.boolean(), close: fc.constantFrom(false, false, false, true),
      takes: fc.option(fc.constantFrom(1000, 10000, 50000), { nil: null }),
    }).map((r): Statement => ({
      kind: 'request', clients: one(r.c), method: 'GET', path: '/x', to: r.to ? { text: `s${r.to}`, span: sp } : null,
      response: r.status ? { status: r.status, auth: r.status === 401 && r.ntlm ? 'ntlm' : null, close: r.rclose } : null,
      close: r.close, takesUs: r.takes, background: r.bg, span: sp,
    })) },
    { weight: 1, arbitrary: fc.constantFrom(1000, 10000).map((us): Statement => ({ kind: 'wait', us, span: sp })) },
    { weight: 1, arbitrary: fc.constant<Statement>({ kind: 'await', span: sp }) },
    { weight: 1, arbitrary: fc.constantFrom(...CLIENTS).map((c): Statement => ({ kind: 'close', clients: one(c), span: sp })) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: servers }), fc.constantFrom('idle', 'all' as const)).map(([s, what]): Statement => ({ kind: 'server-close', server: { text: `s${s}`, span: sp }, what, span: sp })) },
    { weight: 1, arbitrary: fc.constantFrom(...CLIENTS).chain((c) => fc.constantFrom('h1', 'h2' as const).map((proto): Statement => ({ kind: 'open', clients: one(c), proto, span: sp }))) },
  );

const scenarioArb = configArb.chain((config) =>
  fc.tuple(
    fc.constant(config),
    fc.array(fc.constantFrom('h1', 'h2' as const), { minLength: 4, maxLength: 4 }),
    fc.array(stmtArb(config.backends[0]!.servers.length), { minLength: 1, maxLength: 25 }),
    fc.boolean(),
  ).map(([cfg, protos, body, wrap]) => {
    const opens: Statement[] = CLIENTS.map((c, i) => ({ kind: 'open', clients: one(c), proto: protos[i]!, span: sp }));
    const script: Statement[] = [...opens, ...(wrap ? [{ kind: 'repeat' as const, count: 2, body, span: sp }] : body)];
    return { config: cfg, script };
  }),
);

const ALGOS = { seed, parent, modern };

function simulate(engine: Engine, config: SimConfig, script: Statement[]) {
  const closed = new Set<string>();
  let violation: string | null = null;
  const events: TraceEvent[] = [];
  const sim: Sim = new Sim(config, ALGOS[engine], script, {
    maxEvents: 20000,
    sink: (e) => {
      events.push(e);
      if (!violation) {
        const v = checkWorld(sim.world, e, engine, closed);
        if (v) violation = `after #${e.seq} ${e.kind} [${e.decision}]: ${v}`;
      }
    },
  });
  sim.run();
  return { sim, violation: violation as string | null, events };
}

describe.each(['seed', 'parent', 'modern'] as const)('%s engine invariants over random scenarios', (engine) => {
  it('hold after every event, every request ends, and runs are deterministic', () => {
    fc.assert(
      fc.property(scenarioArb, ({ config, script }) => {
        const a = simulate(engine, config, script);
        expect(a.violation).toBeNull();
        expect(a.sim.limitReached).toBeNull();
        for (const r of a.sim.world.requests.values()) expect(r.doneAt, `${r.id} never ended`).not.toBeNull();
        // Every request sent by the script was either answered or failed.
        const b = simulate(engine, config, script);
        expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
        // The engine hands applyEvent the connections it holds; a replay of the trace finds them
        // by id. Both must build the same world.
        const replay = emptyWorld([...a.sim.world.lists.keys()]);
        for (const e of a.events) applyEvent(replay, e);
        expect(shape(replay)).toEqual(shape(a.sim.world));
      }),
      { numRuns: 1500 },
    );
  });
});

describe.each(['seed', 'parent', 'modern'] as const)('%s engine, runs in lean worlds', (engine) => {
  it('totals only: reach the world a full trace gives, count every event, and keep no records', () => {
    fc.assert(
      fc.property(scenarioArb, ({ config, script }) => {
        const full = simulate(engine, config, script);
        const lean = new Sim(config, ALGOS[engine], script, { maxEvents: 20000, totalsOnly: true }).run();
        // The full trace replayed into a lean world: any event skipped by the totals-only run
        // that would have changed that world shows up here as a difference.
        const replay = emptyWorld([...full.sim.world.lists.keys()], false, true);
        for (const e of full.events) applyEvent(replay, e);
        expect(shape(lean.world)).toEqual(shape(replay));
        expect(lean.events).toBe(full.events.length);
        expect(lean.trace).toHaveLength(0);
        expect(lean.world.requests.size + lean.world.streams.size).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('with a sink and a lean world of their own (the page worker), build the same trace as a full run', () => {
    fc.assert(
      fc.property(scenarioArb, ({ config, script }) => {
        const full = simulate(engine, config, script);
        const got: TraceEvent[] = [];
        const lean = new Sim(config, ALGOS[engine], script, { maxEvents: 20000, leanWorld: true, sink: (e) => got.push(e) }).run();
        expect(JSON.stringify(got)).toBe(JSON.stringify(full.events));
        expect(lean.world.requests.size + lean.world.streams.size).toBe(0);
        expect(lean.world.counts).toEqual(full.sim.world.counts);
      }),
      { numRuns: 300 },
    );
  });

  it('packed for the page (the packed writer), decode to the trace of a full run', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(1, 7, 4000), ({ config, script }, chunkEvents) => {
        const full = simulate(engine, config, script);
        const decoder = new PackedDecoder();
        const got: TraceEvent[] = [];
        let done = 0;
        const lean = new Sim(config, ALGOS[engine], script, {
          maxEvents: 20000,
          packed: {
            chunkEvents,
            onChunk: (chunk, finished) => {
              for (const e of decoder.decode(chunk)) got.push(e);
              done = finished;
            },
          },
        }).run();
        // Decoded events have every field (absent ones undefined): compared as JSON, which drops those.
        expect(JSON.stringify(got.map(jsonOrder))).toBe(JSON.stringify(full.events.map(jsonOrder)));
        expect(lean.world.requests.size + lean.world.streams.size).toBe(0);
        expect(lean.world.counts).toEqual(full.sim.world.counts);
        expect(done).toBe(full.events.filter((e) => e.kind === 'request.done' || e.kind === 'request.error').length);
      }),
      { numRuns: 300 },
    );
  });
});

/** An event with its fields in EVENT_FIELDS order (built events list them in the order their writer wrote them). */
const jsonOrder = (e: TraceEvent) => Object.fromEntries(EVENT_FIELDS.filter((k) => e[k] !== undefined).map((k) => [k, e[k]]));

/** Scenario texts with groups of clients: their requests leave together and their responses coincide. */
const groupTextArb = fc
  .record({
    proto: fc.constantFrom('h1', 'h2'),
    reuse: fc.constantFrom('never', 'safe', 'aggressive', 'always'),
    clients: fc.integer({ min: 1, max: 8 }),
    times: fc.tuple(fc.constantFrom(0, 5, 10), fc.constantFrom(0, 5, 10), fc.constantFrom(0, 1)),
    body: fc.array(
      fc.oneof(
        fc.constant('web[*] GET /x'),
        fc.constant('web[*] GET /y &'),
        fc.constant('web[*] GET /a to s2'),
        fc.tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom(0, 5, 10)).map(([k, t]) => `web#${k} GET /z takes ${t}ms &`),
        fc.constantFrom(0, 5, 10, 11).map((t) => `wait ${t}ms`),
        fc.constant('await'),
        fc.integer({ min: 1, max: 8 }).map((k) => `close web#${k}`),
      ),
      { minLength: 1, maxLength: 10 },
    ),
  })
  .map(({ proto, reuse, clients, times: [rt1, rt2, ct], body }) =>
    [
      'backend be', '    mode http', `    http-reuse ${reuse}`, '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80',
      'servers', `    s1 response-time ${rt1}ms`, `    s1 connect-time ${ct}ms`, '    s1 close-after 3', `    s2 response-time ${rt2}ms`, `    s2 connect-time ${ct}ms`,
      'script', `    open web[1..${clients}] ${proto}`,
      // `web#k`: one of the clients opened.
      ...body.map((b) => `    ${b.replace(/#(\d+)/, (_, k: string) => String(1 + ((Number(k) - 1) % clients)))}`),
      '    close web[*]', '',
    ].join('\n'),
  );

describe.each(['seed', 'parent', 'modern'] as const)('%s engine, responses due together', (engine) => {
  // Responses due at one instant, set one after the other, share a queue entry (Sim's Responses):
  // this must change nothing, in whatever order other timers fall between them.
  const trace = (config: SimConfig, script: Statement[], groupResponses: boolean) => {
    const events: TraceEvent[] = [];
    new Sim(config, ALGOS[engine], script, { maxEvents: 20000, groupResponses, sink: (e) => events.push(e) }).run();
    return JSON.stringify(events);
  };

  it('give the trace of one queue entry per response (generated configurations)', () => {
    fc.assert(
      fc.property(scenarioArb, ({ config, script }) => {
        expect(trace(config, script, true)).toBe(trace(config, script, false));
      }),
      { numRuns: 500 },
    );
  });

  it('give the trace of one queue entry per response (groups of clients, from scenario text)', () => {
    fc.assert(
      fc.property(groupTextArb, (text) => {
        const checked = checkScenario(text, { engine });
        expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const config = { ...checked.config!, engine };
        expect(trace(config, checked.plan!, true)).toBe(trace(config, checked.plan!, false));
      }),
      { numRuns: 400 },
    );
  });
});
