/**
 * What a real HAProxy binary did with a scenario, as `npm run verify` records it (scripts/verify/):
 * which server connection received each request, when each connection opened and closed and who
 * closed it. Times are in virtual milliseconds (real milliseconds divided by the run's scale), from
 * the start of the script. Pure data, so recorded traces can be committed as fixtures and compared
 * with an engine's run anywhere (compare.ts), without a binary.
 */

export const REAL_TRACE_FORMAT = 'reuse-playground-real-trace/1';

export interface RealRequest {
  /** `r1`, `r2`, … in the order the script issues them (as the engines number them). */
  readonly id: string;
  readonly client: string;
  /** The client connection it was sent on: `A`, then `A.2` after a reconnect (as the engines name sessions). */
  readonly session: string;
  /** Server the request reached, from the emulated server's side; null: it reached none. */
  readonly server: string | null;
  /** Server connection that received it (`s1.c2`: the second connection s1 accepted); null: none. */
  readonly conn: string | null;
  /** HTTP status the client got (from the server or from HAProxy); null: no response. */
  readonly status: number | null;
  /** Why the client got no response (null when it got one). */
  readonly error: string | null;
  readonly sentAt: number;
  readonly doneAt: number | null;
  /**
   * Requests whose completion let this one be sent (the statement waited on them, or an h1
   * client's previous request): their completions are causes, not rivals, of this send.
   */
  readonly after: readonly string[];
}

export interface RealConn {
  readonly id: string;
  readonly server: string;
  readonly openedAt: number;
  readonly closedAt: number | null;
  /** Who closed it first: the emulated server, or HAProxy (`proxy`); null: open when the run ended. */
  readonly closedBy: 'proxy' | 'server' | null;
  /** Requests received on it, in order. */
  readonly requests: readonly string[];
}

export interface RealTrace {
  readonly format: typeof REAL_TRACE_FORMAT;
  /** `haproxy -v`'s first line. */
  readonly binary: string;
  readonly recordedAt: string;
  /** Real milliseconds per virtual millisecond. */
  readonly scale: number;
  /** The engine whose configuration keywords the haproxy.cfg used (seed/parent omit 2.x keywords). */
  readonly engine: string;
  /** The haproxy.cfg that ran (its ports are those of the recording). */
  readonly config: string;
  readonly requests: readonly RealRequest[];
  readonly conns: readonly RealConn[];
  /** When each executed script statement started (the engines' `steps`). */
  readonly steps: readonly { readonly stmt: number; readonly t: number }[];
  /** When the script's last statement had finished. */
  readonly end: number;
  /** Things the emulation could not reproduce, said once each. */
  readonly notes: readonly string[];
  /** HAProxy died during the script (the parent binary's pX crash): when, and how. */
  readonly crashed?: { readonly at: number; readonly how: string } | null;
}
