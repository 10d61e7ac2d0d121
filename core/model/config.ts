import type { EngineName, ModernVersion, ReuseMode, Span } from './names';
import type { Routing, SampleExpr } from './routing';

/** Connection mode of a transaction (rule C1): the strongest option wins. */
export type HttpMode = 'keep-alive' | 'server-close' | 'close';

export type Balance = 'roundrobin' | 'static-rr' | 'first' | 'leastconn' | 'random' | 'sticky' | HashBalance;
/** The algorithms that hash a key of the request onto the servers (BE_LB_KIND_HI in HAProxy). */
export type HashBalance = 'source' | 'uri' | 'url_param' | 'hdr' | 'hash';
export const HASH_BALANCES: readonly HashBalance[] = ['source', 'uri', 'url_param', 'hdr', 'hash'];
export const isHashBalance = (b: Balance): b is HashBalance => (HASH_BALANCES as readonly string[]).includes(b);

/** The arguments of `balance uri …`, `balance url_param NAME`, `balance hdr(NAME) …` (backend_parse_balance, backend.c of v2.6.0). */
export interface BalanceArgs {
  /** uri: `whole` (the query string is hashed too) and `path-only` (no scheme and authority). */
  readonly whole?: boolean;
  readonly pathOnly?: boolean;
  /** uri: `len N` (at most N characters) and `depth N` (at most N directories). */
  readonly len?: number;
  readonly depth?: number;
  /** url_param: the parameter; hdr: the header field. */
  readonly name?: string;
  /** hdr: `use_domain_only`. */
  readonly domainOnly?: boolean;
  /** hash: the sample expression whose value is hashed (`balance hash req.cookie(sid)`). */
  readonly expr?: SampleExpr;
  /** random: `random(N)`, the draws (absent: 2). */
  readonly draws?: number;
}

/** The functions `hash-type` names (gen_hash, backend.c:73-95 of v2.6.0). */
/**
 * `retry-on` (proxy_parse_retry_on, proxy.c:821-880 of v2.6.0): what HAProxy retries — a failed
 * connection (`conn-failure`, the default) and, as L7 retries, a server connection closed before
 * the response (`empty-response`), a response past `timeout server` (`response-timeout`) and the
 * listed statuses. `junk-response` and `0rtt-rejected` are kept but cannot happen here.
 */
export interface RetryOn {
  readonly connFailure: boolean;
  readonly emptyResponse: boolean;
  readonly responseTimeout: boolean;
  readonly statuses: readonly number[];
  /** The words as written (junk-response, 0rtt-rejected included). */
  readonly words: readonly string[];
}
/** `none` (HAProxy 3.0+, a7563158f): the key read as a number is the hash. */
export type HashFunction = 'sdbm' | 'djb2' | 'wt6' | 'crc32' | 'none';
export const HASH_FUNCTIONS: readonly HashFunction[] = ['sdbm', 'djb2', 'wt6', 'crc32', 'none'];

/** `hash-type map-based|consistent [FUNCTION [avalanche]]` (cfgparse-listen.c:2632-2698 of v2.6.0). */
export interface HashType {
  readonly consistent: boolean;
  readonly fn: HashFunction;
  readonly avalanche: boolean;
}
/** No hash-type line: map-based, sdbm, no avalanche. */
export const DEFAULT_HASH_TYPE: HashType = { consistent: false, fn: 'sdbm', avalanche: false };

/** `source ADDR usesrc ...`: only the kind matters to the algorithm (P4, R5). */
export type UseSrc = 'none' | 'client' | 'clientip' | 'hdr_ip';

/** A time window of the run's clock (µs): from `fromUs` included to `toUs` excluded. */
export interface RefuseWindow {
  readonly fromUs: number;
  readonly toUs: number;
}

/**
 * A server's health checks (server.c:97-110 and check.c:426-560 of v2.6.0): every `interUs` while
 * fully up, `fastinterUs` while changing state, `downinterUs` while down (0: `interUs`); `rise`
 * passed checks in a row bring it up, `fall` failed ones take it down.
 */
