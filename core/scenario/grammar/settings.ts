/**
 * What a proxy section's directives set and a later section inherits from `defaults` (compile.ts
 * folds them; each directive's `apply` in grammar/directives.ts writes its own field). Pure.
 */
import type { Balance, BalanceArgs, HashType, HttpMode, UseSrc, RetryOn } from '../../model/config';
import type { ClassicOption, HealthOption, HttpCheckExpect, ModernOption, ReuseMode, Span, Word } from '../ast';

/** CONN_RETRIES (defaults.h): a failed connection attempt is retried 3 times unless `retries` says otherwise. */
export const DEFAULT_RETRIES = 3;

/** One `http-check` line of a proxy, kept in the settings (and marked inherited in a section that takes them from `defaults`). */
export interface HttpCheckLine {
  /** `option httpchk` (it starts the section's own rules at 2.6), an `http-check expect` rule, or another rule (send, connect…). */
  readonly kind: 'option' | 'expect' | 'rule';
  readonly expect?: HttpCheckExpect;
  readonly span: Span;
  readonly inherited: boolean;
}

export interface Settings {
  reuse: ReuseMode | null;
  balance: Balance;
  /** The arguments of `balance uri|url_param|hdr(…)` (null: none). */
  balanceArgs: BalanceArgs | null;
  /** `hash-type …` (null: none, map-based sdbm). */
  hashType: HashType | null;
  httpMode: HttpMode;
  preferLastServer: boolean;
  /** `option allbackups`. */
  allBackups: boolean;
  usesrc: UseSrc;
  timeouts: { connect: number; server: number; client: number; httpKeepAlive: number; httpRequest: number; queue: number; tunnel: number; check: number };
  defaultBackend: Word | null;
  /** `max-session-srv-conns N` (a frontend setting, modern only). */
  maxSessionSrvConns: number | null;
  /** `retries N`: connection attempts retried after a failed one (a backend setting; HAProxy's default 3). */
  retries: number;
  /** `retry-on …` (null: HAProxy's default, conn-failure only). */
  retryOn: RetryOn | null;
  /** `option redispatch [N]`: 0 off, -1 on the last retry (no N), else every N-th retry (N < 0: the N-th before last). */
  redispatch: number;
  /** `hash-balance-factor N`: consistent hashing with bounded loads (0: off). */
  hashBalanceFactor: number;
  /** `option abortonclose` (true) or `no option abortonclose` (false); null: not written (the release's default). */
  abortOnClose: boolean | null;
  /** A `balance` line was written (3.3 changed the default: random). */
  balanceWritten: boolean;
  /** `fullconn N` of a backend: the load at which its servers reach their maxconn (0: 10 % of the frontends' maxconn). */
  fullconn: number;
  /** `maxconn N` of a frontend: its client connections at once (0: the global maxconn). */
  maxconn: number;
  /** `cookie NAME insert …`: the persistence cookie HAProxy sets (null: none, or a mode that sets none). */
  cookie: { readonly name: string; readonly postonly: boolean } | null;
  /** Where `option transparent` was set, or null. */
  transparent: Span | null;
  /** The modern options of the `default-server` lines so far (only a defaults section's are inherited as such). */
  defaultServer: ModernOption[];
  /** The health-check options of those lines (every engine has them). */
  defaultHealth: HealthOption[];
  /** Their other options every engine models (send-proxy, weight, backup …). */
  defaultClassic: ClassicOption[];
  /** `mode tcp`: the proxy forwards bytes, no HTTP (../tcp-mode.ts). */
  tcp: boolean;
  /** `option httpchk`: the servers' health checks are HTTP requests. */
  httpCheck: boolean;
  /** `option httpchk` and `http-check` rule lines, those of `defaults` first (marked inherited in a section that takes them). */
  httpChecks: readonly HttpCheckLine[];
  /** `http-check disable-on-404`. */
  disable404: boolean;
}

export function baseSettings(): Settings {
  return {
    reuse: null, balance: 'roundrobin', balanceArgs: null, hashType: null, httpMode: 'keep-alive', preferLastServer: false, allBackups: false, usesrc: 'none',
    timeouts: { connect: 0, server: 0, client: 0, httpKeepAlive: 0, httpRequest: 0, queue: 0, tunnel: 0, check: 0 }, defaultBackend: null,
    maxSessionSrvConns: null, retries: DEFAULT_RETRIES, retryOn: null, redispatch: 0, hashBalanceFactor: 0, abortOnClose: null, balanceWritten: false, fullconn: 0, maxconn: 0, cookie: null, transparent: null, defaultServer: [], defaultHealth: [], defaultClassic: [], tcp: false, httpCheck: false, httpChecks: [], disable404: false,
  };
}

export function cloneSettings(s: Settings): Settings {
  return {
    ...s, timeouts: { ...s.timeouts }, defaultServer: [...s.defaultServer], defaultHealth: [...s.defaultHealth], defaultClassic: [...s.defaultClassic],
    httpChecks: s.httpChecks.map((l) => (l.inherited ? l : { ...l, inherited: true })),
  };
}
