/**
 * What a sweep measures in a run (issue 18), gathered while the run goes so that a totals-only
 * run — which builds no trace — still gives them: the runtime calls these at the few places
 * where they change (a connection opens, a request ends, the script ends, virtual time moves).
 * core/sweep/metrics.ts turns them into the named metrics; it also computes the same figures
 * from a full trace, and a property test checks the two agree.
 */
import type { World } from '../model/world';

/** Samples on a time grid (open-loop plots): the state just before each grid instant's events. */
export interface SeriesBuffer {
  /** Grid instants, microseconds. */
  readonly t: number[];
  /** Server connections open (connecting, busy or idle). */
  readonly open: number[];
  /** Of those, idle (in a pool, or held by a session between requests). */
  readonly idle: number[];
  /** Requests sent or waiting to be sent, without their response yet. */
  readonly inflight: number[];
  /** Requests sent since the previous instant, and how many of them went on an existing connection. */
  readonly sent: number[];
  readonly reused: number[];
}

/** Most samples a series keeps. */
export const MAX_SAMPLES = 20_000;

export class Meter {
  peakConns = 0;
  errors = 0;
  /** Requests that waited for a server slot (modern: maxconn), counted as they end. */
  queued = 0;
  /** Client connections that waited in a listen backlog (a frontend's or the global maxconn). */
  backlogged = 0;
  /** Latency of each request that was sent and ended (response or error), microseconds. */
  readonly latencies: number[] = [];
  /** Idle connections when the script's last statement had run (-1: it never finished). */
  idleEnd = -1;
  scriptEndUs = -1;
  /** Virtual time when the run ended. */
  endUs = 0;
  /** The seq of the next event when the script ended: the same in a full and a totals-only run. */
  scriptEndSeq = -1;
  readonly series: SeriesBuffer | null;
  /** The next grid instant to sample (Infinity: no series). */
  nextSampleUs: number;
  private lastRequests = 0;
  private lastReused = 0;

  /** `stepUs` > 0: also sample the series every stepUs. */
  constructor(readonly stepUs = 0) {
    this.series = stepUs > 0 ? { t: [], open: [], idle: [], inflight: [], sent: [], reused: [] } : null;
    this.nextSampleUs = stepUs > 0 ? 0 : Number.POSITIVE_INFINITY;
  }

  connOpened(w: World): void {
    const open = w.counts.opened - w.counts.destroyed;
    if (open > this.peakConns) this.peakConns = open;
  }

  /** A request ended; `sentAt` < 0 when it was never sent. */
  requestEnded(sentAt: number, now: number, error: boolean, waited = false): void {
    if (error) this.errors++;
    if (waited) this.queued++;
    if (sentAt >= 0) this.latencies.push(now - sentAt);
  }

  scriptEnded(w: World, now: number, seq: number): void {
    this.scriptEndUs = now;
    this.scriptEndSeq = seq;
    this.idleEnd = idleConns(w);
  }

  /** Records every grid instant up to `now` (called before the events at `now` run). */
  sampleUpTo(now: number, w: World, inflight: number): void {
    const s = this.series!;
    const open = w.counts.opened - w.counts.destroyed;
    const idle = idleConns(w);
    const sent = w.counts.requests - this.lastRequests;
    const reused = w.counts.reused - this.lastReused;
    this.lastRequests = w.counts.requests;
    this.lastReused = w.counts.reused;
    let first = true;
    while (this.nextSampleUs <= now) {
      if (s.t.length >= MAX_SAMPLES) {
        // A long quiet stretch (a timer an hour away) would fill memory: the series stops.
        this.nextSampleUs = Number.POSITIVE_INFINITY;
        break;
      }
      s.t.push(this.nextSampleUs);
      s.open.push(open);
      s.idle.push(idle);
      s.inflight.push(inflight);
      // What happened since the last sample belongs to the first grid instant after it.
      s.sent.push(first ? sent : 0);
      s.reused.push(first ? reused : 0);
      first = false;
      this.nextSampleUs += this.stepUs;
    }
  }
}

/** Connections that are open and carry no transaction. */
export function idleConns(w: World): number {
  let n = 0;
  for (const c of w.conns.values()) if (c.phase === 'idle') n++;
  return n;
}
