/**
 * How the configuration routes a request, as compiled data (pure): the frontend's rules that
 * answer it (http-request deny/return/redirect, stats, redirect) or choose its backend
 * (use_backend, default_backend), and a backend's use-server rules. The semantics follow HAProxy
 * 2.6.0; evaluation is in core/routing/, compilation from haproxy.cfg in core/scenario/routing/.
 */

/** Pattern matching methods (pattern.c pat_match_*). `meth` is the method ACL's own (http_acl.c:54-80). */
export type MatchMethod = 'str' | 'beg' | 'end' | 'sub' | 'reg' | 'dom' | 'dir' | 'found' | 'len' | 'int' | 'ip' | 'bool' | 'meth';

/** A value a fetch or converter gives (sample.c's types the router meets). */
export type Sample =
  | { readonly type: 'str'; readonly v: string }
  | { readonly type: 'int'; readonly v: number }
  | { readonly type: 'bool'; readonly v: boolean }
  | { readonly type: 'ip'; readonly v: string }
  /** `other`: none of the methods HAProxy knows by number (HTTP_METH_OTHER), compared by its text `v`. */
  | { readonly type: 'meth'; readonly v: string; readonly other?: boolean };

export interface Converter {
  readonly name: string;
  readonly args: readonly string[];
  /** A map converter's file, read from the scenario's `file PATH` section: key and value per line, in order. */
  readonly map?: readonly (readonly [string, string])[];
}

/** A `userlist` section: its users with their password and groups (cfgparse.c:1290-1450 of v2.6.0). */
export interface Userlist {
  readonly name: string;
  readonly users: readonly {
    readonly name: string;
    readonly pass: string;
    /** `insecure-password` (compared as written); a `password` is a crypt(3) hash. */
    readonly insecure: boolean;
    readonly groups: readonly string[];
  }[];
}

/** A sample expression: a fetch (`req.hdr`), its argument (`host`) and its converters (`,lower`). */
export interface SampleExpr {
  readonly fetch: string;
  readonly args: readonly string[];
  readonly converters: readonly Converter[];
  /** `http_auth(L)`, `http_auth_group(L)`: the userlist L, resolved when compiling. */
  readonly userlist?: Userlist;
  /** As written, for the trace. */
  readonly text: string;
}

/** One `acl NAME CRITERION [flags] PATTERNS` line (or the inside of `{ … }`). */
export interface AclExpr {
  readonly sample: SampleExpr;
  readonly method: MatchMethod;
  readonly icase: boolean;
  readonly patterns: readonly string[];
  /** Why the simulation cannot evaluate it (an unmodelled fetch): it is then false. */
  readonly unmodelled?: string;
}

/** A named or anonymous ACL: its expressions are OR-ed (acl.c:1113-1148). */
export interface Acl {
  readonly name: string;
  readonly exprs: readonly AclExpr[];
}

export interface CondTerm {
  readonly neg: boolean;
  readonly acl: Acl;
}

/** `if|unless` followed by suites of terms: terms AND-ed, suites OR-ed (acl.c:870-1020). */
export interface Cond {
  readonly pol: 'if' | 'unless';
  readonly suites: readonly (readonly CondTerm[])[];
  /** As written (`if host_api !is_static`). */
  readonly text: string;
}

/** A log-format string (`b_%[req.hdr(host),lower]`): literal parts and sample expressions. */
export type LogFormatPart = { readonly lit: string } | { readonly expr: SampleExpr };
export interface LogFormat {
  readonly parts: readonly LogFormatPart[];
  readonly text: string;
}

/**
 * An http-request action that changes the request the later rules read (http_act.c of v2.6.0):
 * a header set, added or deleted, or a part of the start line set or rewritten by a regex.
 */
