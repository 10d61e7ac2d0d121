/**
 * The options of a `server` (and `default-server`) line that the simulation models: one entry
 * each, with its doc and syntax (editor), how it is read (parser and compiler alike), and for the
 * modern engine's options the ServerConfig field it sets and which engines have it. Pure.
 */
import type { ClassicFlag, ClassicOption, HealthOption, HealthOptionName, ModernOption, ModernServerOption, ServerOptions, Span, Word } from '../ast';
import { INIT_STATES, OBSERVE_MODES, ON_ERROR_ACTIONS, ON_MARKED_DOWN, ON_MARKED_UP } from '../ast';
import { suggest } from '../suggest';
import type { ServerConfig, UseSrc } from '../../model/config';
import type { KeywordInfo } from '../keyword-info';
import { formatDuration } from '../lexer';
import { countValue, durationValue, protoValue, type OptionValue } from '../modern';
import { cover, type Report } from './report';
import { leadingInt, readSource } from './values';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type ServerOptionsAcc = Mutable<Omit<ServerOptions, 'classic' | 'modern' | 'health'>> & { classic: ClassicOption[]; modern: ModernOption[]; health: HealthOption[] };

/** The modern engine's server fields (HAProxy 2.6) that options set. */
export type ModernServerField = 'proto' | 'maxReuse' | 'poolMaxConn' | 'poolLowConn' | 'poolPurgeDelayUs' | 'maxconn' | 'maxqueue' | 'minconn';

export interface ServerOptionSpec {
  readonly name: string;
  readonly doc: string;
  readonly syntax?: string;
  readonly values?: readonly string[];
  /** Value words that follow the option (completion, and skipping it on a line). */
  readonly args?: number;
  /** The compiler may warn about it on its own (as about modern options): no other warning covers it. */
  readonly warnsAlone?: boolean;
  /** A health-check option: kept from a default-server line too (every engine has them). */
  readonly health?: true;
  /** A modern option: its value check and the field it sets. Seed and parent did not have them. */
  readonly modern?: { readonly field: ModernServerField; readonly check: (text: string) => OptionValue };
  /**
   * Reads the option at ws[i] into `o`; returns the index after it, and whether the line is
   * broken there (an error that ends the checks of the line; the reading goes on silently).
   */
  readonly read: (ws: readonly Word[], i: number, o: ServerOptionsAcc, r: Report) => { next: number; fatal?: boolean };
}

function modern(name: ModernServerOption, field: ModernServerField, syntax: string, doc: string, check: (t: string) => OptionValue, values?: readonly string[]): ServerOptionSpec {
  return {
    name, doc, syntax, args: 1, ...(values ? { values } : {}), modern: { field, check },
    read(ws, i, o, r) {
      const v = ws[i + 1];
      if (!v) {
        r.error('missing-argument', ws[i]!.span, `missing value after server option '${name}'; expected ${syntax}`, syntax);
        return { next: i + 2, fatal: true };
      }
      const checked = check(v.text);
      if (r.value(checked, v.span) && checked.ok) o.modern.push({ name, value: checked.value, span: cover(ws[i]!, v) });
      return { next: i + 2 };
    },
  };
}

/**
 * An option followed by one word that the line keeps as written (`sni EXPR`, `cookie VALUE`, `track
 * SERVER` …): `missing` is the message when the word is absent, `option` what the line keeps.
 */
function oneWord(name: string, syntax: string, doc: string, missing: string, expected: string, option: (v: Word, span: Span) => ClassicOption): ServerOptionSpec {
  return {
    name, args: 1, syntax, doc,
    read(ws, i, o, r) {
      const v = ws[i + 1];
      if (!v) {
        r.error('missing-argument', ws[i]!.span, `${missing}; expected ${expected}`, expected);
        return { next: i + 2, fatal: true };
      }
      o.classic.push(option(v, cover(ws[i]!, v)));
      return { next: i + 2 };
    },
  };
}