export interface HealthCheck {
  readonly interUs: number;
  readonly fastinterUs: number;
  readonly downinterUs: number;
  readonly rise: number;
  readonly fall: number;
  /** `option httpchk` in its backend: the check is an HTTP request, passed by a 2xx or 3xx answer (or as `expects` say). */
  readonly http: boolean;
  /** `http-check expect [!] status|rstatus …` of the backend, each of which the answer must pass (absent: 200-399). */
  readonly expects?: readonly StatusExpect[];
  /** `timeout check` of the backend (0: none; the whole check then has `inter`). */
  readonly timeoutUs: number;
  /** `timeout connect` of the backend (with `timeout check`, the connect may take at most this, or `inter` if shorter). */
  readonly connectTimeoutUs: number;
  /** `http-check disable-on-404` in the backend: a 404 answer puts a server that is not DOWN in NOLB (draining). */
  readonly disable404?: boolean;
  /** `init-state` (HAProxy 3.2+; absent: none): the health the server starts at, read by the engine at modern 3.2 and later. */
  readonly initState?: 'fully-up' | 'up' | 'down' | 'fully-down';
  /** `on-marked-down shutdown-sessions`: the streams on it are shut when its checks mark it DOWN. */
  readonly shutdownSessions?: boolean;
  /** `on-marked-up shutdown-backup-sessions`: the streams on the backend's backup servers are shut when its checks mark it UP. */
  readonly shutdownBackupSessions?: boolean;
  /** `observe layer4|layer7`: the traffic counts errors too (absent: none); `errorLimit` in a row run `onError`. */
  readonly observe?: { readonly mode: 'layer4' | 'layer7'; readonly errorLimit: number; readonly onError: 'fastinter' | 'fail-check' | 'sudden-death' | 'mark-down' };
}

/**
 * `http-check expect [!] status CODES` or `rstatus REGEX`: a check's answer passes when its status is
 * in one of the ranges (status) or the pattern matches its three digits (rstatus); `!` inverts it.
 * The ranges are the engine's reading of the pattern (1.9 compares its first three characters).
 */
export interface StatusExpect {
  readonly invert: boolean;
  readonly codes?: readonly (readonly [number, number])[];
  readonly regex?: string;
  /** As written after `expect` (trace and messages). */
  readonly text: string;
}

/** Does a check's answer of this status pass the expect? */
export function expectPasses(e: StatusExpect, status: number): boolean {
  const hit = e.codes ? e.codes.some(([lo, hi]) => status >= lo && status <= hi) : new RegExp(e.regex ?? '').test(String(status));
  return hit !== e.invert;
}

/** `SERVER status CODE [FROM..TO]`: the emulated server answers CODE (always, or in that window of the run). */
export interface StatusWindow {
  readonly status: number;
  readonly fromUs: number;
  readonly toUs: number;
}

/**
 * The status the emulated server answers at time `t` (µs), a request or a check, and whether it is
 * its NTLM/Negotiate challenge (`auth`): a `status` window first, then a `status` without one.
 */
export function serverStatusAt(s: ServerConfig, t: number): ServerAnswer {
  const w = s.statusWindows;
  if (w !== undefined) for (const x of w) if (t >= x.fromUs && t < x.toUs) return { status: x.status, auth: null };
  if (s.status !== undefined) return { status: s.status, auth: null };
  // Shared answers: asked once per response.
  return s.auth === 'ntlm' ? ANSWER_NTLM : s.auth === 'negotiate' ? ANSWER_NEGOTIATE : ANSWER_OK;
}
/** The status the emulated server answers a health check with at time `t`: `check-status` first, then as a request. */
export function checkStatusAt(s: ServerConfig, t: number): number {
  const w = s.checkStatusWindows;
  if (w !== undefined) for (const x of w) if (t >= x.fromUs && t < x.toUs) return x.status;
  return s.checkStatus ?? serverStatusAt(s, t).status;
}

