import type { SimConfig } from '../../model/config';
import type { Statement } from '../../scenario/ast';
import type { AlgorithmOf } from './algorithm';
import type { SimOptions } from './driver';
import { SimScript } from './script';

/** The algorithm of one HAProxy commit, handed the whole simulation (see algorithm.ts). */
export type Algorithm = AlgorithmOf<Sim>;

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
