import type { BackendConfig, ServerConfig } from '../model/config';
import { DEFAULT_SEED, Random } from '../sim/random';
import type { Condition } from '../trace/events';
import { ringServer, weightOf } from './hash-balance';
import { servedOf } from './modern-lb';
import { RunLocal, type EngineSim as Sim } from './runtime';

/**
 * `balance random [(N)]` at engine modern (get_server_rnd, backend.c:561-600 of v2.6.0; the same
 * function in 2.8, 3.0 and 3.2): N draws (2 by default) of a random 32-bit number, each looked up
 * on the backend's consistent ring (the servers' points by weight, as `hash-type consistent`
 * places them); after each draw the pick is the drawn server unless the previous pick serves
 * fewer streams for its weight (served · weight compared crosswise: a tie keeps the new draw).
 * A pick that is full (maxconn, or others wait for it) sends the request to the backend's queue.
 *
 * HAProxy draws from statistical_prng(), seeded differently in every process: the engine draws
 * from the run's seed (`seed N`, a stream of its own), so a run is repeatable but the real binary
 * picks other servers. What can be compared is the distribution (scripts/verify/random.test.ts).
 */

const DRAWS = new RunLocal<{ random: Random | null }>(() => ({ random: null }));

export interface RandomPick {
  /** null: the pick is full, the request waits in the backend's queue. */
  readonly server: ServerConfig | null;
  readonly conds: readonly Condition[];
}

export function randomPick(
  sim: Sim, be: BackendConfig, pool: readonly ServerConfig[], full?: (s: ServerConfig) => boolean, eligible?: (s: ServerConfig) => boolean,
): RandomPick | null {
  const draws = be.balanceArgs?.draws ?? 2;
  const run = sim.local(DRAWS);
  run.random ??= new Random(((sim.config.seed ?? DEFAULT_SEED) ^ 0x2545f491) >>> 0);
  const drawn: string[] = [];
  let curr: ServerConfig | null = null;
  for (let i = 0; i < draws; i++) {
    const prev: ServerConfig | null = curr;
    curr = ringServer(sim, be, pool, run.random.next32() >>> 0, eligible);
    if (!curr) return null;
    drawn.push(`${curr.name} (${servedOf(sim, be, curr)} in flight)`);
    if (prev && prev !== curr && servedOf(sim, be, curr) * weightOf(prev) > servedOf(sim, be, prev) * weightOf(curr)) curr = prev;
  }
  const conds: Condition[] = sim.out.explains
    ? [{ label: 'balance', value: `random(${draws})` }, { label: `draws on the ring${draws > 1 ? ', the least loaded for its weight kept' : ''}`, value: drawn.join(', ') }]
    : [];
  if (curr && full?.(curr)) {
    if (sim.out.explains) conds.push({ label: `${curr.name} full (maxconn)`, value: true });
    return { server: null, conds };
  }
  return { server: curr, conds };
}