/** An option whose value is a sample expression, kept as written (`sni EXPR`, `pool-conn-name EXPR`). */
const expression = (name: 'sni' | 'pool-conn-name', doc: string, expected: string): ServerOptionSpec =>
  oneWord(name, `${name} EXPR`, doc, `missing expression after '${name}'`, expected, (v, span) => ({ name, expr: v.text, span }));

const flag = (name: ClassicFlag, doc: string): ServerOptionSpec => ({
  name, doc,
  read(ws, i, o) {
    o.classic.push({ name, span: ws[i]!.span });
    return { next: i + 1 };
  },
});

/**
 * A health-check option with a value: a delay above 0 (srv_parse_check_inter, check.c:2158-2199 of
 * v2.6.0, in ms without a unit) or a count above 0 (srv_parse_check_rise and _fall, read with atol).
 */
function healthValue(name: Exclude<HealthOptionName, 'check' | 'no-check' | 'observe' | 'on-error' | 'on-marked-down' | 'on-marked-up' | 'init-state'>, doc: string): ServerOptionSpec {
  const delay = name.endsWith('inter');
  const syntax = `${name} ${delay ? 'TIME' : 'N'}`;
  const expected = delay ? 'a delay above 0 such as 2s or 500ms' : 'a whole number above 0';
  return {
    name, doc, syntax, args: 1, health: true,
    read(ws, i, o, r) {
      const v = ws[i + 1];
      if (!v) {
        r.error('missing-argument', ws[i]!.span, `'${name}' expects ${delay ? 'a delay' : 'an integer'} as argument; expected ${syntax}`, expected);
        return { next: i + 2, fatal: true };
      }
      if (delay) {
        const checked = durationValue(v.text, name);
        if (!r.value(checked, v.span) || !checked.ok) return { next: i + 2 };
        if ((checked.value as number) < 1000) {
          r.error('out-of-range', v.span, `invalid value '${v.text}' for argument '${name}' (HAProxy refuses it); expected ${expected}`, expected);
          return { next: i + 2 };
        }
        o.health.push({ name, value: checked.value as number, span: cover(ws[i]!, v) });
      } else {
        const n = leadingInt(v.text);
        if (n <= 0) {
          r.error('out-of-range', v.span, `'${name}' has to be > 0 (got '${v.text}'); expected ${expected}`, expected);
          return { next: i + 2 };
        }
        o.health.push({ name, value: n, span: cover(ws[i]!, v) });
      }
      return { next: i + 2 };
    },
  };
}

/** `observe MODE` and `on-error ACTION` (srv_parse_observe, srv_parse_on_error, server.c:890-938 of v2.6.0): the value is the word's index. */
function healthWord(name: 'observe' | 'on-error' | 'on-marked-down' | 'on-marked-up' | 'init-state', words: readonly string[], doc: string): ServerOptionSpec {
  const expected = `one of ${words.map((w) => `'${w}'`).join(', ')}`;
  return {
    name, doc, syntax: `${name} ${words.join('|')}`, args: 1, health: true,
    read(ws, i, o, r) {
      const v = ws[i + 1];
      if (!v) {
        r.error('missing-argument', ws[i]!.span, `'${name}' expects ${expected}`, expected);
        return { next: i + 2, fatal: true };
      }
      const k = words.indexOf(v.text);
      if (k < 0) {
        r.error('invalid-value', v.span, `'${name}' expects ${expected} but got '${v.text}'`, expected, suggest(v.text, words));
        return { next: i + 2 };
      }
      o.health.push({ name, value: k, span: cover(ws[i]!, v) });
      return { next: i + 2 };
    },
  };
}

const healthFlag = (name: 'check' | 'no-check', doc: string): ServerOptionSpec => ({
  name, doc, health: true,
  read(ws, i, o) {
    o.health.push({ name, value: 1, span: ws[i]!.span });
    return { next: i + 1 };
  },
});