export interface ServerAnswer {
  readonly status: number;
  readonly auth: 'ntlm' | 'negotiate' | null;
}
const ANSWER_OK: ServerAnswer = { status: 200, auth: null };
const ANSWER_NTLM: ServerAnswer = { status: 401, auth: 'ntlm' };
const ANSWER_NEGOTIATE: ServerAnswer = { status: 401, auth: 'negotiate' };

/** HAProxy's defaults (DEF_CHKINTR, DEF_RISETIME, DEF_FALLTIME in defaults.h of v2.6.0). */
export const HEALTH_DEFAULTS = { interUs: 2_000_000, rise: 2, fall: 3, errorLimit: 10, onError: 'fail-check' } as const;

/** Does the server refuse a connection at time `t` (µs)? */
export function refusesAt(s: ServerConfig, t: number): boolean {
  if (s.refuse) return true;
  const w = s.refuseWindows;
  if (w === undefined) return false;
  for (const x of w) if (t >= x.fromUs && t < x.toUs) return true;
  return false;
}

export interface ServerConfig {
  /**
   * The server's name in the run (trace, world, diagram): as written, or `BACKEND/NAME` when
   * another backend has a server of the same name (HAProxy's own way to name a server: logs,
   * stats, the runtime API), so that two servers are never one.
   */
  readonly name: string;
  /** The name as written on its `server` line, when `name` had to be qualified (absent: `name`). */
  readonly written?: string;
  readonly addr: string;
  readonly sendProxy: boolean;
  readonly sni: boolean;
  /**
   * The `sni` expression, evaluated per request (the request as the backend reads it); absent with
   * `sni` when its fetch is not modelled: every request then has the same SNI.
   */
  readonly sniExpr?: SampleExpr;
  /** `strict-maxconn` (HAProxy 3.2+) with a maxconn: the connections to the server, idle ones included, stay within it. */
  readonly strictMaxconn?: true;
  /** `pool-conn-name EXPR` (HAProxy 3.0+): the name a connection is pooled by, evaluated per request. */
  readonly poolConnNameExpr?: SampleExpr;
  /** `ssl`: TLS to the server (not simulated; HAProxy 3.3+ pools a TLS server's connections by SNI). */
  readonly ssl?: true;
  /**
   * The SNI HAProxy 3.3+ gives a TLS server without `sni` in an HTTP backend: the Host header up to
   * a colon (absent: not such a server, or `no-sni-auto`). Read by the engine at modern 3.4 only.
   */
  readonly autoSniExpr?: SampleExpr;
  readonly usesrc: UseSrc;
  readonly disabled: boolean;
  // Emulated behaviour (the `servers` section); times in microseconds.
  readonly connectUs: number;
  readonly responseUs: number;
  /** `response-time 20ms..80ms` / `response-time exp 30ms`: drawn per request (responseUs is then the mean). */
  readonly responseDist?: ResponseDist;
  /** Close the connection after this many responses (0 = never). */
  readonly closeAfter: number;
  /** Close (FIN, no `Connection: close`) right after this many responses (0 = never). */
  readonly finAfter: number;
  /** Close a connection idle this long (0 = never). */
  readonly idleTimeoutUs: number;
  readonly auth: 'ntlm' | 'negotiate' | null;
  /** `SERVER refuse`: every connection is refused. */
  readonly refuse: boolean;
  /** `SERVER refuse FROM..TO`: connections (and health checks) are refused from FROM to TO of the run's clock (µs). */
  readonly refuseWindows?: readonly RefuseWindow[];
  /** `SERVER status CODE` (servers section): every answer is CODE, outside its `status` windows. */
  readonly status?: number;
  /** `SERVER status CODE FROM..TO`: answers are CODE in that window of the run's clock (µs). */
  readonly statusWindows?: readonly StatusWindow[];
  /** `SERVER check-status CODE [FROM..TO]`: its health checks (only) are answered CODE (before `status`). */
  readonly checkStatus?: number;
  readonly checkStatusWindows?: readonly StatusWindow[];
  /** Server option `track`: the run name of the server whose checks decide its state (none of its own). */
  readonly tracks?: string;
  /** Server option `check` (with `inter`, `fastinter`, `downinter`, `rise`, `fall`): health-checked (../engines/runtime/health.ts). */
  readonly check?: HealthCheck;
  /** `SERVER set-cookie NAME` (servers section): its responses start a session cookie NAME for a client without one. */
  readonly setCookie?: string;
  /**
   * Server option `proto h1|h2`: the protocol HAProxy speaks to this server (default h1). Only the
   * modern engine talks h2 to a server; seed and parent compile `proto h2` as h1 (with a warning).
   */
  readonly proto: 'h1' | 'h2';
  /** Server option `max-reuse N`: requests a connection may carry after its first (-1 = unlimited). Modern only. */
  readonly maxReuse: number;
  /** Server option `pool-max-conn N`: idle connections kept in the server's pools (-1 = unlimited, 0 = no pooling). Modern only. */
  readonly poolMaxConn: number;
  /** Server option `pool-low-conn N`: idle connections below which a new one is preferred to a takeover. Modern only. */
  readonly poolLowConn: number;
  /** Server option `pool-purge-delay TIME`: period of the idle-pool purge (µs, default 5 s). Modern only. */
  readonly poolPurgeDelayUs: number;
  /** `SERVER max-streams N` (servers section): the emulated h2 server's SETTINGS_MAX_CONCURRENT_STREAMS (default 100). */
  readonly maxStreams: number;
  /**
   * The `dispatch` destination of a backend, or the original destination of `option transparent`:
   * a target that is not a server (R6), never listed.
   */
  readonly dispatch?: boolean;
  /** `cookie VALUE` on its server line: its value of the backend's persistence cookie. */
  readonly cookie?: string;
  /** `id N`: its number in the backend (absent: the next free one in configuration order; the consistent ring reads it). */
  readonly id?: number;
  /** `backup`: balanced only when no other server of the backend is usable (absent: false). */
  readonly backup?: boolean;
  /** `weight N` (0-256; absent: 1): its share of a hash balance's map or ring (../engines/hash-balance.ts). */
  readonly weight?: number;
  /**
   * `maxconn N` (modern engine): at most N streams at once hold a slot on the server; more wait in
   * a queue (../engines/modern-queue.ts). Absent or 0: no limit.
   */
  readonly maxconn?: number;
  /** `maxqueue N` (modern engine): a request that would be the N+1-th to wait for this server gets 503 (absent or 0: no limit). */
  readonly maxqueue?: number;
  /**
   * `minconn N` below `maxconn` (modern engine): the limit grows with the backend's load, from N to
   * maxconn at the backend's `fullconn` (../engines/modern-queue.ts). Absent: the limit is maxconn.
   */
  readonly minconn?: number;
}

