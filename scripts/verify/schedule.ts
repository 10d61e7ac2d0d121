/**
 * When the player's `wait`s end, in real time. The engines run the script on a virtual clock: a
 * `wait 35ms` then a `wait 40ms` after a background request end 35 and 75 ms after it was sent.
 * Played as two sleeps one after the other, each starts when the one before woke up, so each
 * timer's lateness adds up: on a loaded machine (a busy event loop, a process not scheduled)
 * the second ended 200 ms after the request instead of 75, after its 150 ms response, and the
 * client's close met a finished request (gen-700082, seed 7). So a wait ends at a deadline on the
 * script's own clock: the last instant the player waited for something real (a response, a
 * connect, `await`), plus the virtual time of the waits since.
 *
 * A wait whose deadline has passed still lets MIN_GAP_MS real ms pass (or its own length, if
 * shorter) after the statement before it: HAProxy, another process, must see that statement
 * first. Played at once, a request sent right after a late `s1 close idle` met the connection
 * before HAProxy had read its FIN and reused it (gen-100104, seed 1).
 *
 * While the player is behind, an emulated server's timer (a response, an idle timeout) meant for
 * an instant at or after the player's next deadline waits until the player has done what was due
 * before it (`hold`): the servers share this event loop, and after a stall their timers and the
 * player's would otherwise fire in whatever order the gap leaves. When the player waits for
 * something real (a response, a connect, `await`) nothing is held back.
 *
 * A response the player waited for counts from the instant its server meant to send it, not from
 * when it arrived: after a stall it arrives late, and the waits after it would start late against
 * the other servers' timers (gen-700075 under a stalled event loop).
 */

/** Real ms between a statement and the next one after a wait, at least (HAProxy reads a FIN or a request in far less). */
export const MIN_GAP_MS = 10;

export class Schedule {
  /** The deadline of the next statement, on the recorder's clock (virtual ms: real ms / scale). */
  private due: number;
  /** The deadline of the wait the player is in, or null when it is not in one. */
  private sleepingUntil: number | null = null;
  /** Server timers held back until the player's next statement (each with the instant it was meant for). */
  private held: { readonly t: number; readonly go: () => void }[] = [];
  /** When each request's response was meant to leave its server (recorder's clock). */
  private readonly answeredAt = new Map<string, number>();

  constructor(private readonly now: () => number, private readonly scale: number) {
    this.due = now();
  }

  /** The player waited for something real just now: later waits count from here. */
  sync(): void {
    this.due = this.now();
  }

  /** A server sends request `id`'s response, meant for instant `t`. */
  answered(id: string, t: number): void {
    this.answeredAt.set(id, t);
  }

  /** The player's requests `ids` are over: later waits count from when their responses were meant to leave (now, if one had none). */
  syncAfter(ids: readonly string[]): void {
    const now = this.now();
    let at = this.due;
    for (const id of ids) {
      const t = this.answeredAt.get(id);
      if (t === undefined) {
        this.due = now;
        return;
      }
      at = Math.max(at, t);
    }
    this.due = Math.min(now, at);
  }

  /** A `wait` of `ms` virtual ms: the real ms to sleep until its deadline, or the least gap when that has passed. */
  wait(ms: number): number {
    this.due += ms;
    // What was meant for before this deadline comes before the player's next statement.
    this.sleepingUntil = this.due;
    this.release((t) => t < this.due);
    const real = (this.due - this.now()) * this.scale;
    return Math.max(real, Math.min(ms * this.scale, MIN_GAP_MS));
  }

  /** The player waits for something real (a response, a connect, `await`), or is done: nothing is held back. */
  busy(): void {
    this.sleepingUntil = null;
    this.release(() => true);
  }

  /**
   * A server's timer meant for instant `t` (recorder's clock) fired: null to go on now, or a promise
   * that resolves once the player has done what was due before `t`.
   */
  hold(t: number): Promise<void> | null {
    if (this.sleepingUntil === null || t < this.sleepingUntil) return null;
    return new Promise<void>((go) => this.held.push({ t, go }));
  }

  private release(due: (t: number) => boolean): void {
    const go = this.held.filter((h) => due(h.t));
    if (!go.length) return;
    this.held = this.held.filter((h) => !due(h.t));
    for (const h of go) h.go();
  }
}