/** The health options of a server line after its default-server lines' (the last one written wins, as HAProxy's parser). */
export function healthFields(options: readonly HealthOption[]): HealthFields {
  const f: HealthFields = { on: false };
  for (const o of options) {
    if (o.name === 'check') f.on = true;
    else if (o.name === 'no-check') f.on = false;
    else if (o.name === 'inter') f.interUs = o.value;
    else if (o.name === 'fastinter') f.fastinterUs = o.value;
    else if (o.name === 'downinter') f.downinterUs = o.value;
    else if (o.name === 'observe') f.observe = OBSERVE_MODES[o.value];
    else if (o.name === 'on-error') f.onError = ON_ERROR_ACTIONS[o.value];
    else if (o.name === 'error-limit') f.errorLimit = o.value;
    else if (o.name === 'on-marked-down') f.shutdownSessions = true;
    else if (o.name === 'on-marked-up') f.shutdownBackupSessions = true;
    else if (o.name === 'init-state') f.initState = INIT_STATES[o.value];
    else f[o.name] = o.value;
  }
  return f;
}
export interface HealthFields {
  on: boolean;
  interUs?: number;
  fastinterUs?: number;
  downinterUs?: number;
  rise?: number;
  fall?: number;
  observe?: (typeof OBSERVE_MODES)[number];
  onError?: (typeof ON_ERROR_ACTIONS)[number];
  errorLimit?: number;
  shutdownSessions?: boolean;
  shutdownBackupSessions?: boolean;
  initState?: (typeof INIT_STATES)[number];
}

