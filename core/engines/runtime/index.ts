// The simulation runtime, in layers (each file's class extends the one before):
// driver (queue, clock, limits, trace plumbing) → connections → servers → clients →
// requests (the request lifecycle) → script (the interpreter) → sim (binds the algorithm).
export { Sim, type Algorithm, type EngineSim, type ListView, type WorldView } from './sim';
export type { AlgorithmOf, TxnAbort } from './algorithm';
export { RunLocal, type EventInput, type LimitKind, type SimOptions } from './driver';
export type { PackedOutput } from '../writer/packed';
export { DEFAULT_RETRIES, dropStream } from './connections';
