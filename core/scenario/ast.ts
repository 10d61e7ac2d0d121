/**
 * The scenario language's syntax tree (spec: shared/spec/scenario-language.md).
 * Every node keeps its source span so diagnostics and the UI can point at text.
 * Pure data: parse(print(ast)) equals ast once spans are ignored.
 */
import type { MetricName } from '../model/metric-names';

import type { Balance, BalanceArgs, HashType, ResponseDist, UseSrc, RetryOn } from '../model/config';
import type { ReuseMode, Span } from '../model/names';

export type { ResponseDist } from '../model/config';


export { ENGINE_NAMES, REUSE_MODES, type EngineName, type ReuseMode, type Span } from '../model/names';

/** A word as written, with its position. */
export interface Word {
  readonly text: string;
  readonly span: Span;
}

/**
 * One haproxy.cfg line inside a configuration section: keyword and arguments as written, and,
 * for a directive the simulation models and the line is valid, what it means (grammar/directives.ts).
 */
export interface Directive {
  readonly words: readonly Word[];
  readonly span: Span;
  readonly node?: ConfigNode;
}

// ---- typed configuration directives ------------------------------------------------------------

/** Server options only the modern engine models (`proto` existed before, `h2` was refused). */
export type ModernServerOption = 'proto' | 'max-reuse' | 'pool-max-conn' | 'pool-low-conn' | 'pool-purge-delay' | 'maxconn' | 'maxqueue' | 'minconn';

/** A modern server option with a valid value (`proto h2`, `max-reuse 10` …). */
export interface ModernOption {
  readonly name: ModernServerOption;
  readonly value: number | 'h1' | 'h2';
  /** The option and its value. */
  readonly span: Span;
}

/**
 * A server option every engine models, as written. A server takes its default-server lines' and
 * then its own, in order; per field the last one written wins (HAProxy copies the default server
 * into each new one, then parses the line over it): grammar/server-options.ts serverFields.
 */
export type ClassicOption =
  | { readonly name: ClassicFlag; readonly span: Span }
  /** `sni EXPR` and `pool-conn-name EXPR` (3.0+): the expression as written. */
  | { readonly name: 'sni' | 'pool-conn-name'; readonly expr: string; readonly span: Span }
  /** `source ADDR [usesrc X]`: 'none' without usesrc. */
  | { readonly name: 'source'; readonly usesrc: UseSrc; readonly span: Span }
  | { readonly name: 'cookie'; readonly value: string; readonly span: Span }
  /** 0 to 256. */
  | { readonly name: 'weight'; readonly value: number; readonly span: Span }
  /** `track [BACKEND/]SERVER`. */
  | { readonly name: 'track'; readonly target: string; readonly span: Span };

export type ClassicFlag =
  | 'send-proxy' | 'no-send-proxy' | 'send-proxy-v2' | 'no-send-proxy-v2' | 'disabled' | 'enabled' | 'backup' | 'no-backup'
  | 'ssl' | 'no-ssl' | 'sni-auto' | 'no-sni-auto' | 'strict-maxconn';

/** The modelled options of a `server` or `default-server` line. */
export interface ServerOptions {
  /** In line order (what they make of a server: grammar/server-options.ts serverFields). */
  readonly classic: readonly ClassicOption[];
  /** `id N` (above 0) and where it is written (null: none: numbered in order). Not on a default-server line (HAProxy refuses it there). */
  readonly id: { readonly value: number; readonly span: Span } | null;
  /** In line order; the engine decides what they mean. */
  readonly modern: readonly ModernOption[];
  /** `check`, `inter`, `fastinter`, `downinter`, `rise`, `fall` in line order (every engine; a default-server line's too). */
  readonly health: readonly HealthOption[];
}