export const SERVER_OPTION_TABLE: readonly ServerOptionSpec[] = [
  healthFlag('check', 'Health checks: a connection to the server (an HTTP request with `option httpchk`, passed by a 2xx or 3xx answer) every `inter`; `fall` failed checks in a row mark the server DOWN (load balancing skips it), `rise` passed ones UP again. The server starts up, and its first failed check marks it down (check.c:426-560 of v2.6.0). Every engine. A `servers` line `SERVER refuse FROM..TO` makes it fail.'),
  healthFlag('no-check', 'No health checks for this server (undoes a default-server `check`).'),
  healthValue('inter', 'Time between two health checks while the server is fully up, and in other states when `fastinter`/`downinter` are not set (default 2s). The next check starts this long after the previous one ended.'),
  healthValue('fastinter', 'Time between two health checks while the server is changing state (up with failed checks, or down with passed ones). Default: `inter`.'),
  healthValue('downinter', 'Time between two health checks while the server is down. Default: `inter`.'),
  healthValue('rise', 'Passed checks in a row that bring a DOWN server UP (default 2).'),
  healthValue('fall', 'Failed checks in a row that take an UP server DOWN (default 3); a server that has not passed a check yet goes down at its first failure.'),
  healthWord('observe', OBSERVE_MODES, 'Passive health checks, with `check`: the traffic counts too. `layer7`: a response 500-599 (not 501, 505) is an error, any other clears the count; `layer4`: a failed connection attempt is an error (1.9 clears the count on each established one, 2.6 only on a passed check). `error-limit` errors in a row run `on-error` (check.c:627-700 of v2.6.0). Every engine.'),
  healthWord('on-error', ON_ERROR_ACTIONS, 'What `error-limit` errors in a row do (with `observe`): `fail-check` (default) counts as a failed check, `sudden-death` as one that leaves a single check before DOWN, `mark-down` takes the server DOWN at once, `fastinter` only brings the next check forward; all bring it forward to `fastinter` when set.'),
  healthValue('error-limit', 'Errors in a row (with `observe`) before `on-error` runs (default 10).'),
  healthWord('init-state', INIT_STATES, 'HAProxy 3.2 and later: how a checked server starts — `up` (UP, its first failed check takes it DOWN: the default of every release), `fully-up` (UP, `fall` failed checks in a row take it DOWN), `down` (DOWN until one check passes), `fully-down` (DOWN until `rise` checks pass); `none` undoes a default-server\'s (srv_set_init_state, server.h:281-309 of v3.4.0). Read with the server\'s final `rise` and `fall` at `engine modern 3.4`; HAProxy 3.2.0 applies it only when a server leaves maintenance, not at startup (a warning at `engine modern 3.2`; fixed in 3.4 by 18c5cd667); the releases before refuse it (a warning, ignored).'),
  healthWord('on-marked-down', ON_MARKED_DOWN, 'When its checks mark the server DOWN, HAProxy shuts the streams on it (srv_shutdown_streams, server.c:5340-5343 of v2.6.0): a request waiting for its response gets a 502 (a later request of a kept-alive HTTP/1 connection: the client connection closed silently), and its server connection is closed. Idle connections stay. Every engine.'),
  healthWord('on-marked-up', ON_MARKED_UP, 'When its checks mark this server (not a backup, of weight above 0) UP, HAProxy shuts the streams on every backup server of its backend (srv_shutdown_backup_streams, server.c:1420-1427 and 5259-5267 of v2.6.0; checks.c of 7c6f8b146): their requests fail as with on-marked-down shutdown-sessions, and the clients come back to this server. Idle connections stay. Every engine.'),
  flag('send-proxy', 'Send a PROXY protocol v1 header: the connection carries the client address, so it is private to the session.'),
  flag('send-proxy-v2', 'Send a PROXY protocol v2 header: the connection is private to the session.'),
  flag('no-send-proxy', 'No PROXY protocol v1 header (undoes a default-server `send-proxy`; a `send-proxy-v2` stays).'),
  flag('no-send-proxy-v2', 'No PROXY protocol v2 header (undoes a default-server `send-proxy-v2`; a `send-proxy` stays).'),
  expression('sni', 'SNI sent to the server, an expression: the connection can only be reused for the same SNI.', 'an SNI expression such as str(example.com)'),
  expression('pool-conn-name', "HAProxy 3.0 and later: the name a connection is pooled by, an expression evaluated per request (for instance `req.hdr(x-tenant)`): only requests whose name is the same reuse the connection, from any client. Without it, 3.0 and 3.2 take the `sni` expression, 3.3 and later a TLS server's SNI (by default the Host). The older releases refuse it (a warning, ignored).", 'an expression such as req.hdr(x-tenant)'),
  {
    name: 'source', syntax: 'source ADDR [usesrc client|clientip|hdr_ip(HDR)]', doc: 'Source address of this server\'s connections; `usesrc` makes them per-client.',
    read(ws, i, o, r) {
      const s = readSource(r, ws, i);
      o.classic.push({ name: 'source', usesrc: s.usesrc, span: cover(ws[i]!, ws[Math.min(s.next, ws.length) - 1]!) });
      return { next: s.next };
    },
  },
  flag('ssl', "TLS to the server. The handshake is not simulated (a connection costs what a cleartext one does); what `ssl` changes in connection reuse is: at engine modern 3.4 (since 3.3) only a TLS server's SNI is part of the connection's hash, and without `sni` its SNI is the request's Host (up to a colon), so connections are pooled per Host (srv_configure_auto_sni, server.c:3418-3437 of v3.4.0; `no-sni-auto` turns that off)."),
  flag('no-ssl', 'No TLS to the server (undoes a default-server `ssl`).'),
  flag('sni-auto', 'HAProxy 3.3 and later: a TLS server without `sni` sends the Host header as its SNI (the default; undoes a default-server `no-sni-auto`).'),
  flag('no-sni-auto', 'HAProxy 3.3 and later: a TLS server without `sni` sends no SNI, and its connections are not pooled per Host.'),
  flag('strict-maxconn', "HAProxy 3.2 and later, with `maxconn N`: at most N connections to the server at all, idle ones included (maxconn alone counts requests). At the limit, a request that needs a new connection closes every idle connection of the server (the loop does not count anew) and retries at once in the room made; with none to close — private connections holding every slot — or `retries 0`, it gets 503 at once (706b00842; connect_server, backend.c:1948-1981 of v3.4.0). As 3.2.0 and 3.4.0 count: with `check` the count goes below zero after the first check (a check's connection is counted out, never in) and no new connection fits any more; without a maxconn none ever does (docs/versions.md). Read at `engine modern 3.2` and `3.4`; the releases before refuse it."),
  flag('disabled', 'The server starts in maintenance: load balancing skips it.'),
  flag('enabled', 'The server starts in service: the default, and what it undoes is a `disabled` before it (on the line, or a default-server line\'s).'),
  flag('backup', 'A backup server: load balancing takes it only when no other server of the backend is usable (DOWN, or `disabled`), and then only the first backup unless `option allbackups`.'),
  flag('no-backup', 'Not a backup server (undoes a default-server `backup`).'),
  oneWord(
    'cookie', 'cookie VALUE',
    "The server's value of the backend's persistence cookie (`cookie NAME insert`): HAProxy sets it on the responses of this server, and a request that brings it back goes to this server while it is up.",
    `missing value after server option 'cookie'`, 'a cookie value such as s1', (v, span) => ({ name: 'cookie', value: v.text, span }),
  ),
  oneWord(
    'track', 'track [BACKEND/]SERVER',
    'The server is not checked itself: its state follows that server\'s health checks — DOWN, UP or NOLB with it (srv_apply_track, server.c:5056-5125 of v2.6.0; the same at 1.9). The server tracked needs `check` (or to track another); this one may not have `check`.',
    `'track' expects [<proxy>/]<server> as argument`, 'track [BACKEND/]SERVER', (v, span) => ({ name: 'track', target: v.text, span }),
  ),
  {
    name: 'id', args: 1, syntax: 'id N',
    doc: "The server's number in its backend (default: the next free one, in configuration order). `hash-type consistent` places a server's points on the ring by it, so servers keep their keys when others are added.",
    read(ws, i, o, r) {
      const v = ws[i + 1];
      if (!v) {
        r.error('missing-argument', ws[i]!.span, `'id' expects an integer argument; expected id N, N above 0`, 'an id above 0');
        return { next: i + 2, fatal: true };
      }
      // srv_parse_id (server.c of v2.6.0) reads it with atol and refuses 0 or less.
      const n = leadingInt(v.text);
      if (n <= 0) {
        r.error('out-of-range', v.span, `'id' : custom id has to be > 0 (got '${v.text}'); expected id N, N above 0`, 'an id above 0');
        return { next: i + 2 };
      }
      o.id = { value: n, span: cover(ws[i]!, v) };
      return { next: i + 2 };
    },
  },
  {
    name: 'weight', args: 1, syntax: 'weight N', warnsAlone: true,
    doc: "The server's load-balancing weight, 0 to 256 (default 1). roundrobin gives a server of weight 3 three turns where one of weight 1 has one, spread over the turn (lb_fwrr.c); the hash balances give it three times the slots of the map or the points of the ring; leastconn (engine modern) weighs its count of connections. Weight 0 takes no request. `first` ignores it.",
    read(ws, i, o, r) {
      const v = ws[i + 1];
      if (!v) {
        r.error('missing-argument', ws[i]!.span, `missing value after server option 'weight'; expected weight N, N from 0 to 256`, 'a weight from 0 to 256');
        return { next: i + 2, fatal: true };
      }
      // srv_parse_weight (server.c:1381-1394 of v2.6.0) reads it with atol: a word without digits is 0.
      const n = leadingInt(v.text);
      if (n < 0 || n > 256) {
        r.error('out-of-range', v.span, `weight ${v.text} is not within 0 and 256; expected weight N, N from 0 to 256`, 'a weight from 0 to 256');
        return { next: i + 2 };
      }
      o.classic.push({ name: 'weight', value: n, span: cover(ws[i]!, v) });
      return { next: i + 2 };
    },
  },
  modern('proto', 'proto', 'proto h1|h2', 'Protocol spoken to the server (default h1). The modern engine multiplexes requests over an h2 server connection; seed and parent refuse `proto h2` (warning) and talk HTTP/1.1.', protoValue, ['h1', 'h2']),
  modern('max-reuse', 'maxReuse', 'max-reuse N', 'Modern engine: a server connection is reused at most N times (-1 = unlimited, the default). Did not exist at seed and parent (warning, ignored).', (t) => countValue(t, 'max-reuse', true)),
  modern('pool-max-conn', 'poolMaxConn', 'pool-max-conn N', 'Modern engine: at most N idle connections are kept in the server\'s pools (-1 = unlimited, the default; 0 = no pooling). Did not exist at seed and parent (warning, ignored).', (t) => countValue(t, 'pool-max-conn', true)),
  modern('pool-low-conn', 'poolLowConn', 'pool-low-conn N', 'Modern engine: idle connections the server\'s pool keeps beyond the estimated need (default 0). Did not exist at seed and parent (warning, ignored).', (t) => countValue(t, 'pool-low-conn', false)),
  modern(
    'maxconn', 'maxconn', 'maxconn N',
    "Modern engine: at most N requests at once are in flight on this server (streams, not connections: idle pooled connections do not count); more wait in a queue — the backend's when balancing finds every server full, the server's when it was fixed before (a hash, use-server, a cookie) — until a slot is free or `timeout queue` (else `timeout connect`) ends the wait with 503. 0: no limit. Seed and parent do not model it (warning).",
    (t) => countValue(t, 'maxconn', false),
  ),
  modern(
    'maxqueue', 'maxqueue', 'maxqueue N',
    "Modern engine, with maxconn: at most N requests wait in this server's queue; one more gets 503 (or, with option redispatch, is balanced again when it named the server itself). 0: no limit. Seed and parent do not model it (warning).",
    (t) => countValue(t, 'maxqueue', false),
  ),
  modern(
    'minconn', 'minconn', 'minconn N',
    "Modern engine, with maxconn: the server's limit grows with the backend's load, from N (with few requests in the backend) to its maxconn (from `fullconn` requests in the backend on): the limit is the greater of N and maxconn × (requests in the backend) / fullconn (queue.c:103-124 of v2.6.0). Without maxconn, or above it, it becomes the maxconn (a fixed limit). Seed and parent do not model it (warning).",
    (t) => countValue(t, 'minconn', false),
  ),
  modern('pool-purge-delay', 'poolPurgeDelayUs', 'pool-purge-delay TIME', 'Modern engine: every TIME, about half of the idle connections in excess are closed (default 5s; 0 = no pooling). Did not exist at seed and parent (warning, ignored).', (t) => durationValue(t, 'pool-purge-delay')),
];

