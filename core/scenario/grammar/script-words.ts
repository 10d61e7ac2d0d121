/**
 * THE table of the `script` section's words: one entry each, with its doc and syntax (editor
 * hover), and the roles that say where it may appear — what the parser accepts at each place and
 * what the editor completes there are both read from here. The statements themselves parse to the
 * typed Statement nodes of ast.ts. Order matters: each role's words are listed in table order
 * (statements: open, close, wait …; request options: ->, to, close, takes …). Pure data.
 */

export type ScriptRole =
  /** First word of a statement; `reserved`: it cannot name a client. */
  | 'statement'
  /** After `CLIENT METHOD PATH`. */
  | 'request-option'
  /** After `open CLIENT h1|h2`. */
  | 'open-option'
  /** After `SERVER close`. */
  | 'server-close'
  /** After `-> STATUS`. */
  | 'answer'
  /** After `arrive … METHOD PATH [options]`. */
  | 'arrive-option'
  /** A protocol after `open CLIENT` or in `arrive`. */
  | 'protocol';

export interface ScriptWord {
  readonly name: string;
  readonly doc: string;
  readonly syntax?: string;
  readonly values?: readonly string[];
  readonly roles: readonly ScriptRole[];
  /** A statement keyword that cannot name a client. */
  readonly reserved?: boolean;
}

export const SCRIPT_WORDS: readonly ScriptWord[] = [
  { name: 'open', roles: ['statement'], reserved: true, syntax: 'open CLIENT h1|h2', values: ['h1', 'h2'], doc: 'A client opens a connection to HAProxy speaking HTTP/1.1 or HTTP/2; `open web[1..50] h1` opens web1 … web50.' },
  { name: '->', roles: ['request-option'], syntax: '-> STATUS [ntlm|negotiate] [close]', doc: 'The server\'s answer to this request: status, `ntlm`/`negotiate` for a 401 with that WWW-Authenticate, `close` for Connection: close.' },
  { name: 'to', roles: ['request-option'], syntax: 'to SERVER', doc: 'The request goes to this server, skipping load balancing.' },
  { name: 'close', roles: ['statement', 'request-option'], reserved: true, syntax: 'close CLIENT | SERVER close idle|all', doc: '`close CLIENT` (or `close web[*]`): the client closes its connection. `SERVER close idle|all`: the server closes its idle (or all) connections. As a request option: the request carries `Connection: close`.' },
  { name: 'wait', roles: ['statement'], reserved: true, syntax: 'wait TIME', doc: 'Time passes.' },
  { name: 'await', roles: ['statement'], reserved: true, syntax: 'await', doc: 'Waits until every request in flight has its response.' },
  { name: 'repeat', roles: ['statement'], reserved: true, syntax: 'repeat N {', doc: 'Runs the statements of the block N times (blocks may nest).' },
  { name: 'takes', roles: ['request-option'], syntax: 'takes TIME', doc: 'The server\'s response time for this request.' },
  { name: 'host', roles: ['request-option'], syntax: 'host NAME', doc: 'The request\'s Host header (`:authority` in HTTP/2), for routing rules such as `hdr(host)`.' },
  { name: 'header', roles: ['request-option'], syntax: 'header "NAME: VALUE"', doc: 'A header the request carries, for routing rules such as `hdr(NAME)`; repeatable.' },
  { name: '&', roles: ['request-option'], syntax: '&', doc: 'Do not wait for the response: the next statement starts at once.' },
  { name: 'from', roles: ['open-option'], syntax: 'from ADDR', doc: '`open CLIENT h1 from ADDR`: the client\'s source address (fetch `src`, `balance source`).' },
  { name: 'tls', roles: ['open-option'], syntax: 'tls [sni NAME]', doc: '`open CLIENT h1 tls`: the client connection uses TLS (`ssl_fc`).' },
  { name: 'sni', roles: ['open-option'], syntax: 'tls sni NAME', doc: '`open CLIENT h1 tls sni NAME`: the SNI the client sends (`ssl_fc_sni`).' },
  { name: 'arrive', roles: [], syntax: 'arrive NAME rate R/s for T [h1|h2] METHOD PATH [options] [requests K] [think T] [&]', doc: 'Open-loop load: clients NAME1, NAME2, … arrive as a Poisson process at rate R per second during T; each sends K requests (the next one T after the previous response) and closes. The script waits for the last one unless the line ends with `&`.' },
  { name: 'requests', roles: ['arrive-option'], syntax: 'requests K', doc: '`arrive … requests K`: each arriving client sends K requests (default 1).' },
  { name: 'think', roles: ['arrive-option'], syntax: 'think TIME', doc: '`arrive … think T`: an arriving client waits T after a response before its next request (default 0).' },
  { name: 'h1', roles: ['protocol'], doc: 'HTTP/1.1: one request at a time per client connection.' },
  { name: 'h2', roles: ['protocol'], doc: 'HTTP/2: each request is a stream; streams run concurrently with `&`.' },
  { name: 'idle', roles: ['server-close'], doc: '`SERVER close idle`: closes the server\'s idle connections.' },
  { name: 'all', roles: ['server-close'], doc: '`SERVER close all`: closes every connection of the server, busy ones included.' },
  { name: 'ntlm', roles: ['answer'], doc: '`-> 401 ntlm`: a 401 with `WWW-Authenticate: NTLM` (makes the connection private).' },
  { name: 'negotiate', roles: ['answer'], doc: '`-> 401 negotiate`: a 401 with `WWW-Authenticate: Negotiate` (makes the connection private).' },
];

/** The script words of one role, in table order. */
export function scriptWords(role: ScriptRole): string[] {
  return SCRIPT_WORDS.filter((w) => w.roles.includes(role)).map((w) => w.name);
}

/** Statement keywords that cannot name a client: open, close, wait, await, repeat. */
export const SCRIPT_KEYWORDS = SCRIPT_WORDS.filter((w) => w.reserved).map((w) => w.name);
/** Words a request line may carry after its path (`&` ends it), and after `-> STATUS`. */
export const REQUEST_OPTION_WORDS = [...scriptWords('request-option').filter((w) => w !== '&'), ...scriptWords('answer')];
export const PROTOCOLS = scriptWords('protocol') as ('h1' | 'h2')[];
export const OPEN_OPTIONS = scriptWords('open-option');
export const SERVER_CLOSE_WHAT = scriptWords('server-close') as ('idle' | 'all')[];