export type HealthOptionName = 'check' | 'no-check' | 'inter' | 'fastinter' | 'downinter' | 'rise' | 'fall' | 'observe' | 'on-error' | 'error-limit' | 'on-marked-down' | 'on-marked-up' | 'init-state';
export const ON_MARKED_DOWN = ['shutdown-sessions'] as const;
export const ON_MARKED_UP = ['shutdown-backup-sessions'] as const;
/** `init-state` values (HAProxy 3.2+); the value of an `init-state` HealthOption is the index. */
export const INIT_STATES = ['none', 'fully-up', 'up', 'down', 'fully-down'] as const;
/** `observe` values (the value of an `observe` HealthOption is the index), and `on-error` ones. */
export const OBSERVE_MODES = ['none', 'layer4', 'layer7'] as const;
export const ON_ERROR_ACTIONS = ['fastinter', 'fail-check', 'sudden-death', 'mark-down'] as const;
/** A health-check option of a server or default-server line: a duration (µs) or a count; `check` and `no-check` carry 1. */
export interface HealthOption {
  readonly name: HealthOptionName;
  readonly value: number;
  readonly span: Span;
}

export type ModelledOption = 'http-keep-alive' | 'http-server-close' | 'httpclose' | 'forceclose' | 'prefer-last-server' | 'transparent' | 'redispatch' | 'allbackups' | 'abortonclose' | 'httpchk';
export type TimeoutName = 'connect' | 'server' | 'client' | 'http-keep-alive' | 'http-request' | 'queue' | 'tunnel' | 'check';

/** `http-check expect [!] status|rstatus PATTERN` as written (each engine reads the pattern: grammar/http-check.ts). */
export interface HttpCheckExpect {
  readonly invert: boolean;
  readonly match: 'status' | 'rstatus';
  /** Unquoted. */
  readonly pattern: string;
  /** `status 200`, `! rstatus ^5`: how the trace names it. */
  readonly text: string;
}

export type ConfigNode =
  | { readonly kind: 'tune.h2.max-concurrent-streams'; readonly streams: number }
  /** `maxconn N` in the global section (its own kind: the proxy sections have `maxconn` too). 0: no limit. */
  | { readonly kind: 'global-maxconn'; readonly count: number }
  /** `maxconn N` of a frontend, listen or defaults: its client connections at once (0: the global one). */
  | { readonly kind: 'maxconn'; readonly count: number }
  | { readonly kind: 'mode'; readonly mode: 'http' | 'tcp' | 'health' }
  | { readonly kind: 'http-reuse'; readonly mode: ReuseMode }
  /**
   * `args`: those of uri, url_param and hdr. `written`: the words after `balance` when they say
   * more than the node (a real algorithm the simulation replaces by roundrobin, `check_post`).
   */
  | { readonly kind: 'balance'; readonly algorithm: Balance; readonly args?: BalanceArgs; readonly written?: string }
  | { readonly kind: 'hash-type'; readonly type: HashType }
  /** `value`: the interval of `option redispatch N`. */
  /** `negated`: `no option NAME` (only abortonclose is read so: HTTP proxies have it on by default since 3.3). */
  | { readonly kind: 'option'; readonly name: ModelledOption; readonly value?: number; readonly negated?: boolean }
  | { readonly kind: 'timeout'; readonly name: TimeoutName; readonly us: number }
  | { readonly kind: 'server'; readonly name: Word; readonly addr: string; readonly options: ServerOptions }
  | { readonly kind: 'default-server'; readonly options: ServerOptions }
  | { readonly kind: 'source'; readonly addr: string; readonly usesrc: UseSrc }
  | { readonly kind: 'dispatch'; readonly addr: string }
  | { readonly kind: 'default_backend'; readonly backend: Word }
  /** The rule itself (condition, log-format name) is read by routing/proxy.ts from the words. */
  | { readonly kind: 'use_backend'; readonly backend: Word; readonly conditional: boolean }
  | { readonly kind: 'max-session-srv-conns'; readonly count: number }
  | { readonly kind: 'retries'; readonly count: number }
  | { readonly kind: 'retry-on'; readonly on: RetryOn }
  | { readonly kind: 'hash-balance-factor'; readonly factor: number }
  /** `fullconn N` of a backend, listen or defaults: the backend load at which servers reach their maxconn (0: computed). */
  | { readonly kind: 'fullconn'; readonly count: number }
  /** `cookie NAME [insert|rewrite|prefix] [postonly] …`: `insert` when HAProxy sets the cookie itself. */
  | { readonly kind: 'cookie'; readonly name: string; readonly mode: 'insert' | 'rewrite' | 'prefix' | 'passive'; readonly postonly: boolean; readonly words: readonly string[] }
  /** The criterion, flags and patterns are read by routing/acl.ts from the words. */
  | { readonly kind: 'acl'; readonly name: Word }
  /** `http-check ACTION …`: `expect` set for the modelled expect rules; the other actions have no effect. */
  | { readonly kind: 'http-check'; readonly action: string; readonly words: readonly string[]; readonly expect?: HttpCheckExpect };