export const SERVER_OPTION_BY_NAME = new Map(SERVER_OPTION_TABLE.map((s) => [s.name, s]));

export function serverOptionSpec(name: string): ServerOptionSpec | undefined {
  return SERVER_OPTION_BY_NAME.get(name);
}

/** The editor's entries (hover, completion) of the modelled server options. */
export function serverOptionKeywords(): KeywordInfo[] {
  return SERVER_OPTION_TABLE.map((s) => ({
    name: s.name, context: 'server-option', modelled: true, doc: s.doc,
    ...(s.args !== undefined ? { args: s.args } : {}), ...(s.syntax ? { syntax: s.syntax } : {}), ...(s.values ? { values: s.values } : {}),
  }));
}

/** The modern server fields an option list sets (the last one wins, as in HAProxy's keyword parser). */
export function modernFields<F extends Partial<Pick<ServerConfig, ModernServerField>>>(base: F, options: readonly ModernOption[]): F {
  const f: Record<string, unknown> = { ...base };
  for (const o of options) f[SERVER_OPTION_BY_NAME.get(o.name)!.modern!.field] = o.value;
  return f as F;
}

/** What a server is made of by the options every engine models (ClassicOption), as HAProxy reads them. */
export interface ServerFields {
  readonly sendProxy: boolean;
  /** The last `sni EXPR` (null: none). */
  readonly sni: { readonly expr: string; readonly span: Span } | null;
  /** The last `pool-conn-name EXPR` (null: none). */
  readonly poolConnName: { readonly expr: string; readonly span: Span } | null;
  /** `ssl`, and where the last one is written (null: no TLS). */
  readonly ssl: Span | null;
  /** `no-sni-auto` (3.3+) is in force. */
  readonly noSniAuto: boolean;
  /** `strict-maxconn` (3.2+). */
  readonly strictMaxconn: boolean;
  /** The last `source`'s usesrc; null: no `source` (the backend's applies). */
  readonly usesrc: UseSrc | null;
  readonly disabled: boolean;
  readonly backup: boolean;
  readonly cookie: string | null;
  readonly track: { readonly target: string; readonly span: Span } | null;
  /** null: weight 1. */
  readonly weight: { readonly value: number; readonly span: Span } | null;
}

