/**
 * A client connection's idle timer (clients.ts), which every request end sets anew and of which
 * only the last setting can fire. Setting it queued an entry each time before, and the superseded
 * ones stayed in the queue as no-ops until their instant: 10,000 keep-alive clients × 10 requests
 * with client timeouts kept ~110,000 entries there. Now the timer has one entry at a time, moved
 * on when it comes up (SimDriver.setIdle): a setting takes its place among the events of its
 * instant (a seq) when it is made, as an entry queued then would, and is queued with that place
 * later, so every event runs exactly where it ran before. A setting never queued (a later one came
 * first) still counts where its entry would have moved the clock (SimDriver.skipped). A property
 * test checks traces, end times and metrics against one entry per setting.
 *
 * `S`: the session it belongs to (a parameter, so that this module imports none of the engine types).
 */
export class IdleTimer<S> {
  /** The last setting: its instant (-1: never set) and its place among that instant's events. */
  at = -1;
  seq = 0;
  /** The session's timer token when it was set (a later setting, a request or the close changes that token). */
  token = 0;
  /** The entry of this timer in the queue that stands for it (-1: none); entries queued before it are stale. */
  queuedAt = -1;
  queuedSeq = 0;
  /** The last setting is due after the queued entry, which queues it when it comes up. */
  waiting = false;

  constructor(readonly session: S) {}
}