export type Rewrite =
  | { readonly op: 'set-header' | 'add-header'; readonly name: string; readonly value: LogFormat }
  | { readonly op: 'del-header'; readonly name: string; readonly match: 'str' | 'beg' | 'end' | 'sub' | 'reg' }
  | { readonly op: 'set-method' | 'set-path' | 'set-pathq' | 'set-query' | 'set-uri'; readonly value: LogFormat }
  | { readonly op: 'replace-path' | 'replace-pathq' | 'replace-uri'; readonly regex: string; readonly value: LogFormat }
  | { readonly op: 'replace-header' | 'replace-value'; readonly name: string; readonly regex: string; readonly value: LogFormat }
  /** `http-request set-src EXPR`: the client address the request's later rules, balance and source binding read. */
  | { readonly op: 'set-src'; readonly expr: SampleExpr };

/** Where a rule is written: 1-based line of the configuration, and the line's text. */
export interface RuleSource {
  readonly line: number;
  readonly text: string;
  /** A rule of the named defaults section the proxy starts from (HAProxy 2.5+): that section's name. */
  readonly defaults?: string;
}

/** `use_backend NAME|LOGFORMAT [if|unless COND]`. */
export interface SwitchingRule extends RuleSource {
  readonly backend: string | LogFormat;
  readonly cond: Cond | null;
}

/** What answers a request without a server: the rule kinds of item 2. */
export type AnswerKind =
  | 'stats' | 'http-request deny' | 'http-request return' | 'http-request redirect' | 'http-request auth' | 'redirect' | 'no backend' | 'no server'
  | 'http-request tarpit' | 'http-request reject' | 'http-request use-service' | 'monitor-uri' | 'tcp-request content reject';

/** `tcp-request connection|content accept|reject [if|unless COND]` (tcp_rules.c of v2.6.0): the first whose condition holds decides. */
export interface TcpRule extends RuleSource {
  readonly action: 'accept' | 'reject';
  readonly cond: Cond | null;
}

/**
 * An http-request rule or redirect rule that may answer the request, or `http-request allow`,
 * which ends the evaluation of the http-request rules (others are skipped: not modelled).
 */
export interface AnswerRule extends RuleSource {
  readonly kind: Exclude<AnswerKind, 'stats' | 'no backend' | 'no server'> | 'http-request allow' | 'http-request set-var' | 'http-request rewrite';
  /** The status HAProxy answers with (0 for allow, and for reject: no response at all). */
  readonly status: number;
  /** `tarpit`: how long HAProxy holds the request before it answers (`timeout tarpit` of the rule's proxy). */
  readonly delayUs?: number;
  /** `Location` of a redirect, as written (`location /x`, `prefix https://…`, `scheme https`). */
  readonly location?: string;
  /**
   * `http-request redirect location <log-format>`: the location computed per request. With
   * `ignore-empty` an empty result skips the rule (http_ana.c:2493-2496, http_act.c:1798 of v2.6.0).
   */
  readonly locationFormat?: LogFormat;
  readonly ignoreEmpty?: boolean;
  /** `http-request use-service NAME`: the applet that answers (prometheus-exporter, lua.NAME). */
  readonly service?: string;
  /** `http-request set-var(txn.NAME) EXPR`: the variable and the expression it stores (no answer; the rules go on). */
  /** `set-var(NAME) EXPR`, or `set-var-fmt(NAME) FMT` (a string built from a log-format). */
  readonly setVar?: { readonly name: string; readonly expr: SampleExpr } | { readonly name: string; readonly format: LogFormat };
  /** An action that changes the request (set-header, set-path…): no answer; the rules go on with the new request. */
  readonly rewrite?: Rewrite;
  readonly cond: Cond | null;
}

/**
 * `stick on|match|store-request PATTERN [if|unless COND]` in a backend or listen: `on` both matches
 * and stores. The key is the pattern's value (a sample expression: `src`, `req.cook(sid)`…).
 */
export interface StickRule extends RuleSource {
  readonly mode: 'on' | 'match' | 'store-request';
  readonly expr: SampleExpr;
  readonly cond: Cond | null;
  /** The proxy whose stick table the rule uses: its own, or the one `table NAME` names. */
  readonly table: string;
}

/**
 * `stick store-response res.cook(NAME)` (or `set-cookie(NAME)`): the value of the cookie the
 * server's response sets is stored with that server (process_store_rules, stream.c:1345-1444).
 */
export interface StickResponseRule extends RuleSource {
  readonly mode: 'store-response';
  readonly cookie: string;
  readonly table: string;
}

