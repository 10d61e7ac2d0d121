/**
 * THE table of the `servers` section's properties (`SERVER PROPERTY VALUE`): one entry each, with
 * its syntax, doc and values (editor), how its words become a typed ServerBehaviour with its
 * diagnostics (parser), how it prints back (print.ts) and what it sets on the emulated server
 * (compiler). The table's type requires an entry for every ServerBehaviour. Pure.
 */
import type { ServerBehaviour, Word } from '../ast';
import type { RefuseWindow, ServerConfig, StatusWindow } from '../../model/config';
import { isResponseDist, parseResponseDist } from '../distribution';
import { formatDuration, parseCount, parseDuration } from '../lexer';
import { DURATION_WORDS } from '../modern';
import { suggest } from '../suggest';
import { arity, extra, type Report } from './report';
import { readDuration } from './values';

export const MAX_H2_SERVER_STREAMS = 1_000_000;
export const MAX_CLOSE_AFTER = 1_000_000_000;

/** The emulated server's fields that the section sets. */
export type ServerBehaviourFields = {
  -readonly [K in 'connectUs' | 'responseUs' | 'closeAfter' | 'finAfter' | 'idleTimeoutUs' | 'auth' | 'refuse' | 'maxStreams']: ServerConfig[K];
} & { responseDist?: ServerConfig['responseDist']; setCookie?: string; refuseWindows?: RefuseWindow[]; status?: number; statusWindows?: StatusWindow[]; checkStatus?: number; checkStatusWindows?: StatusWindow[] };

type Prop = ServerBehaviour['prop'];
type Of<P extends Prop> = Extract<ServerBehaviour, { prop: P }>;

export interface ServerPropSpec<P extends Prop = Prop> {
  readonly name: P;
  readonly syntax: string;
  readonly doc: string;
  readonly values?: readonly string[];
  /** What follows the property (completion offers durations or numbers). */
  readonly value: 'duration' | 'count' | 'word' | 'none';
  /** Checks the words after the server name (ws[1] is the property) and returns the behaviour. */
  readonly parse: (ws: readonly Word[], r: Report) => Of<P> | null;
  /** The words after the property, canonical. */
  readonly print: (b: Of<P>) => string;
  readonly apply: (f: ServerBehaviourFields, b: Of<P>) => void;
}

function durationProp<P extends 'response-time' | 'connect-time' | 'idle-timeout'>(
  name: P, syntax: string, doc: string, set: (f: ServerBehaviourFields, us: number) => void,
): Pick<ServerPropSpec<P>, 'name' | 'syntax' | 'doc' | 'value'> & { parse: (ws: readonly Word[], r: Report) => Of<P> | null; apply: (f: ServerBehaviourFields, b: Of<P>) => void } {
  return {
    name, syntax, doc, value: 'duration',
    parse(ws, r) {
      if (!arity(r, ws, 3, DURATION_WORDS)) return null;
      const us = readDuration(r, ws[2]!, name);
      return us === null ? null : ({ prop: name, us } as Of<P>);
    },
    apply: (f, b) => set(f, (b as { us: number }).us),
  };
}

function countProp<P extends 'close-after' | 'fin-after'>(name: P, syntax: string, doc: string, set: (f: ServerBehaviourFields, n: number) => void): ServerPropSpec<P> {
  return {
    name, syntax, doc, value: 'count',
    parse(ws, r) {
      if (!arity(r, ws, 3, 'a number of responses such as 3')) return null;
      const n = parseCount(ws[2]!.text);
      if (n === null || n > MAX_CLOSE_AFTER) {
        r.error(n === null ? 'expected-number' : 'out-of-range', ws[2]!.span, `invalid count '${ws[2]!.text}' for ${name}; expected a whole number of responses such as 3 (0 = never)`, 'a whole number such as 3');
        return null;
      }
      return { prop: name, count: n } as Of<P>;
    },
    print: (b) => String((b as { count: number }).count),
    apply: (f, b) => set(f, (b as { count: number }).count),
  };
}

const AUTH_SCHEMES = ['ntlm', 'negotiate'] as const;

