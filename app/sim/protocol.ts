import type { BackendServers, Diagnostic, EngineName, RunResult } from '../../core';
import type { RunEstimate } from '../model/estimate';
import type { PackedChunk } from '../../core';

/**
 * Messages between the page and the simulation worker (./worker.ts). Plain data,
 * copied by structured clone. One run per `id`; a message of an older run is ignored.
 */
export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly text: string;
  readonly maxEvents: number;
  /** Run under this engine instead of the scenario's `engine` line (compare mode). */
  readonly engine?: EngineName;
}

/** Parsed and checked: sent before the simulation starts (markers need nothing more). */
export interface CheckedMessage {
  readonly type: 'checked';
  readonly id: number;
  readonly diagnostics: Diagnostic[];
  readonly ok: boolean;
  readonly engine: EngineName;
  readonly commit: string;
  readonly servers: string[];
  readonly backends?: readonly BackendServers[];
  readonly estimate: RunEstimate;
}

/** The next events of the trace, in order (`from` = seq of the first), packed (core/trace/packed.ts), and progress so far. */
export interface EventsMessage {
  readonly type: 'events';
  readonly id: number;
  readonly from: number;
  readonly chunk: PackedChunk;
  /** Requests finished so far (done or failed). */
  readonly done: number;
  /** Requests sent so far (a large run opens and sends thousands before the first one finishes). */
  readonly sent?: number;
}

export interface DoneMessage {
  readonly type: 'done';
  readonly id: number;
  readonly events: number;
  readonly totals: RunResult['totals'];
  readonly steps: RunResult['steps'];
  readonly limitReached: RunResult['limitReached'];
  /** Wall-clock time of the simulation in the worker, ms. */
  readonly runMs: number;
}

/** The core threw: a bug, not a user error. */
export interface FailedMessage {
  readonly type: 'failed';
  readonly id: number;
  readonly message: string;
}

export type WorkerMessage = CheckedMessage | EventsMessage | DoneMessage | FailedMessage;

/**
 * The worker sends what it has every FLUSH_EVENTS events (and at least every REPORT_MS), one chunk
 * each, decoded by the page in well under a frame:
 * the page decodes and analyses a chunk while the worker simulates the next one.
 */
export const FLUSH_EVENTS = 2048;
/** The worker reports at most this often, ms. */
export const REPORT_MS = 50;