/**
 * A server's fields from its default-server lines' options, then its own, in order: the last one
 * written wins per field, as HAProxy copies the default server into a new one and parses the line
 * over it (srv_settings_cpy, server.c:2173-2300 of v2.6.0; srv_parse_no_backup and
 * srv_parse_no_send_proxy clear what was copied). PROXY v1 and v2 are two flags (SRV_PP_V1,
 * SRV_PP_V2): `no-send-proxy` leaves a `send-proxy-v2`.
 */
export function serverFields(options: readonly ClassicOption[]): ServerFields {
  let v1 = false;
  let v2 = false;
  let sni: ServerFields['sni'] = null;
  let ssl: Span | null = null;
  let poolConnName: ServerFields['poolConnName'] = null;
  let noSniAuto = false;
  let strictMaxconn = false;
  let usesrc: UseSrc | null = null;
  let disabled = false;
  let backup = false;
  let cookie: string | null = null;
  let track: ServerFields['track'] = null;
  let weight: ServerFields['weight'] = null;
  for (const o of options) {
    switch (o.name) {
      case 'send-proxy': v1 = true; break;
      case 'no-send-proxy': v1 = false; break;
      case 'send-proxy-v2': v2 = true; break;
      case 'no-send-proxy-v2': v2 = false; break;
      case 'sni': sni = { expr: o.expr, span: o.span }; break;
      case 'pool-conn-name': poolConnName = { expr: o.expr, span: o.span }; break;
      case 'ssl': ssl = o.span; break;
      case 'no-ssl': ssl = null; break;
      case 'sni-auto': noSniAuto = false; break;
      case 'no-sni-auto': noSniAuto = true; break;
      case 'strict-maxconn': strictMaxconn = true; break;
      case 'source': usesrc = o.usesrc; break;
      case 'disabled': disabled = true; break;
      case 'enabled': disabled = false; break;
      case 'backup': backup = true; break;
      case 'no-backup': backup = false; break;
      case 'cookie': cookie = o.value; break;
      case 'track': track = { target: o.target, span: o.span }; break;
      case 'weight': weight = { value: o.value, span: o.span }; break;
    }
  }
  return { sendProxy: v1 || v2, sni, poolConnName, ssl, noSniAuto, strictMaxconn, usesrc, disabled, backup, cookie, track, weight };
}