export const SERVER_PROPS: { readonly [P in Prop]: ServerPropSpec<P> } = {
  'response-time': {
    ...durationProp('response-time', 'SERVER response-time TIME | FROM..TO | exp MEAN',
      'Time from request to complete response (default 5ms); `20ms..80ms` draws each from that range, `exp 30ms` from an exponential distribution with that mean (seeded by `seed N`).',
      (f, us) => { f.responseUs = us; }),
    parse(ws, r) {
      if (isResponseDist(ws.slice(2))) return parseResponseDist(ws.slice(2), r) as Of<'response-time'> | null;
      if (!arity(r, ws, 3, DURATION_WORDS)) return null;
      const us = readDuration(r, ws[2]!, 'response-time');
      return us === null ? null : { prop: 'response-time', us };
    },
    print: (b) => (b.dist ? (b.dist.kind === 'exp' ? `exp ${formatDuration(b.dist.meanUs)}` : `${formatDuration(b.dist.loUs)}..${formatDuration(b.dist.hiUs)}`) : formatDuration(b.us)),
    apply(f, b) {
      f.responseUs = b.us;
      if (b.dist) f.responseDist = b.dist;
      else delete f.responseDist;
    },
  },
  'connect-time': {
    ...durationProp('connect-time', 'SERVER connect-time TIME', 'TCP connect time from HAProxy to this server (default 1ms).', (f, us) => { f.connectUs = us; }),
    print: (b) => formatDuration(b.us),
  },
  'close-after': countProp('close-after', 'SERVER close-after N', 'The server closes a connection after its N-th response (`Connection: close` on it).', (f, n) => { f.closeAfter = n; }),
  'fin-after': countProp('fin-after', 'SERVER fin-after N', 'The server closes a connection right after its N-th response *without* announcing it (no `Connection: close`): HAProxy sees the close as the transaction ends (the seed\'s gap G9).', (f, n) => { f.finAfter = n; }),
  'idle-timeout': {
    ...durationProp('idle-timeout', 'SERVER idle-timeout TIME', 'The server closes a connection that has been idle this long.', (f, us) => { f.idleTimeoutUs = us; }),
    print: (b) => formatDuration(b.us),
  },
  auth: {
    name: 'auth', syntax: 'SERVER auth ntlm|negotiate', values: AUTH_SCHEMES, value: 'word',
    doc: 'Every response is a 401 with `WWW-Authenticate: NTLM` (resp. `Negotiate`): the connection becomes private.',
    parse(ws, r) {
      if (!arity(r, ws, 3, 'ntlm or negotiate')) return null;
      const v = ws[2]!.text;
      if (v === 'ntlm' || v === 'negotiate') return { prop: 'auth', scheme: v };
      r.error('invalid-value', ws[2]!.span, `unknown auth scheme '${v}'; expected ntlm or negotiate`, 'ntlm or negotiate', suggest(v, AUTH_SCHEMES));
      return null;
    },
    print: (b) => b.scheme,
    apply: (f, b) => { f.auth = b.scheme; },
  },
  refuse: {
    name: 'refuse', syntax: 'SERVER refuse [FROM..TO]', value: 'none',
    doc: 'Connections to this server are refused — always, or from FROM to TO of the run\'s clock (`refuse 1s..3s`; several lines add windows): the server is down then. HAProxy retries a refused attempt (`retries`, default 3, each after a turn-around of one second or `timeout connect`; `option redispatch` may pick another server), then answers 503; its health checks (`check`) fail, and after `fall` of them the server is marked DOWN.',
    parse(ws, r) {
      if (ws.length <= 2) return { prop: 'refuse' };
      if (!arity(r, ws, 3, WINDOW)) return null;
      const during = readWindow(r, ws[2]!, 'refuse');
      return during && { prop: 'refuse', during };
    },
    print: (b) => (b.during ? printWindow(b.during) : ''),
    apply: (f, b) => {
      if (b.during) (f.refuseWindows ??= []).push(b.during);
      else f.refuse = true;
    },
  },
  status: statusProp(
    'status',
    'Project addition. The server answers every request and health check with CODE (200 to 599) — always, or from FROM to TO of the run\'s clock (`status 503 2s..4s`; several lines add windows, the first that holds wins): an application that is up but failing. ' +
      'A check over HTTP (`option httpchk`) fails on it unless `http-check expect` accepts it; a plain connect check still passes. Inside a window its answer is not an `auth` challenge. A request\'s own `-> STATUS` comes first.',
    (f, code, during) => {
      if (during) (f.statusWindows ??= []).push({ status: code, ...during });
      else f.status = code;
    },
  ),
  'check-status': statusProp(
    'check-status',
    'Project addition. The server answers its health checks (only) with CODE — always, or from FROM to TO of the run (`check-status 404 1s..3s`): a health page that says "take me out" while the application still serves, as a maintenance file does. ' +
      'Comes before `status` for the checks. With `http-check disable-on-404`, a 404 drains the server (NOLB).',
    (f, code, during) => {
      if (during) (f.checkStatusWindows ??= []).push({ status: code, ...during });
      else f.checkStatus = code;
    },
  ),
  'max-streams': {
    name: 'max-streams', syntax: 'SERVER max-streams N', value: 'count',
    doc: 'The emulated HTTP/2 server\'s SETTINGS_MAX_CONCURRENT_STREAMS (default 100): streams HAProxy may open at once on one connection. Accepted by every engine; only the modern engine talks h2 to a server (`proto h2`).',
    parse(ws, r) {
      const expected = `a whole number from 1 to ${MAX_H2_SERVER_STREAMS}`;
      if (!arity(r, ws, 3, 'a number of streams such as 100')) return null;
      const n = parseCount(ws[2]!.text);
      if (n === null || n < 1 || n > MAX_H2_SERVER_STREAMS) {
        r.error(n === null ? 'expected-number' : 'out-of-range', ws[2]!.span, `invalid stream limit '${ws[2]!.text}' for max-streams; expected ${expected}`, expected);
        return null;
      }
      return { prop: 'max-streams', count: n };
    },
    print: (b) => String(b.count),
    apply: (f, b) => { f.maxStreams = b.count; },
  },
  'set-cookie': {
    name: 'set-cookie', syntax: 'SERVER set-cookie NAME', value: 'word',
    doc: 'Project addition. The server starts a session as an application does: its response to a request without cookie NAME carries `Set-Cookie: NAME=SERVER-N` (N counts the sessions it started), which the client sends back from then on. `stick store-response res.cook(NAME)` with `stick match req.cook(NAME)` keeps each session on its server.',
    parse(ws, r) {
      if (!arity(r, ws, 3, 'a cookie name such as JSESSIONID')) return null;
      const name = ws[2]!.text;
      if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
        r.error('invalid-value', ws[2]!.span, `invalid cookie name '${name}' for set-cookie; expected a token such as JSESSIONID (letters, digits and !#$%&'*+-.^_\`|~)`, 'a cookie name such as JSESSIONID');
        return null;
      }
      return { prop: 'set-cookie', name };
    },
    print: (b) => b.name,
    apply: (f, b) => { f.setCookie = b.name; },
  },
};