export type ConfigNodeKind = ConfigNode['kind'];
export type NodeOf<K extends ConfigNodeKind> = Extract<ConfigNode, { kind: K }>;


export type ConfigSectionKind = 'global' | 'defaults' | 'backend' | 'listen' | 'frontend';

export interface ConfigSection {
  readonly kind: ConfigSectionKind;
  /** Section name (`backend app`); null for `global` and an unnamed `defaults`. */
  readonly name: Word | null;
  /**
   * `from NAME` on the section line (HAProxy 2.4+): the named `defaults` section it starts from,
   * in place of the last one above (a `defaults` section without it starts from nothing).
   */
  readonly parent?: Word;
  readonly directives: readonly Directive[];
  readonly span: Span;
}

/** Properties of the `servers` playground section. Durations are in microseconds. */
export type ServerBehaviour =
  /** `dist`: a range or distribution (`20ms..80ms`, `exp 30ms`); `us` is then its mean. */
  | { readonly prop: 'response-time'; readonly us: number; readonly dist?: ResponseDist }
  | { readonly prop: 'connect-time'; readonly us: number }
  | { readonly prop: 'close-after'; readonly count: number }
  /** Project addition: the server closes (FIN) right after its N-th response, without `Connection: close`. */
  | { readonly prop: 'fin-after'; readonly count: number }
  | { readonly prop: 'idle-timeout'; readonly us: number }
  | { readonly prop: 'auth'; readonly scheme: 'ntlm' | 'negotiate' }
  /** `refuse` (always) or `refuse FROM..TO` (a time span of the run, µs: the server is down then). */
  | { readonly prop: 'refuse'; readonly during?: { readonly fromUs: number; readonly toUs: number } }
  /** The emulated h2 server's SETTINGS_MAX_CONCURRENT_STREAMS. */
  | { readonly prop: 'max-streams'; readonly count: number }
  /** Project addition: the server starts a session cookie, as an application does (`Set-Cookie: NAME=…`). */
  | { readonly prop: 'set-cookie'; readonly name: string }
  /** Project addition: the server answers every request and check with this status (always, or in a window of the run). */
  | { readonly prop: 'status'; readonly code: number; readonly during?: { readonly fromUs: number; readonly toUs: number } }
  /** Project addition: the same for its health checks only. */
  | { readonly prop: 'check-status'; readonly code: number; readonly during?: { readonly fromUs: number; readonly toUs: number } };

export interface ServerStatement {
  readonly server: Word;
  readonly behaviour: ServerBehaviour;
  readonly span: Span;
}

/**
 * Who a script statement addresses: one client (`A`), a range when opening a group
 * (`web[1..50]`), or every member of a group (`web[*]`).
 */
export type ClientRef =
  | { readonly kind: 'one'; readonly name: string; readonly span: Span }
  | { readonly kind: 'range'; readonly prefix: string; readonly from: number; readonly to: number; readonly span: Span }
  | { readonly kind: 'all'; readonly prefix: string; readonly span: Span };

/** `-> STATUS [ntlm|negotiate] [close]`: the server's answer to one request. */
export interface ResponseSpec {
  readonly status: number;
  readonly auth: 'ntlm' | 'negotiate' | null;
  readonly close: boolean;
}

/** What a request carries for routing (`host NAME`, `header "NAME: VALUE"`); absent in older ASTs. */
export interface RequestHeaders {
  /** `host NAME`: the Host header (h2: :authority). */
  readonly host?: Word | null;
  /** `header "NAME: VALUE"`, in order, as written (quotes included). */
  readonly headers?: readonly Word[];
}