export interface BackendConfig {
  readonly name: string;
  readonly reuse: ReuseMode;
  readonly balance: Balance;
  /** The hash balances' arguments and `hash-type` (absent: none, and DEFAULT_HASH_TYPE). */
  readonly balanceArgs?: BalanceArgs;
  readonly hashType?: HashType;
  readonly httpMode: HttpMode;
  readonly preferLastServer: boolean;
  /** `option allbackups`: every usable backup server is balanced when no other server is (absent: only the first). */
  readonly allBackups?: boolean;
  readonly usesrc: UseSrc;
  readonly servers: readonly ServerConfig[];
  /**
   * `dispatch ADDR` (name 'dispatch'), or `option transparent` in a backend with no server (name
   * 'transparent', addr 'original destination'): where requests go when the backend has no usable server.
   */
  readonly dispatch?: ServerConfig;
  /**
   * This backend's own `timeout connect` and `timeout server` (µs, 0 = not set): HAProxy reads both
   * from the stream's backend (backend.c:1811, stream.c:927-929 of v2.6.0; backend.c:1270,
   * stream.c:863-864 of 7c6f8b146). Absent: the config's top-level timeouts.
   */
  readonly timeouts?: { readonly connect: number; readonly server: number; readonly tunnel?: number };
  /**
   * How long a request may wait in a queue of this backend (µs): its `timeout queue`, else its
   * `timeout connect` (cfgparse.c:3368-3369 of v2.6.0); 0 or absent: as long as it takes. Set only
   * when a server has a maxconn.
   */
  readonly queueTimeoutUs?: number;
  /** `hash-balance-factor N` (above 100; absent: off): consistent hashing with bounded loads (../engines/modern-queue.ts). */
  readonly hashBalanceFactor?: number;
  /**
   * `fullconn` as HAProxy settles it (written, else 10 % of the frontends' maxconn that can route
   * here): the load at which its servers with a `minconn` reach their maxconn. Present only when one has.
   */
  readonly fullconn?: number;
  /**
   * `option abortonclose` (true) or `no option abortonclose` (false), modern engine: a client's
   * close aborts its request (../engines/modern-abort.ts). Absent: not written — off up to 3.2, on
   * for HTTP since 3.3 (../scenario/release-defaults.ts).
   */
  readonly abortOnClose?: boolean;
  /** `abortOnClose` is the release's default, not written (3.3 and later: on for HTTP). */
  readonly abortOnCloseByDefault?: boolean;
  /** No `balance` line: the release's default (roundrobin; random since 3.3, ../scenario/release-defaults.ts). */
  readonly balanceDefault?: boolean;
  /** `retry-on …` (engine modern): which failures are retried (absent: a failed connection only, HAProxy's default). */
  readonly retryOn?: RetryOn;
  /** `retries N`: a refused connection attempt is retried N times, then 503 (absent: 3, HAProxy's default). */
  readonly retries?: number;
  /** `option redispatch [N]`: 0 or absent off, -1 on the last retry, N every N-th (stream_choose_redispatch). */
  readonly redispatch?: number;
  /**
   * `cookie NAME insert [postonly]`: HAProxy's persistence cookie (absent: none). `prefix` and
   * `rewrite` (`mode`; absent: insert) change the cookie NAME the server sets instead of inserting
   * one: prefixed with the server's value and `~`, or replaced by it.
   */
  readonly cookie?: { readonly name: string; readonly postonly: boolean; readonly mode?: 'prefix' | 'rewrite' };
  /** `mode tcp`: a stream routed here forwards bytes on one server connection for its whole life (../engines/runtime/tcp.ts). */
  readonly tcp?: boolean;
}