/** `SERVER status|check-status CODE [FROM..TO]`. */
function statusProp<P extends 'status' | 'check-status'>(name: P, doc: string, set: (f: ServerBehaviourFields, code: number, during?: { fromUs: number; toUs: number }) => void): ServerPropSpec<P> {
  const expected = 'a status code from 200 to 599 such as 503';
  return {
    name, syntax: `SERVER ${name} CODE [FROM..TO]`, value: 'count', doc,
    parse(ws, r) {
      if (ws.length < 3) return arity(r, ws, 3, 'a status such as 503'), null;
      if (ws.length > 4) return extra(r, ws.slice(4), ws.slice(0, 4)), null;
      const code = parseCount(ws[2]!.text);
      if (code === null || code < 200 || code > 599) {
        r.error('out-of-range', ws[2]!.span, `invalid status '${ws[2]!.text}' for ${name}; expected ${expected}`, expected);
        return null;
      }
      if (!ws[3]) return { prop: name, code } as Of<P>;
      const during = readWindow(r, ws[3], name);
      return during && ({ prop: name, code, during } as Of<P>);
    },
    print: (b) => {
      const { code, during } = b as { code: number; during?: { fromUs: number; toUs: number } };
      return during ? `${code} ${printWindow(during)}` : String(code);
    },
    apply: (f, b) => {
      const { code, during } = b as { code: number; during?: { fromUs: number; toUs: number } };
      set(f, code, during);
    },
  };
}

const WINDOW = 'a window of the run\'s clock such as 1s..3s';

/** `FROM..TO` of `refuse` and `status`: a span of the run's clock (µs), TO after FROM. */
function readWindow(r: Report, w: Word, prop: string): { fromUs: number; toUs: number } | null {
  const parts = w.text.split('..');
  const from = parts.length === 2 ? parseDuration(parts[0]!) : null;
  const to = parts.length === 2 ? parseDuration(parts[1]!) : null;
  if (from === null || to === null || from >= to) {
    const why = from !== null && to !== null ? `: ${parts[1]} is not after ${parts[0]}` : '';
    r.error('expected-duration', w.span, `invalid window '${w.text}' for ${prop}${why}; expected ${WINDOW}`, WINDOW);
    return null;
  }
  return { fromUs: from, toUs: to };
}

const printWindow = (w: { fromUs: number; toUs: number }) => `${formatDuration(w.fromUs)}..${formatDuration(w.toUs)}`;

/** The property names, in table order. */
export const SERVER_PROPERTY_NAMES = Object.keys(SERVER_PROPS) as Prop[];

export function serverPropSpec(name: string): ServerPropSpec | undefined {
  return Object.hasOwn(SERVER_PROPS, name) ? (SERVER_PROPS as Record<string, ServerPropSpec>)[name] : undefined;
}

/** `SERVER PROPERTY VALUE` as canonical text. */
export function printServerBehaviour(server: string, b: ServerBehaviour): string {
  const value = (SERVER_PROPS[b.prop] as ServerPropSpec).print(b);
  return value ? `${server} ${b.prop} ${value}` : `${server} ${b.prop}`;
}

export function applyBehaviour(f: ServerBehaviourFields, b: ServerBehaviour): void {
  (SERVER_PROPS[b.prop] as ServerPropSpec).apply(f, b);
}
