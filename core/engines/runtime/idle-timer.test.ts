/**
 * The client connections' idle timers keep one queue entry each, moved on when they come up
 * (IdleTimer): over random scenarios with client-side timeouts, a run gives the trace, the end
 * time, the limit and the metrics series of a run that queues an entry for every setting.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Sim } from './sim';
import { seed } from '../seed';
import { parent } from '../parent';
import { modern } from '../modern';
import { checkScenario } from '../../scenario/compile';
import { Meter } from '../../sim/meter';
import type { TraceEvent } from '../../trace/events';

const ALGOS = { seed, parent, modern };

/** Durations on a 5 ms grid, so that timers, responses and waits often fall on one instant. */
const ms = fc.constantFrom(0, 5, 10, 15);

const textArb = fc
  .record({
    proto: fc.constantFrom('h1', 'h2'),
    reuse: fc.constantFrom('never', 'safe', 'always'),
    clients: fc.integer({ min: 1, max: 5 }),
    // Timeouts: 0 leaves the line out. The keep-alive wait may be shorter than http-request.
    timeouts: fc.tuple(ms, ms, ms),
    rt: fc.tuple(ms, ms),
    body: fc.array(
      fc.oneof(
        fc.constant('web[*] GET /x'),
        fc.constant('web[*] GET /y &'),
        fc.tuple(fc.integer({ min: 1, max: 5 }), ms).map(([k, t]) => `web#${k} GET /z takes ${t}ms &`),
        // Off the grid too: a later setting then supersedes one whose instant is between.
        fc.constantFrom(0, 3, 5, 10).map((t) => `wait ${t}ms`),
        fc.constant('await'),
        fc.integer({ min: 1, max: 5 }).map((k) => `close web#${k}`),
        fc.tuple(fc.integer({ min: 1, max: 5 }), fc.constantFrom('h1', 'h2')).map(([k, p]) => `open web#${k} ${p}`),
      ),
      { minLength: 1, maxLength: 12 },
    ),
    closeAll: fc.boolean(),
  })
  .map(({ proto, reuse, clients, timeouts: [client, request, keepAlive], rt: [rt1, rt2], body, closeAll }) =>
    [
      'defaults',
      ...(client > 0 ? [`    timeout client ${client}ms`] : []),
      ...(request > 0 ? [`    timeout http-request ${request}ms`] : []),
      ...(keepAlive > 0 ? [`    timeout http-keep-alive ${keepAlive}ms`] : []),
      'backend be', '    mode http', `    http-reuse ${reuse}`, '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80',
      'servers', `    s1 response-time ${rt1}ms`, `    s2 response-time ${rt2}ms`,
      'script', `    open web[1..${clients}] ${proto}`,
      ...body.map((b) => `    ${b.replace(/#(\d+)/, (_, k: string) => String(1 + ((Number(k) - 1) % clients)))}`),
      ...(closeAll ? ['    close web[*]'] : []),
      '',
    ].join('\n'),
  );

describe.each(['seed', 'parent', 'modern'] as const)('%s engine, client idle timers with one queue entry', (engine) => {
  const run = (text: string, maxTimeUs: number, lazyIdleTimers: boolean) => {
    const checked = checkScenario(text, { engine });
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const events: TraceEvent[] = [];
    const meter = new Meter(1000);
    const sim = new Sim({ ...checked.config!, engine }, ALGOS[engine], checked.plan!, {
      maxEvents: 20000, maxTimeUs, meter, lazyIdleTimers, sink: (e) => events.push(e),
    }).run();
    return { trace: JSON.stringify(events), now: sim.now, limit: sim.limitReached, endUs: meter.endUs, series: JSON.stringify(meter.series) };
  };

  it('give the trace, end, limit and series of one entry per setting', () => {
    fc.assert(
      // Time limits off the grid: the last instant before the limit may be a setting never queued.
      fc.property(textArb, fc.constantFrom(Number.POSITIVE_INFINITY, 4_000, 9_000, 14_000, 30_000), (text, maxTimeUs) => {
        expect(run(text, maxTimeUs, true)).toEqual(run(text, maxTimeUs, false));
      }),
      { numRuns: 700 },
    );
  });
});
