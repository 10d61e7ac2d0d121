import type { SimConfig } from '../../model/config';
import type { ConnList } from '../../model/connlist';
import type { ConnState } from '../../model/world';
import type { ListName } from '../../trace/events';
import type { Statement } from '../../scenario/ast';
import type { AlgorithmOf } from './algorithm';
import type { SimOptions } from './driver';
import { SimScript } from './script';

/** A server list as an engine reads it: the world changes it only through events. */
export type ListView = Pick<ConnList<ConnState>, 'length' | 'head' | 'tail' | 'has' | 'fromTail'>;

/** What an engine reads of the world, and only reads: the servers' lists and the connections each session holds. */
export interface WorldView {
  readonly lists: ReadonlyMap<string, { readonly [L in ListName]: ListView }>;
  readonly sessions: ReadonlyMap<string, { readonly held: readonly string[] }>;
}

/**
 * What an engine sees of a run, and all it may use: the world (a read-only view), the
 * configuration and the clock to read; the trace writer (`out`) and `emit` to write events, and tasks to schedule; the helpers that act on connections and servers;
 * its per-run state. Not the driver's loop, the script, the clients or the request lifecycle:
 * those call the engine, never the other way round.
 */
export type EngineSim = Readonly<Pick<Sim, 'config' | 'now' | 'counting' | 'out'>> & { readonly world: WorldView } &
  Pick<
    Sim,
    | 'emit' | 'at' | 'atBackground' | 'local' | 'proceed' | 'giveUp'
    | 'conn' | 'avail' | 'release' | 'newConn' | 'attach' | 'streamsByHolder' | 'destroy'
    | 'serverByName' | 'usableServers' | 'balancedServers' | 'isUp' | 'balancable' | 'hasChecks' | 'nextRoundRobin' | 'busyCount' | 'armServerIdle' | 'usedFds' | 'sessionGone'
  >;

/** The algorithm of one HAProxy commit, handed the run as an engine sees it (see algorithm.ts). */
export type Algorithm = AlgorithmOf<EngineSim>;

/** Deterministic discrete-event simulation of clients, HAProxy and servers. */
export class Sim extends SimScript {
  constructor(
    config: SimConfig,
    readonly algo: Algorithm,
    script: readonly Statement[],
    opts: SimOptions = {},
  ) {
    super(config, script, opts);
  }
}