/** Options as canonical words: the flags, then the modern options in their order. */
export function printServerOptions(o: ServerOptions): string[] {
  const out: string[] = [];
  for (const c of o.classic) {
    if (c.name === 'sni' || c.name === 'pool-conn-name') out.push(c.name, c.expr);
    else if (c.name === 'source') out.push('source', '0.0.0.0', ...(c.usesrc === 'none' ? [] : ['usesrc', c.usesrc === 'hdr_ip' ? 'hdr_ip(X-Forwarded-For)' : c.usesrc]));
    else if (c.name === 'cookie') out.push('cookie', c.value);
    else if (c.name === 'track') out.push('track', c.target);
    else if (c.name === 'weight') out.push('weight', String(c.value));
    else out.push(c.name);
  }
  if (o.id !== null) out.push('id', String(o.id.value));
  for (const m of o.modern) out.push(m.name, m.name === 'pool-purge-delay' ? formatDuration(m.value as number) : String(m.value));
  for (const h of o.health) {
    if (h.name === 'check' || h.name === 'no-check') out.push(h.name);
    else if (h.name === 'observe') out.push(h.name, OBSERVE_MODES[h.value]!);
    else if (h.name === 'on-error') out.push(h.name, ON_ERROR_ACTIONS[h.value]!);
    else if (h.name === 'on-marked-down') out.push(h.name, ON_MARKED_DOWN[h.value]!);
    else if (h.name === 'on-marked-up') out.push(h.name, ON_MARKED_UP[h.value]!);
    else if (h.name === 'init-state') out.push(h.name, INIT_STATES[h.value]!);
    else out.push(h.name, h.name.endsWith('inter') ? formatDuration(h.value) : String(h.value));
  }
  return out;
}