/** A proxy's own `stick-table`. */
export interface StickTable {
  /** `expire T` in µs: an entry not matched or stored for that long is gone (null: never). */
  readonly expireUs: number | null;
}

/** A backend's stick rules, each on its own table or on another proxy's. */
export interface Sticking {
  readonly rules: readonly StickRule[];
  /** `stick store-response` rules, in order (absent: none). */
  readonly responseRules?: readonly StickResponseRule[];
}

/** `use-server NAME if COND` in a backend. */
export interface ServerRule extends RuleSource {
  readonly server: string;
  readonly cond: Cond;
}

/** The routing part of one proxy (frontend, listen or backend). */
export interface ProxyRouting {
  readonly name: string;
  /** http-request rules that may answer, in order, with `redirect` rules after them (http_ana.c:378-500). */
  readonly httpRequest: readonly AnswerRule[];
  /** `stats enable` / `stats uri`: the URI prefix the stats applet answers (default `/haproxy?stats`). */
  readonly stats: (RuleSource & { readonly uri: string; readonly auth: boolean; /** `stats auth` lines, `user:pass` each. */ readonly users?: readonly string[] }) | null;
  readonly redirects: readonly AnswerRule[];
  /**
   * `monitor-uri URI` of a frontend or listen (or its defaults): HAProxy answers that URI itself,
   * before any rule, 200 — or 503 when a `monitor fail` condition holds (http_ana.c:201-247).
   */
  readonly monitor?: RuleSource & { readonly uri: string; readonly fail: readonly (RuleSource & { readonly cond: Cond })[] };
  /** `tcp-request connection` accept and reject rules of a frontend or listen, when a connection is accepted (absent: none). */
  readonly tcpConnection?: readonly TcpRule[];
  /** `tcp-request content` accept and reject rules, when a stream starts (absent: none). */
  readonly tcpContent?: readonly TcpRule[];
  readonly switching: readonly SwitchingRule[];
  /** `default_backend NAME` with its line; null when absent. */
  readonly defaultBackend: (RuleSource & { readonly backend: string }) | null;
  readonly serverRules: readonly ServerRule[];
  /** Its own stick table (absent: none), which its rules and other proxies' (`table NAME`) may use. */
  readonly stickTable?: StickTable;
  /** Its stick rules (absent: none). */
  readonly sticking?: Sticking;
  /** A backend or listen (backend capability): a name `use_backend` may resolve to. */
  readonly isBackend: boolean;
  /** It has somewhere to send requests: a server, `dispatch` or `option transparent`. */
  readonly hasServers: boolean;
  /** It has `http-request set-var` rules: requests then carry their variables (route.ts). */
  readonly setsVars?: boolean;
  /** It has http-request rules that change the request (route.ts then gives each request a copy to change). */
  readonly rewrites?: boolean;
}

/** One address of a `bind` line: its port range (null: a UNIX socket or a port the simulation cannot read) and `ssl`. */
export interface Bind extends RuleSource {
  readonly ports: readonly [number, number] | null;
  readonly ssl: boolean;
  /** `maxconn N` on the line: each of its listening sockets accepts at most N client connections at once. */
  readonly maxconn?: number;
}

/** A frontend or listen a client can connect to: its binds, and whether it leads to a backend. */
export interface FrontendEntry {
  readonly name: string;
  readonly binds: readonly Bind[];
  /** It has a default_backend, a use_backend rule, servers or a dispatch of its own. */
  readonly leads: boolean;
}

export interface Routing {
  /** The proxy receiving the script's requests (first frontend or listen); null: the single backend. */
  readonly entry: string | null;
  /**
   * The routing of a frontend whose name a backend also has (HAProxy accepts `frontend www` with
   * `backend www`): `proxies` holds the backend under that name, this the frontend.
   */
  readonly frontendsByName?: Readonly<Record<string, ProxyRouting>>;
  /** Every frontend and listen, in configuration order (a client's `open … to` or `tls` picks one). */
  readonly frontends?: readonly FrontendEntry[];
  readonly proxies: Readonly<Record<string, ProxyRouting>>;
}
