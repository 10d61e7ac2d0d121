import type { EngineName, ReuseMode, Span } from '../scenario/ast';

/** Connection mode of a transaction (rule C1): the strongest option wins. */
export type HttpMode = 'keep-alive' | 'server-close' | 'close';

export type Balance = 'roundrobin' | 'first' | 'leastconn' | 'source';

/** `source ADDR usesrc ...`: only the kind matters to the algorithm (P4, R5). */
export type UseSrc = 'none' | 'client' | 'clientip' | 'hdr_ip';

export interface ServerConfig {
  readonly name: string;
  readonly addr: string;
  readonly sendProxy: boolean;
  readonly sni: boolean;
  readonly usesrc: UseSrc;
  readonly disabled: boolean;
  // Emulated behaviour (the `servers` section); times in microseconds.
  readonly connectUs: number;
  readonly responseUs: number;
  /** Close the connection after this many responses (0 = never). */
  readonly closeAfter: number;
  /** Close a connection idle this long (0 = never). */
  readonly idleTimeoutUs: number;
  readonly auth: 'ntlm' | 'negotiate' | null;
  readonly refuse: boolean;
  /** The `dispatch` destination of a backend: a target that is not a server (R6), never listed. */
  readonly dispatch?: boolean;
}

export interface BackendConfig {
  readonly name: string;
  readonly reuse: ReuseMode;
  readonly balance: Balance;
  readonly httpMode: HttpMode;
  readonly preferLastServer: boolean;
  readonly usesrc: UseSrc;
  readonly servers: readonly ServerConfig[];
  /** `dispatch ADDR`: where requests go when the backend has no usable server. */
  readonly dispatch?: ServerConfig;
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

/** Everything the simulation needs from the configuration part of a scenario. */
export interface SimConfig {
  readonly engine: EngineName;
  readonly frontendMode: HttpMode;
  readonly timeouts: Timeouts;
  readonly backends: readonly BackendConfig[];
  readonly defaultBackend: string;
  readonly routes: readonly RouteRule[];
  /** `tune.h2.max-concurrent-streams` (client side), default 100. */
  readonly h2MaxStreams: number;
}

export const DEFAULT_CONNECT_US = 1_000;
export const DEFAULT_RESPONSE_US = 5_000;
export const DEFAULT_H2_MAX_STREAMS = 100;

export type { Span };