/** A `use_backend NAME if { path_beg /x }` rule of the frontend. */
export interface RouteRule {
  readonly backend: string;
  readonly pathPrefix: string;
}

/** Timeouts in microseconds; 0 = not set. */
export interface Timeouts {
  readonly connect: number;
  readonly server: number;
  readonly client: number;
  readonly httpKeepAlive: number;
  readonly httpRequest: number;
}

/**
 * The client-side settings of one frontend or listen: a session reads them from the frontend its
 * client entered (HAProxy's sess->fe), never from another one.
 */
export interface FrontendSide {
  readonly mode: HttpMode;
  readonly timeouts: Pick<Timeouts, 'client' | 'httpKeepAlive' | 'httpRequest'>;
  readonly maxSessionSrvConns: number;
  /** `maxconn N`: client connections it accepts at once (0 or absent: no limit of its own). */
  readonly maxconn?: number;
  /** Its name in the configuration (absent: a configuration with no frontend section). */
  readonly name?: string;
  /** The frontend proxy has `option abortonclose` (from defaults, or a listen's own): 2.6 then sees an HTTP/1 client's close. */
  readonly abortOnClose?: boolean;
  /** `mode tcp`: its client connections are routed and connected when they are accepted (../engines/runtime/tcp.ts). */
  readonly tcp?: boolean;
}

