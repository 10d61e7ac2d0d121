import type { BackendConfig, ServerConfig } from '../model/config';
import { since } from '../model/names';
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
 * From 3.4 (commit b6bdb2553, v3.4-dev10; backend.c:596-605@v3.4.0), two draws that serve as many
 * streams for their weight are told apart by their request rate: the new draw is dropped when the
 * previous one's weighted rate is lower. The rate is the server's sess_per_sec, a 1-second
 * frequency counter that each stream's connection to the server counts (srv_inc_sess_ctr after
 * connect_server, backend.c:2492-2496@v3.4.0; `countConnect` here).
 *
 * HAProxy draws from statistical_prng(), seeded differently in every process: the engine draws
 * from the run's seed (`seed N`, a stream of its own), so a run is repeatable but the real binary
 * picks other servers. What can be compared is the distribution (scripts/verify/random.test.ts).
 */

const DRAWS = new RunLocal<{ random: Random | null }>(() => ({ random: null }));

/**
 * A freq_ctr of one period (freq_ctr.c and freq_ctr.h@v3.4.0): the events of the current period
 * (`curr`, from `tick`, ms) and of the one before (`prev`).
 */
interface FreqCtr {
  tick: number;
  curr: number;
  prev: number;
}
const RATES = new RunLocal<Map<ServerConfig, FreqCtr>>(() => new Map());
const PERIOD_MS = 1000;

/** The request rate decides ties of `balance random` from 3.4 on. */
const ratesDecide = (sim: Sim, be: BackendConfig) => be.balance === 'random' && since(sim.config.modernVersion, '3.4');

/**
 * A stream connects to `server` (connect_server succeeded: a new or a reused connection): its
 * sess_per_sec counts it (update_freq_ctr_period_slow, freq_ctr.c:26-65@v3.4.0). Kept only where
 * it decides something (`balance random` at 3.4 and later).
 */
export function countConnect(sim: Sim, be: BackendConfig, server: ServerConfig): void {
  if (!ratesDecide(sim, be)) return;
  const now = Math.floor(sim.now / 1000);
  const rates = sim.local(RATES);
  const r = rates.get(server);
  // The counter starts at tick 0, long before the process's clock: its first event rotates it
  // twice and starts a period at that event.
  if (!r) rates.set(server, { tick: now, curr: 1, prev: 0 });
  else if (now - r.tick < PERIOD_MS) r.curr++;
  else {
    r.prev = r.curr;
    r.curr = 1;
    r.tick += PERIOD_MS;
    if (now - r.tick >= PERIOD_MS) {
      r.prev = 0;
      r.tick = now;
    }
  }
}

/**
 * The server's events per second now (read_freq_ctr_period_estimate over 1 s,
 * _freq_ctr_total_from_values, freq_ctr.c:79-103@v3.4.0): the previous period's count for the
 * part of it still within the last second, plus the current one's; at most one event in the
 * previous period and none since reads as that count.
 */
function rateOf(sim: Sim, server: ServerConfig): number {
  const r = sim.local(RATES).get(server);
  if (!r) return 0;
  const now = Math.floor(sim.now / 1000);
  let remain = r.tick + PERIOD_MS - now;
  let past = r.prev;
  let curr = r.curr;
  if (remain < 0) {
    remain += PERIOD_MS;
    past = remain >= 0 ? curr : 0;
    curr = 0;
  }
  if (curr === 0 && past <= 1) return past;
  return Math.floor((past * remain + curr * PERIOD_MS) / PERIOD_MS);
}

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
  const rates = ratesDecide(sim, be);
  let curr: ServerConfig | null = null;
  for (let i = 0; i < draws; i++) {
    const prev: ServerConfig | null = curr;
    curr = ringServer(sim, be, pool, run.random.next32() >>> 0, eligible);
    if (!curr) return null;
    drawn.push(`${curr.name} (${servedOf(sim, be, curr)} in flight${rates ? `, ${rateOf(sim, curr)}/s` : ''})`);
    if (!prev || prev === curr) continue;
    const wcurr = servedOf(sim, be, curr) * weightOf(prev);
    const wprev = servedOf(sim, be, prev) * weightOf(curr);
    if (wcurr > wprev) curr = prev;
    else if (wcurr === wprev && rates && rateOf(sim, prev) * weightOf(curr) < rateOf(sim, curr) * weightOf(prev)) curr = prev;
  }
  const conds: Condition[] = sim.out.explains
    ? [{ label: 'balance', value: `random(${draws})` }, { label: `draws on the ring${draws > 1 ? `, the least loaded for its weight kept${rates ? ' (on a tie, the lowest request rate)' : ''}` : ''}`, value: drawn.join(', ') }]
    : [];
  if (curr && full?.(curr)) {
    if (sim.out.explains) conds.push({ label: `${curr.name} full (maxconn)`, value: true });
    return { server: null, conds };
  }
  return { server: curr, conds };
}