export type Statement =
  | {
      readonly kind: 'open';
      readonly clients: ClientRef;
      readonly proto: 'h1' | 'h2';
      /** `from ADDR`: the client's source address (fetch `src`, `balance source`). */
      readonly from?: Word | null;
      /** `tls [sni NAME]`: the client connection uses TLS (`ssl_fc`), with that SNI (`ssl_fc_sni`). */
      readonly tls?: { readonly sni: Word | null } | null;
      /** `to :PORT` or `to FRONTEND`: the frontend the client connects to (default: by `tls`, core/routing/entry.ts). */
      readonly to?: Word | null;
      readonly span: Span;
    }
  | {
      readonly kind: 'request';
      readonly clients: ClientRef;
      readonly method: string;
      readonly path: string;
      readonly response: ResponseSpec | null;
      /** `to SERVER`: explicit target (rule A0). */
      readonly to: Word | null;
      /** The request carries `Connection: close`. */
      readonly close: boolean;
      /** `takes 50ms`: response time for this request, microseconds. */
      readonly takesUs: number | null;
      /** Ends with `&`: the script does not wait for the response. */
      readonly background: boolean;
      readonly span: Span;
    } & RequestHeaders
  | { readonly kind: 'wait'; readonly us: number; readonly span: Span }
  | { readonly kind: 'await'; readonly span: Span }
  | { readonly kind: 'close'; readonly clients: ClientRef; readonly span: Span }
  | { readonly kind: 'server-close'; readonly server: Word; readonly what: 'idle' | 'all'; readonly span: Span }
  | { readonly kind: 'repeat'; readonly count: number; readonly body: readonly Statement[]; readonly span: Span }
  | ArriveStatement;

/**
 * `arrive NAME rate R/s for T [h1|h2] METHOD PATH [options] [requests K] [think T] [&]` (arrive.ts):
 * clients NAME1, NAME2, … arrive as a Poisson process for T, each sends K requests (the next one
 * T after the previous response) and closes. Without `&` the script goes on when the last has closed.
 */
export interface ArriveStatement {
  readonly kind: 'arrive';
  readonly name: string;
  /** Arrivals per second. */
  readonly rate: number;
  readonly forUs: number;
  readonly proto: 'h1' | 'h2';
  /** The request each client sends, as an ordinary request statement (client: NAME[*]). */
  readonly request: Extract<Statement, { kind: 'request' }>;
  readonly requests: number;
  readonly thinkUs: number;
  readonly background: boolean;
  readonly span: Span;
}

/** One `param` or `sweep` line (params.ts). */
export interface ParamDecl {
  readonly name: Word;
  /** A param's one value; a sweep's values in order (a counted sweep expanded). */
  readonly values: readonly string[];
  readonly swept: boolean;
  readonly span: Span;
}

export interface ScenarioAst {
  /** `engine NAME`, or null when absent (the default engine, seed, applies). */
  readonly engine: Word | null;
  /** `engine modern VERSION`: the HAProxy release (compile checks it); absent when not given. */
  readonly engineVersion?: Word | null;
  readonly config: readonly ConfigSection[];
  readonly servers: readonly ServerStatement[];
  readonly script: readonly Statement[];
  /** `param` and `sweep` lines (params.ts); absent when there are none. */
  readonly params?: readonly ParamDecl[];
  /** `seed N`; absent when not given. */
  readonly seed?: { readonly value: number; readonly span: Span };
  /** `plot METRIC`: the metric a sweep's chart shows first; absent when not given. */
  readonly plot?: { readonly metric: MetricName; readonly span: Span };
  /** `file PATH` sections: the pattern and map files the configuration names; absent when there are none. */
  readonly files?: readonly FileSection[];
  /** `userlist NAME` sections (their `user` and `group` lines as words); absent when there are none. */
  readonly userlists?: readonly UserlistSection[];
}

export interface UserlistSection {
  readonly name: Word | null;
  readonly lines: readonly (readonly Word[])[];
  readonly span: Span;
}

/**
 * A pattern or map file given inside the scenario (`acl … -f PATH`, `map(PATH)`): the simulation
 * reads no disk, so the file's lines are written under `file PATH`.
 */
export interface FileSection {
  readonly path: Word;
  /** Each line as written, from its first word to its last (comments removed, as on every line). */
  readonly lines: readonly { readonly text: string; readonly span: Span }[];
  readonly span: Span;
}