/** A response time drawn per request with the run's seeded generator. */
export type ResponseDist =
  | { readonly kind: 'uniform'; readonly loUs: number; readonly hiUs: number }
  | { readonly kind: 'exp'; readonly meanUs: number };

/** Everything the simulation needs from the configuration part of a scenario. */
export interface SimConfig {
  readonly engine: EngineName;
  /** `engine modern VERSION`: the release the modern engine follows (absent: 2.6). */
  readonly modernVersion?: ModernVersion;
  readonly frontendMode: HttpMode;
  readonly timeouts: Timeouts;
  readonly backends: readonly BackendConfig[];
  readonly defaultBackend: string;
  /** Path-prefix rules of configurations built by hand (tests); compiled scenarios use `routing`. */
  readonly routes: readonly RouteRule[];
  /** How the configuration routes and answers requests (compiled scenarios); absent: `routes` apply. */
  readonly routing?: Routing;
  /** `tune.h2.max-concurrent-streams` (client side), default 100. */
  readonly h2MaxStreams: number;
  /** `max-session-srv-conns N` of the frontend (or defaults): idle private connections a session keeps (modern, default 5). */
  readonly maxSessionSrvConns: number;
  /**
   * Each frontend's and listen's own client-side settings, by name (compiled scenarios with a
   * frontend); absent, or a name not in it: `frontendMode`, `timeouts` and `maxSessionSrvConns` apply.
   */
  readonly frontendSides?: Readonly<Record<string, FrontendSide>>;
  /** The entry frontend's name (absent: a configuration with no frontend or listen section). */
  readonly frontendName?: string;
  /** The entry frontend's `maxconn` (or the defaults' in force): with `frontendMode`, the single side's. 0 or absent: none. */
  readonly frontendMaxconn?: number;
  /** The entry frontend (or, without one, the defaults in force) has `option abortonclose` (FrontendSide.abortOnClose). */
  readonly frontendAbortOnClose?: boolean;
  /** The entry frontend (or, without one, the defaults in force) is in `mode tcp` (FrontendSide.tcp). */
  readonly frontendTcp?: boolean;
  /** The global section's `maxconn`: client connections of the process at once (0 or absent: no limit). */
  readonly maxconn?: number;
  /**
   * The file-descriptor thresholds of the modern engine's pools, derived from the global maxconn
   * (absent: no maxconn, no threshold; HAProxy then derives a large one from `ulimit -n`).
   * `base`: the descriptors in use before any connection (listening sockets, the wake-up pipe), to
   * which every client and server connection adds one; `high` and `low`: global.tune.pool_high_count
   * and pool_low_count.
   */
  readonly poolFds?: PoolFds;
  /** `seed N`: the seed of the run's random draws (arrivals, response-time distributions); absent: DEFAULT_SEED. */
  readonly seed?: number;
}

export interface PoolFds {
  readonly base: number;
  readonly high: number;
  readonly low: number;
}

export const DEFAULT_CONNECT_US = 1_000;
export const DEFAULT_RESPONSE_US = 5_000;
export const DEFAULT_H2_MAX_STREAMS = 100;
/** Defaults of the modern engine's keywords (HAProxy 2.6). */
export const DEFAULT_MAX_REUSE = -1;
export const DEFAULT_POOL_MAX_CONN = -1;
export const DEFAULT_POOL_LOW_CONN = 0;
export const DEFAULT_POOL_PURGE_DELAY_US = 5_000_000;
export const DEFAULT_SERVER_MAX_STREAMS = 100;
export const DEFAULT_MAX_SESSION_SRV_CONNS = 5;

export type { Span };

/** A server's name as written in its backend: what `use-server`, `to`, stick tables and a haproxy.cfg use. */
export const writtenName = (s: ServerConfig): string => s.written ?? s.name;
