/**
 * Catalogue of decision IDs (shared/spec/haproxy-algorithm.md §4) and seed gaps (§6.1):
 * a short name, a plain-language explanation and where the rule lives in HAProxy's source.
 *
 * Source references are those of the spec's §4.1 (seed) and §4.2 (parent) tables, with the
 * repository paths HAProxy uses (`src/…`, `include/…`). A few were checked against the real
 * tree at the commits below; the explanations are paraphrases written for learners.
 */
import { MODERN_DECISIONS, PARENT_DECISIONS, ROUTING_DECISIONS, SEED_DECISIONS, WORLD_DECISIONS } from './decisions';
import type { DecisionId, Gap } from './decisions';

/** Full hashes of the two HAProxy commits the engines reproduce. */
export const COMMITS = {
  /** MAJOR: connections: Detach connections from streams (Olivier Houchard, 2018-11-13). */
  seed: '7c6f8b146de309e14f0b7ff9e680794683498c54',
  /** MINOR: sessions: Start to store the outgoing connection in sessions. */
  parent: '131fd89d5a20f50942fef2f4f5afb915aad22e4a',
  /** v2.6.0, where the modern engine's source lines point (its behaviour is checked against 2.6.12; spec §7). */
  modern: 'a1efc048bf8a5e14466dbe7317e73117e8d66176',
  /** v2.8.0, where `engine modern 2.8` cites what was checked there (./catalog-modern.ts). */
  modern28: 'fdd8154ed37fef7f351075caa357917f94704dd7',
  /** v3.0.0, where `engine modern 3.0` cites what was checked there (./catalog-modern.ts). */
  modern30: '5590ada4731a1f75004675680b4bdca61fa4c507',
  /** v3.2.0, where `engine modern 3.2` cites what was checked there (./catalog-modern.ts). */
  modern32: 'e134140d282c006417945d78e7964cc8fa14586a',
  /** v3.4.0, where `engine modern 3.4` cites what was checked there (./catalog-modern.ts). */
  modern34: '64a335366dc1bb5431e28a75e3a22e4226ac9b8f',
} as const;

export const REPOSITORY_URL = 'https://github.com/haproxy/haproxy';

/** Release tags of the commits above, for readers who know a release by its name. */
const TAGS: Readonly<Record<string, string>> = { [COMMITS.modern]: 'v2.6.0', [COMMITS.modern28]: 'v2.8.0', [COMMITS.modern30]: 'v3.0.0', [COMMITS.modern32]: 'v3.2.0', [COMMITS.modern34]: 'v3.4.0' };

/**
 * How the page names a commit, the same everywhere (engine menu, panes, links): its release
 * tag when it has one (`v2.6.0`), otherwise its first 9 hex digits (`7c6f8b146`).
 */
export function commitLabel(commit: string): string {
  return TAGS[commit] ?? commit.slice(0, 9);
}

/** An extra place in the source that takes part in the same rule. */
export interface SourceRef {
  readonly file: string;
  readonly line: string;
}

export interface DecisionInfo {
  id: DecisionId;
  /** Short title, e.g. "Reuse own connection". */
  name: string;
  /** One to three sentences: condition → action, and why it matters. */
  explain: string;
  /** First source file of the rule, as a repository path (`src/backend.c`); '' for 'W'. */
  file: string;
  /** Line range(s) in `file`, e.g. `1067-1071` or `1181-1183, 1204-1241`; '' for 'W'. */
  line: string;
  /** Full hash of the commit the reference is at; '' for 'W'. */
  commit: string;
  engine: 'seed' | 'parent' | 'modern' | 'routing' | 'world';
  /** Further source places of the same rule (other files), if any. */
  also?: readonly SourceRef[];
}

type Entry = Omit<DecisionInfo, 'id' | 'commit' | 'engine'>;

const BACKEND = 'src/backend.c';
const HTTP = 'src/proto_http.c';
const MUX_PT = 'src/mux_pt.c';

const SEED: Record<(typeof SEED_DECISIONS)[number], Entry> = {
  A0: {
    name: 'Explicit target',
    explain:
      'The scenario names the server for this request, as a `use-server` rule or a persistence cookie would, so no load balancing runs. ' +
      'Everything that follows starts from that fixed target. (The reference points at the use-server rules, which set the target and mark the stream as assigned.)',
    file: 'src/stream.c',
    line: '1396-1412',
  },
  A1: {
    name: 'Prefer the last server',
    explain:
      "If the session's current server connection is established, belongs to a usable server of this backend and the balancing is not hash-based, " +
      'and either the previous answer was a 401/407 or `option prefer-last-server` is set, the request goes back to that same server. ' +
      'This keeps a client on the connection it already holds.',
    file: BACKEND,
    line: '586-605',
  },
  A2: {
    name: 'Load balancing',
    explain:
      "Otherwise the backend's balancing algorithm (roundrobin, leastconn, …) picks the server. " +
      'This happens again for every request, so two requests of the same client may go to different servers — ' +
      'except with a hash balance (source, uri, url_param, hdr), where the same key always gives the same server.',
    file: BACKEND,
    line: '606-735',
  },
  C1: {
    name: 'Connection mode',
    explain:
      "The transaction's mode is the strongest of the frontend's and backend's options (keep-alive, then tunnel, server-close, close). " +
      'A request saying `Connection: close`, an HTTP/1.0 request without keep-alive or a body of unknown length forces closing. ' +
      'Only keep-alive transactions can leave a server connection open for later reuse.',
    file: HTTP,
    line: '788-829',
  },
  C2: {
    name: 'Server asks to close',
    explain:
      'The server answered with `Connection: close` (or HTTP/1.0 without keep-alive), so this keep-alive transaction becomes server-close: ' +
      'the server connection will be closed as soon as the response is complete.',
    file: HTTP,
    line: '5106-5113',
  },
  C3: {
    name: 'Connection attempt retried',
    explain:
      'Connecting to the server failed (refused, or `timeout connect` passed): the attempt is closed and, while `retries` (3 by default) allows, HAProxy tries again — ' +
      'after a turn-around of one second (or `timeout connect` if shorter) when the server refused, at once after a timeout. With `option redispatch`, a retry may go to the server load balancing picks: ' +
      'on the last retry (or every N-th with `option redispatch N`), and on every retry, without the turn-around, when the request named no server, the balance is roundrobin and several servers are up. When no retry is left, the request gets a 503.',
    file: 'src/stream.c',
    line: '727-813',
  },
  R1: {
    name: 'Reuse own connection',
    explain:
      'The session already holds a connection to the same server that is free and ready, so the request goes over it. ' +
      'This check comes before the `http-reuse` rules and ignores them: even with `never`, a client keeps using its own connection.',
    file: BACKEND,
    line: '1067-1071',
  },
  R2: {
    name: "Search the server's lists",
    explain:
      'The session has no usable connection of its own for this server (none at all, a busy one, or one to another server), ' +
      "so HAProxy looks into the server's lists of idle connections left by other requests.",
    file: BACKEND,
    line: '1073-1074',
  },
  R3a: {
    name: 'Take an idle connection',
    explain:
      'For a follow-up request (not the first one on its client connection) and any mode except `never`, the newest entry of the idle list is taken. ' +
      'A follow-up request may take that risk because, if the server closed the connection meanwhile, the browser can silently retry it.',
    file: BACKEND,
    line: '1090-1094',
  },
  R3b: {
    name: 'Take a safe connection',
    explain:
      'For a follow-up request, or for any request under `aggressive` or `always`, the newest entry of the safe list is taken: ' +
      'a connection that has already carried a follow-up request, which suggests the server keeps it alive.',
    file: BACKEND,
    line: '1095-1099',
  },
  R3c: {
    name: 'Take an idle connection (always)',
    explain:
      'Under `http-reuse always`, even a first request may take a connection from the idle list when the safe list had nothing. ' +
      'It shares the most, but a first request that meets a connection the server is closing gets an error instead of a retry.',
    file: BACKEND,
    line: '1100-1103',
  },
  R3n: {
    name: 'Nothing to take',
    explain:
      'The lists this request is allowed to use are empty, or the mode forbids taking anything (a first request under `never` or `safe`). ' +
      'A new connection will be opened.',
    file: BACKEND,
    line: '1090-1103',
  },
  R4: {
    name: 'Open a new connection',
    explain:
      'Nothing is reused, so a fresh TCP connection to the server is created for this stream. ' +
      'Counting these is the simplest measure of how well reuse works.',
    file: BACKEND,
    line: '1181-1183, 1204-1241',
  },
  R5: {
    name: 'Dynamic source cancels reuse',
    explain:
      'The server or backend takes its source address from the request (`usesrc hdr_ip(...)`), so no connection may be reused, not even the session\'s own. ' +
      'Every request opens a new connection.',
    file: BACKEND,
    line: '1115-1129',
  },
  R6: {
    name: 'Target is not a server',
    explain:
      'The request goes to a dispatch address, a transparent destination or a proxy instead of a configured server, ' +
      "so the server lists are not searched and the session's previous connection remains the chosen one.",
    file: BACKEND,
    line: '1073',
  },
  S0: {
    name: 'Same connection, nothing to give up',
    explain:
      "The connection chosen for this request is the session's previous one, so there is no old connection to hand over or close.",
    file: BACKEND,
    line: '1134',
  },
  S1: {
    name: 'Swap connections',
    explain:
      'The connection just taken belonged to exactly one other session. Because our previous connection is shareable (not private) and free, ' +
      'that session receives it in exchange, so nobody is left without a connection.',
    file: BACKEND,
    line: '1147-1162, 1167',
  },
  S2: {
    name: 'Dispossess the other session',
    explain:
      'The connection just taken belonged to exactly one other session, but no exchange is possible (we have no previous connection, or it is private or busy). ' +
      'That session simply loses its connection. At the seed our previous connection is then neither closed nor held by anyone (gap G1).',
    file: BACKEND,
    line: '1163-1167',
  },
  S3: {
    name: 'Give up the old connection',
    explain:
      "The session moves to another connection and did not hand its previous one to anybody, so the previous one loses its owner and is closed — " +
      'at once if idle, or when its current request ends if it is busy. A session only ever keeps one server connection.',
    file: BACKEND,
    line: '1174-1178',
  },
  S4: {
    name: 'Adopt the connection',
    explain:
      'The connection now used becomes the session\'s own: it is the single server connection the session remembers and tries first next time (R1).',
    file: BACKEND,
    line: '1194-1199',
  },
  L1: {
    name: 'Remove from the server list',
    explain:
      'A connection taken for reuse leaves its server list while it carries the request, so it cannot be offered to anyone else meanwhile.',
    file: BACKEND,
    line: '1185-1192',
  },
  L2: {
    name: 'Put in a server list',
    explain:
      'At the end of a kept transaction, a connection that is in no list goes at the head of one: priv if it is private, ' +
      'safe if the request that just finished was a follow-up request, idle otherwise. The choice depends on that request, not on the connection\'s history.',
    file: HTTP,
    line: '3866-3881',
  },
  L3: {
    name: 'Already listed',
    explain: 'The kept connection is already in one of the server\'s lists, so it stays where it is.',
    file: HTTP,
    line: '3867',
  },
  F1: {
    name: 'Mark as reused',
    explain:
      'The stream is flagged as running over a reused connection, which logs and error handling take into account.',
    file: BACKEND,
    line: '1242-1243',
  },
  P1: {
    name: 'send-proxy (privacy lost)',
    explain:
      'A server with `send-proxy` marks its new connections private, but at this version the TCP connect step wipes that flag again. ' +
      "Such a connection can therefore be shared, and another client's requests travel behind the PROXY header of the first client.",
    file: BACKEND,
    line: '1233-1238',
    also: [{ file: 'src/proto_tcp.c', line: '292' }],
  },
  P2: {
    name: 'SNI makes it private',
    explain:
      'The server line has an `sni` expression and it produced a name, so the connection is made private: only its own session may reuse it.',
    file: BACKEND,
    line: '1282-1304',
  },
  P3: {
    name: 'NTLM/Negotiate makes it private',
    explain:
      'A 401 or 407 answer with an NTLM or Negotiate challenge authenticates the connection itself rather than each request, ' +
      'so the connection is made private and never handed to another client.',
    file: HTTP,
    line: '5045-5064',
  },
  P4: {
    name: 'Client source address makes it private',
    explain:
      "With `usesrc client`, `clientip` or `hdr_ip(...)` the connection leaves from the client's own address, so it is made private to that client.",
    file: 'src/proto_tcp.c',
    line: '379-392',
  },
  P5: {
    name: '`http-reuse never` makes it private',
    explain:
      'In a backend with `http-reuse never`, every connection kept after a transaction is marked private. ' +
      'It lands in the priv list, which is never searched: only its own session can reuse it.',
    file: HTTP,
    line: '3846-3848',
  },
  K1: {
    name: 'Keep the connection open',
    explain:
      'The transaction ended in keep-alive, the connection is ready and a session owns it, so the stream lets go of it but it stays open, ' +
      'watched in case the server closes it, until the next request.',
    file: HTTP,
    line: '3729-3730, 3811-3814',
    also: [{ file: MUX_PT, line: '183-186' }],
  },
  K2: {
    name: 'Close at end of transaction',
    explain:
      'The transaction was not keep-alive (for example server-close) or the connection was not ready, so the connection is shut and destroyed when the transaction ends.',
    file: HTTP,
    line: '3729-3734, 3811-3814',
    also: [{ file: MUX_PT, line: '187-189' }],
  },
  K3: {
    name: 'Close a doomed connection',
    explain:
      'The connection no longer has an owner (its session gave it up while a request was still using it), so it is shut and destroyed when that request ends.',
    file: HTTP,
    line: '3729-3734, 3811-3814',
  },
  N1: {
    name: 'Next request is a follow-up',
    explain:
      'On the same stream, the next transaction is flagged as a follow-up (not first) request, and after a 401/407 it also prefers the last server. ' +
      'For an HTTP/1 client this makes requests 2, 3, … "subsequent", which opens more of the server lists to them.',
    file: HTTP,
    line: '3832-3844',
  },
  T1: {
    name: 'New HTTP/2 stream',
    explain:
      'Each HTTP/2 request gets a new stream with a fresh transaction and no flags, so at this version every h2 request counts as a first request.',
    file: HTTP,
    line: '7634',
  },
  T2: {
    name: 'HTTP/2 stream ends',
    explain:
      'An HTTP/2 stream closes right after its single transaction. At the seed this no longer touches the server connection, which now belongs to the session.',
    file: HTTP,
    line: '1044-1050, 1109-1121',
  },
  T3: {
    name: 'HTTP/1 client waits',
    explain:
      "An HTTP/1 client's single stream waits for the next request under `timeout http-keep-alive` (else `timeout http-request`), never longer than `timeout client`, all of the frontend it entered; it ends when the client closes or the timeout expires.",
    file: HTTP,
    line: '1094-1101, 983-984, 1017-1018, 1049-1050',
  },
  D1: {
    name: 'Destroy on detach',
    explain:
      'When a stream lets go of a connection that has no owner, or that saw an error or a shutdown, the connection is destroyed.',
    file: MUX_PT,
    line: '177-190',
  },
  D2: {
    name: 'Server closed an idle connection',
    explain:
      'An idle connection was closed by the server (or failed); HAProxy notices and destroys it, and the session that held it no longer has a connection.',
    file: MUX_PT,
    line: '46-58, 118-123',
  },
  D3: {
    name: 'Session ends, its connection dies',
    explain:
      "When a client's session ends, its server connection is destroyed. There is no pool at this version: nobody else can inherit it.",
    file: 'src/session.c',
    line: '80-82',
    also: [{ file: MUX_PT, line: '166-172' }],
  },
  D4: {
    name: 'Destroy deferred (busy)',
    explain:
      'A request to destroy a connection that is still carrying a request does nothing for now; the connection is closed when that request ends (K3).',
    file: MUX_PT,
    line: '170',
  },
  D5: {
    name: 'Clean up on destroy',
    explain:
      'Destroying a connection removes it from its server list and clears it from every session that held it — the only way a session learns its connection is gone.',
    file: 'include/proto/connection.h',
    line: '666-679',
  },
  D6: {
    name: 'Unlist on shutdown',
    explain: 'Shutting a connection down in either direction also takes it out of its server list, so it cannot be picked any more.',
    file: MUX_PT,
    line: '207-211, 224-228',
  },
};

const PARENT: Record<(typeof PARENT_DECISIONS)[number], Entry> = {
  pA1: {
    name: 'Prefer the last server (parent)',
    explain:
      'Same test as A1, but on the connection attached to the stream instead of the session. ' +
      'An HTTP/2 request always starts a new stream with nothing attached, so this never applies to h2 clients.',
    file: BACKEND,
    line: '586-605',
  },
  pR1: {
    name: "Reuse the stream's connection",
    explain:
      'The stream still has a connection to the same server attached, so the request uses it. Unlike the seed, nothing checks that it is free or ready.',
    file: BACKEND,
    line: '1065-1069',
  },
  pR2: {
    name: 'Detach and search the lists',
    explain:
      "The stream's connection (if any) goes to another server: it is detached from the stream, staying in whatever list it is in, and the server's lists are searched.",
    file: BACKEND,
    line: '1071-1080',
  },
  pR3a: {
    name: 'Take an idle connection (parent)',
    explain: 'Same rule as R3a: a follow-up request in any mode except `never` takes the newest idle connection.',
    file: BACKEND,
    line: '1096-1109',
  },
  pR3b: {
    name: 'Take a safe connection (parent)',
    explain: 'Same rule as R3b: a follow-up request, or any request under `aggressive`/`always`, takes the newest safe connection.',
    file: BACKEND,
    line: '1096-1109',
  },
  pR3c: {
    name: 'Take an idle connection, always (parent)',
    explain: 'Same rule as R3c: under `always`, a first request may take an idle connection when the safe list is empty.',
    file: BACKEND,
    line: '1096-1109',
  },
  pR3n: {
    name: 'Nothing to take (parent)',
    explain: 'Same rule as R3n: nothing allowed is available, so a new connection will be opened.',
    file: BACKEND,
    line: '1096-1109',
  },
  pS1: {
    name: 'Swap with another stream',
    explain:
      'The picked connection was resting on another stream. If our previous connection is not private, that stream receives it, parked idle, in exchange.',
    file: BACKEND,
    line: '1117-1135',
  },
  pS2: {
    name: 'Destroy the old connection',
    explain:
      "The stream's previous connection was not handed over (it is private, or nothing was picked), so it is destroyed right away. No orphan can appear at the parent.",
    file: BACKEND,
    line: '1137-1139',
  },
  pR5: {
    name: 'Dynamic source cancels reuse (parent)',
    explain: 'As R5: with `usesrc hdr_ip(...)` no connection is reused and a new one is opened for each request.',
    file: BACKEND,
    line: '1142-1156',
  },
  pR4: {
    name: 'Open a new connection (parent)',
    explain:
      "Nothing is reused, so a new connection is created; whatever was still attached to the stream's server side is destroyed first.",
    file: BACKEND,
    line: '1158-1160',
  },
  pL1: {
    name: 'Remove from the server list (parent)',
    explain: 'A connection taken for reuse leaves its server list while it carries the request.',
    file: BACKEND,
    line: '1161-1165',
  },
  pX: {
    name: 'Unsafe victim lookup (bug)',
    explain:
      'At this exact commit, finding the stream that holds a picked connection reads the wrong data structure, and the real binary crashes. ' +
      'The simulator follows the intended behaviour and notes what the real program does instead.',
    file: BACKEND,
    line: '1121-1124',
    also: [{ file: MUX_PT, line: '20-24, 86-88' }],
  },
  pK1: {
    name: 'Keep on the stream',
    explain:
      'At the end of a kept transaction the connection stays attached to the stream in idle mode and is listed as in L2. ' +
      'It therefore lives exactly as long as the stream does.',
    file: HTTP,
    line: '3867-3882',
    also: [{ file: 'include/proto/stream_interface.h', line: '191-201' }],
  },
  pK2: {
    name: 'Close at end of transaction (parent)',
    explain: 'The transaction was not keep-alive or the connection was not ready, so the stream releases the connection and it is destroyed.',
    file: HTTP,
    line: '3731-3736, 3811-3815',
  },
  pD1: {
    name: 'Any detach destroys',
    explain: 'At the parent, separating a connection from its stream always destroys it; a connection cannot exist without a stream holding it.',
    file: MUX_PT,
    line: '161-170',
  },
  pD2: {
    name: 'Server closed an idle connection (parent)',
    explain: "The server closed a connection resting on a stream; the stream's idle watcher notices and releases it.",
    file: 'src/stream_interface.c',
    line: '419-435',
  },
  pD5: {
    name: 'Stream ends, its connection dies',
    explain:
      'When a stream is freed, the connection attached to it is destroyed. An HTTP/2 client has one stream per request, ' +
      'so at the parent its server connection dies after every request — the problem the seed commit fixes.',
    file: 'src/stream.c',
    line: '430, 2254-2270',
  },
};

/**
 * HAProxy 2.6 (spec §7.2-§7.4), references at v2.6.0; behaviour checked against Debian's 2.6.12
 * binary. Not modelled: threads (nbthread, takeover), queueing on maxconn, health checks.
 */
const MODERN: Record<(typeof MODERN_DECISIONS)[number], Entry> = {
  mA1: {
    name: 'Session prefers its first private connection\'s server',
    explain:
      'Once a server answered a session with an NTLM or Negotiate 401/407, every later request of that session — the next HTTP/1 request or any HTTP/2 stream — ' +
      'goes to the server of the first connection the session keeps that finished its handshake, in the order the session acquired them (not the newest), even if that connection is busy. ' +
      '`option prefer-last-server` does the same with the session\'s kept connections.',
    file: BACKEND, line: '653-680', also: [{ file: 'src/http_ana.c', line: '1688-1695' }, { file: 'include/haproxy/session.h', line: '152-180' }],
  },
  mP1: {
    name: 'send-proxy: reusable by its client connection only',
    explain:
      'The PROXY line sent to the server is part of the connection\'s hash, and every lookup (session, avail, idle, safe) compares hashes, so this connection serves only the client connection it was opened for, even with http-reuse always. ' +
      'Another client gets a new connection, which the pool usually refuses after its response.',
    file: BACKEND, line: '1409-1418', also: [{ file: 'include/haproxy/session.h', line: '208-234' }],
  },
  mI4: {
    name: 'strict-maxconn: an idle connection closed to stay within maxconn',
    explain:
      'With `strict-maxconn` (3.2 and later) a server\'s `maxconn` bounds its connections, idle ones included, not only its requests. ' +
      'A request that needs a new connection while the server has maxconn of them closes an idle one, and again — the loop does not count anew, so every idle connection goes — then retries at once in the room made; ' +
      'with none to close (private connections hold every slot), or `retries 0`, the request gets 503 at once.',
    file: BACKEND, line: '1948-1981', also: [{ file: BACKEND, line: '1532-1575' }],
  },
  mP2: {
    name: 'sni: reusable for the same SNI only',
    explain:
      'The value of the server\'s `sni` expression for the request (for instance `req.hdr(host)`) is part of the connection\'s hash, and every lookup compares hashes: ' +
      'a connection serves only requests whose SNI is the same, with any client connection. A request with another SNI gets a connection of its own. ' +
      'Up to 3.2 HAProxy hashes it whether or not the server has `ssl`; since 3.3 only a TLS server\'s, and a TLS server without `sni` in an HTTP backend takes the Host header (up to a colon) as its SNI, so its connections are pooled per Host (`no-sni-auto` turns that off). ' +
      'Since 3.0 `pool-conn-name EXPR` names the connection in its place (the SNI is its default).',
    file: BACKEND, line: '1360-1398', also: [{ file: 'src/connection.c', line: '2357-2393' }],
  },
  mP3: {
    name: 'usesrc client: reusable by its client connection only',
    explain:
      'With `source … usesrc client` or `clientip` the connection is bound to the client\'s address and port, which are part of its hash: ' +
      'it serves only the client connection it was opened for, even with http-reuse always (1.9 marked it private instead). ' +
      'Since 3.2 `clientip` leaves the port out: connections are then shared by the client connections from one address.',
    file: BACKEND, line: '1079-1152', also: [{ file: BACKEND, line: '1406-1407' }, { file: 'src/connection.c', line: '2284-2324' }],
  },
  mR0: { name: 'Not HTTP: no reuse', explain: 'Only HTTP streams look for a connection to reuse; anything else always connects anew.', file: BACKEND, line: '1369-1372' },
  mR1: {
    name: 'Reuse a private connection of the session',
    explain: 'In 2.6 a session keeps only its private connections. If one goes to the same target, has a free stream and finished its handshake, the request uses it.',
    file: BACKEND, line: '1420-1425', also: [{ file: 'include/haproxy/session.h', line: '208-234' }],
  },
  mR2: { name: 'never: skip the pools', explain: 'With http-reuse never the server pools are not searched at all; a new connection is opened and it will be private.', file: BACKEND, line: '1427' },
  mR3: {
    name: 'Share a multiplexed connection',
    explain: 'An HTTP/2 server connection with free streams sits in the server\'s avail list; any request may add a stream to it, first or not, in every mode but never.',
    file: BACKEND, line: '1446-1452',
  },
  mR4a: {
    name: 'Subsequent request: idle, then safe',
    explain: 'A request that is not the first of its client connection (every HTTP/2 stream counts as such in 2.6) takes the oldest connection of the idle pool, else of the safe pool.',
    file: BACKEND, line: '1462-1465', also: [{ file: BACKEND, line: '1171-1184' }],
  },
  mR4b: {
    name: 'First request: safe (aggressive), then idle (always)',
    explain: 'A first request may only take a connection already proven reusable (safe pool) in aggressive mode; in always mode it may also take an idle one.',
    file: BACKEND, line: '1467-1480',
  },
  mR4t: { name: 'Take over from another thread', explain: 'With several threads a request may steal an idle connection of another thread. The simulation runs one thread, so this never happens.', file: BACKEND, line: '1193-1247' },
  mR5: {
    name: 'New connection',
    explain: 'Nothing could be reused: a new connection is opened for the session. It is private when the mode is never or the target is not a server; otherwise it will go back to the server\'s pool after use.',
    file: BACKEND, line: '1594-1617',
  },
  mR6: {
    name: 'New multiplexed connection: avail list or session',
    explain: 'A new HTTP/2 server connection goes to the avail list at once under always (others may share it right away); under safe it stays with the session that opened it, to avoid head-of-line blocking between clients.',
    file: BACKEND, line: '1771-1791',
  },
  mR7: {
    name: 'Reused multiplexed connection: session or avail',
    explain: 'An HTTP/2 connection taken from the idle or safe pool under safe is attached to the session (head-of-line protection); in other modes it is made available to everyone.',
    file: BACKEND, line: '1263-1274',
  },
  mD1: {
    name: 'Private connection stays with the session',
    explain:
      'After its request a private connection stays in its session for the next request — unless the session already counts max-session-srv-conns (5) idle ones; then it is closed. ' +
      'The count leaves out an idle connection whose server assign_server picked for a session that prefers its last server, until the connection is used again.',
    file: 'src/mux_h1.c', line: '3405-3418', also: [{ file: 'include/haproxy/session.h', line: '185-202' }, { file: 'src/backend.c', line: '668-673' }],
  },
  mD2: {
    name: 'Offer to the server pool (safe if already reused)',
    explain: 'A shareable HTTP/1 connection leaves its session and is offered to the server\'s pool: safe if this connection had already carried a request before, idle otherwise. Unlike the seed, the classification follows the connection, not the request.',
    file: 'src/mux_h1.c', line: '3419-3440',
  },
  mD3: {
    name: 'HTTP/2 server connection released',
    explain: 'A private HTTP/2 connection stays in the session; a shareable one with no stream left goes to the safe pool; one that still has streams stays usable through the avail list.',
    file: 'src/mux_h2.c', line: '4434-4491',
  },
  mD4: { name: 'Session end: its private connections die', explain: 'When the client connection ends, the session closes the private connections it kept. Pooled connections are not affected: they outlive the session.', file: 'src/session.c', line: '65-99' },
  mD6: {
    name: 'Client left: the request still completes',
    explain:
      'Without option abortonclose HAProxy stops watching the client once the request is sent, so a client that closes its connection does not abort it: the server connection waits for the response, drops it, ' +
      'and then goes to the pool like any other (a private one dies with its session). The next request, of any client, may reuse it.',
    file: 'src/http_ana.c', line: '4360-4368', also: [{ file: 'src/http_ana.c', line: '1114-1124' }, { file: 'src/mux_h1.c', line: '3366-3430' }],
  },
  mD7: {
    name: 'Server gone before answering a later request: no 502, the client retries',
    explain:
      'When the server connection dies before any response, HAProxy answers a 502 only to the first request of a client connection. A later one (on HTTP/1 the 2nd and later requests; on HTTP/2 every stream, all marked "not first") gets nothing: ' +
      'HAProxy closes the HTTP/1 client connection, or resets the HTTP/2 stream with REFUSED_STREAM, so that the client sends the request again.',
    file: 'src/http_ana.c', line: '1753-1765', also: [{ file: 'src/http_ana.c', line: '1442-1443' }, { file: 'src/http_ana.c', line: '5174' }, { file: 'src/mux_h1.c', line: '730-731' }, { file: 'src/mux_h2.c', line: '1623' }, { file: 'src/mux_h2.c', line: '4612-4619' }],
  },
  mD8: {
    name: 'Client left, option abortonclose: the request is aborted',
    explain:
      'With `option abortonclose` on its backend, a client that closes its connection aborts its request when HAProxy sees the close: a request waiting for a server slot leaves the queue and reaches no server; ' +
      'one at the server (or whose connection is being opened) has its HTTP/1 server connection closed at once — the response is never read, the connection never reused — or its stream reset on an HTTP/2 one. ' +
      'HAProxy sees an HTTP/2 client\u2019s close; an HTTP/1 client\u2019s in 2.6 and 2.8 only when the frontend has the option too (from defaults), in 3.0 and later always.',
    file: 'src/http_ana.c', line: '1114-1123', also: [{ file: 'src/stream.c', line: '2297-2302' }, { file: 'src/backend.c', line: '1957-1962' }, { file: 'src/stconn.c', line: '1420' }],
  },
  mD5: { name: 'Server closed an idle connection', explain: 'The server closed a connection that was waiting in a pool or a session: it is removed from there and freed.', file: 'src/server.c', line: '5752-5776' },
  mI1: {
    name: 'Pool refuses the connection',
    explain:
      'The pool keeps a connection only if it has no safe one yet (and this one is safe, or no idle one exists either), or if used + idle connections stay within the estimated need. Otherwise the connection is closed right after its request. ' +
      'With a global `maxconn`, it also keeps none while the process uses a quarter of its file descriptors or more (tune.pool-high-fd-ratio 25 of about 2 × maxconn + 13), and the second way needs less than a fifth (tune.pool-low-fd-ratio 20).',
    file: 'src/server.c', line: '5814-5876', also: [{ file: 'src/haproxy.c', line: '2436-2443' }],
  },
  mI3: {
    name: 'Too many descriptors: an idle connection is closed',
    explain:
      'With a global `maxconn`, a request that finds the process using more than a quarter of its file descriptors (listeners, the wake-up pipe, client and server connections; tune.pool-high-fd-ratio 25 of about 2 × maxconn + 13) ' +
      'first closes the oldest idle connection of its server, whether it then reuses a connection or opens one. Safe connections are spared, except in 3.0, which closes the oldest pooled one, safe or not.',
    file: 'src/backend.c', line: '1494-1518', also: [{ file: 'src/haproxy.c', line: '1410-1432' }],
  },
  mQ1: {
    name: 'Server full: the request waits in a queue',
    explain:
      'A server with `maxconn N` serves at most N streams at once (HTTP requests, not connections); it is full when N hold a slot or others already wait for it. ' +
      'Load balancing skips full servers (roundrobin, static-rr, first, leastconn); when every one is full the request waits in the backend\u2019s queue. ' +
      'A request whose server was fixed before balancing (a hash, use-server, a persistence cookie, the session\u2019s server) waits in that server\u2019s queue. ' +
      'With a `minconn` below its maxconn, the limit moves with the backend\u2019s streams (its requests from routing to their end, queued ones included): the greater of minconn and maxconn \u00d7 streams / `fullconn`, and maxconn from fullconn on.',
    file: 'src/backend.c', line: '1025-1058', also: [{ file: 'src/queue.c', line: '420-471' }, { file: 'src/backend.c', line: '688-697' }, { file: 'src/queue.c', line: '103-124' }],
  },
  mQ2: {
    name: 'A slot is free: the first waiting request goes on',
    explain:
      'When a stream gives its slot back, the server takes the older of the first request of its own queue and the first of the backend\u2019s (a tie goes to its own; the backend\u2019s only if balancing may pick this server), ' +
      'as long as it has room. The request goes straight to this server without balancing again, then looks for a connection to reuse as any other.',
    file: 'src/queue.c', line: '357-399', also: [{ file: 'src/queue.c', line: '263-303' }, { file: 'src/backend.c', line: '2063-2068' }],
  },
  mQ3: {
    name: 'Queue timeout: the client gets a 503',
    explain: 'A request that waited `timeout queue` (else the backend\u2019s `timeout connect`) without a slot leaves the queue and gets a 503 (termination flags sQ).',
    file: 'src/backend.c', line: '2074-2095', also: [{ file: 'src/backend.c', line: '1926' }, { file: 'src/http_ana.c', line: '4877-4880' }, { file: 'src/cfgparse.c', line: '3368-3369' }],
  },
  mL1: {
    name: 'Retry of the request at layer 7 (retry-on)',
    explain:
      'With `retry-on`, a response HAProxy may retry — a status it lists, a server connection closed before the response (`empty-response`), no response within ' +
      '`timeout server` (`response-timeout`) — is not passed on: the request is sent again at once, on a connection the usual way, counting with the failed connections ' +
      'against `retries` (the count reaching `retries` ends it: the last attempt\u2019s outcome stands). With `option redispatch` it may go to another server.',
    file: 'src/http_ana.c', line: '1233-1285', also: [{ file: 'src/http_ana.c', line: '1377-1392' }, { file: 'src/http_ana.c', line: '1431-1441' }, { file: 'src/http_ana.c', line: '1500-1506' }, { file: 'src/stream.c', line: '2233-2238' }, { file: 'include/haproxy/stream.h', line: '315-351' }],
  },
  mQ4: {
    name: 'Server queue full (maxqueue): a 503, or balancing again',
    explain:
      'A full server whose queue already holds `maxqueue` requests takes no more: a request that named the server itself (use-server, a persistence cookie) is balanced again with `option redispatch`; ' +
      'otherwise HAProxy answers 503 (termination flags SQ).',
    file: 'src/backend.c', line: '1038-1039', also: [{ file: 'src/backend.c', line: '1886-1915' }, { file: 'src/http_ana.c', line: '4882-4885' }],
  },
  mI2: {
    name: 'Periodic purge',
    explain: 'Every pool-purge-delay (5 s by default) the server closes about half of its pooled connections in excess of the larger of the peak in use since the last purge and its estimated need (up to 2.8 idle ones before safe ones; since 2.9 the oldest pooled first), and halves that estimate towards the peak.',
    file: 'src/server.c', line: '5878-5960',
  },
};

/**
 * Routing and HAProxy's own answers, at v2.6.0 (every engine applies them: the simulation's
 * configurations use nothing that differs at the 1.9-dev commits).
 */
const ROUTING: Record<(typeof ROUTING_DECISIONS)[number], Entry> = {
  B1: {
    name: 'use_backend rule',
    explain:
      "The frontend's `use_backend` rules are tried in order; the first whose condition holds chooses the backend. " +
      'A backend name written as a log-format (`b_%[req.hdr(host),lower]`) is built for this request; if it names no backend, the rules stop and the default backend applies.',
    file: 'src/stream.c', line: '1039-1074',
  },
  B2: {
    name: 'default_backend',
    explain: 'No use_backend rule took the request: it goes to the default_backend — or, in a listen section, to the listen itself.',
    file: 'src/stream.c', line: '1076-1081',
  },
  B3: {
    name: 'Only backend',
    explain: 'With no frontend in the scenario, the single backend (or listen) receives every request.',
    file: 'src/stream.c', line: '1076-1081',
  },
  B4: {
    name: 'No backend, so HAProxy answers 503',
    explain:
      'A frontend without default_backend whose rules took nothing keeps the request itself, and a frontend has no server: HAProxy answers 503 Service Unavailable.',
    file: 'src/stream.c', line: '1076-1081', also: [{ file: 'src/http_ana.c', line: '4864-4925' }],
  },
  B5: {
    name: 'Backend without server, so HAProxy answers 503',
    explain: 'The chosen backend has no server (nor dispatch): no server is available, and HAProxy answers 503 Service Unavailable without connecting anywhere.',
    file: 'src/backend.c', line: '1916-1923', also: [{ file: 'src/http_ana.c', line: '4864-4925' }],
  },
  H1: {
    name: 'Stats page',
    explain:
      "The request's path starts with the proxy's `stats uri` (default `/haproxy?stats`) and its method is GET, HEAD or POST: HAProxy's stats applet answers 200 itself (401 when `stats auth` is set and no credentials came).",
    file: 'src/http_ana.c', line: '431-460', also: [{ file: 'src/http_ana.c', line: '3928-3957' }],
  },
  H2: {
    name: 'http-request deny',
    explain: 'An `http-request deny` rule whose condition holds ends the request with its deny_status (403 by default); the request never reaches a backend.',
    file: 'src/http_act.c', line: '1173-1230', also: [{ file: 'src/http_ana.c', line: '2852-2858' }],
  },
  H3: {
    name: 'http-request return',
    explain: 'An `http-request return` rule answers with its own status (200 by default) and body, without a server.',
    file: 'src/http_act.c', line: '2285-2300',
  },
  H4: {
    name: 'Redirect',
    explain: 'An `http-request redirect` or `redirect` rule whose condition holds answers with a redirection (302 unless `code` says 301, 303, 307 or 308) and a Location header.',
    file: 'src/http_ana.c', line: '2349-2360', also: [{ file: 'src/http_rules.c', line: '325-400' }],
  },
  H5: {
    name: 'http-request auth',
    explain: 'An `http-request auth` rule whose condition holds asks for credentials: HAProxy answers 401 with WWW-Authenticate. (The simulation takes any Authorization header as valid.)',
    file: 'src/http_act.c', line: '1231-1262',
  },
  H6: {
    name: 'http-request tarpit',
    explain:
      'An `http-request tarpit` rule whose condition holds holds the request, without a server, for the `timeout tarpit` of the proxy that runs the rule ' +
      "(else its `timeout connect`; a frontend does not inherit that one from defaults, so without `timeout tarpit` it answers at once), then answers 500 (or its deny_status). The client connection stays open.",
    file: 'src/http_ana.c', line: '520-549', also: [{ file: 'src/http_ana.c', line: '829-869' }, { file: 'src/cfgparse.c', line: '3362-3367' }, { file: 'src/http_act.c', line: '1173-1190' }],
  },
  H7: {
    name: 'http-request reject',
    explain: 'An `http-request reject` rule whose condition holds closes the client connection at once, without any response (over HTTP/2 the whole connection, every stream on it).',
    file: 'src/http_act.c', line: '712-739',
  },
  H8: {
    name: 'http-request rewrite',
    explain:
      'An `http-request` rule whose condition holds changes the request: `set-header`/`add-header` (the value is built from the request as it was, then every header of that name goes for set-header), ' +
      '`del-header`, `set-method`, `set-path` (the query stays), `set-pathq`, `set-query`, `set-uri` (an absolute URI also sets Host), or `replace-path`/`replace-pathq`/`replace-uri`, whose regex, when it matches, ' +
      'makes the whole part the replacement with its \\1…\\9; `replace-header` does the same to each line of a header, `replace-value` to each of its comma-separated values. The rules after it, use_backend and the backend read the changed request.',
    file: 'src/http_act.c', line: '95-152',
    also: [{ file: 'src/http_act.c', line: '519-593' }, { file: 'src/http_act.c', line: '1423-1484' }, { file: 'src/http_act.c', line: '1663-1703' }, { file: 'src/http_htx.c', line: '370-485' }, { file: 'src/regex.c', line: '26-92' }, { file: 'src/http_ana.c', line: '2644-2662' }],
  },
  H9: {
    name: 'http-request use-service',
    explain:
      'An `http-request use-service` rule whose condition holds hands the request to one of HAProxy\'s applets, which answers it without a server: ' +
      'the Prometheus exporter answers every method with 200 and its metrics, or 400 when the query string does not parse (a `scope` without a value or of an unknown name). ' +
      'A Lua service (`lua.NAME`) runs a script the simulation cannot run: its answer is taken as 200. The client connection stays open.',
    file: 'src/stream.c', line: '984-1019',
    also: [{ file: 'src/stream.c', line: '3058-3089' }, { file: 'addons/promex/service-prometheus.c', line: '1356-1463' }],
  },
  H10: {
    name: 'monitor-uri',
    explain:
      "The request is for the frontend's `monitor-uri` (a URI starting with / compared with the request's path, any other with the whole URI): HAProxy answers it itself, before any " +
      'http-request rule, with 200 — or 503 when one of its `monitor fail if|unless COND` conditions holds. A frontend takes the monitor-uri of its defaults. The client connection stays open.',
    file: 'src/http_ana.c', line: '201-247',
    also: [{ file: 'src/cfgparse-listen.c', line: '518-537' }, { file: 'src/cfgparse-listen.c', line: '2508-2540' }, { file: 'src/proxy.c', line: '1757-1758' }],
  },
  H11: {
    name: 'tcp-request connection reject',
    explain:
      'When a connection is accepted, the frontend\u2019s `tcp-request connection` rules run in order, before any session or stream exists: the first whose condition holds decides, ' +
      'and `reject` closes the connection at once with a reset (session.c 183-189). The client\u2019s requests are never read. A condition reads only the connection (`src`, `dst_port`).',
    file: 'src/tcp_rules.c', line: '477-560', also: [{ file: 'src/session.c', line: '183-189' }],
  },
  H12: {
    name: 'tcp-request content reject',
    explain:
      'When a stream starts — in mode http with each request, in mode tcp when the client connects — the `tcp-request content` rules of the frontend, then of the backend, run in order before any HTTP rule: ' +
      'the first whose condition holds decides, and `reject` closes the client connection without an answer (`accept` lets the stream go on). ' +
      'In mode http the condition may read the request; in mode tcp the connection and its first bytes (with `tcp-request inspect-delay`).',
    file: 'src/tcp_rules.c', line: '96-262',
  },
  U1: {
    name: 'use-server rule',
    explain: "The backend's `use-server NAME if COND` rules are tried in order; the first that holds fixes the server, so no load balancing runs (the explicit target of rule A0).",
    file: 'src/stream.c', line: '1159-1205',
  },
  U2: {
    name: 'Persistence cookie',
    explain:
      "With `cookie NAME insert` in the backend, a request that brings cookie NAME goes to the first server whose `cookie VALUE` it holds, if that server is up: the stream is then assigned and direct, " +
      'so load balancing does not run, and its connection reuse is that of a fixed server. A cookie for a server that is down, or for none, leaves the request to load balancing. ' +
      'Cookies are read after the use-server rules (their analyser runs first) and ignored for a stream a rule assigned: a rule wins. ' +
      'The same rules are in proto_http.c (6490-6515) at 7c6f8b146.',
    file: 'src/http_ana.c', line: '3380-3404',
    also: [{ file: 'src/stream.c', line: '1953-1954' }, { file: 'src/http_ana.c', line: '636-638' }],
  },
  U3: {
    name: 'Persistence cookie set',
    explain:
      "With `cookie NAME insert`, the response to a request that was not sent direct (no valid cookie, no use-server rule) carries Set-Cookie NAME=VALUE, the `cookie` value of the server that answered — " +
      'or a Set-Cookie that deletes NAME when that server has none; with `postonly`, only for a POST. The emulated client keeps it, as a browser does, and sends it with its next requests. ' +
      'The same rule is in proto_http.c (5310-5317) at 7c6f8b146.',
    file: 'src/http_ana.c', line: '1883-1903',
  },
  U4: {
    name: 'Stick table: the server stored for the key',
    explain:
      "With a `stick-table` and `stick on|match PATTERN` in the backend, a request whose key (the pattern's value: the client's address for `src`) is in the table goes to the server stored for it, " +
      'if that server is up: the stream is assigned and direct, and load balancing does not run. A use-server rule, a persistence cookie or an explicit target comes first. ' +
      'The table may be another proxy\u2019s (`table NAME`), shared by several backends: its entry names a server, and each backend takes its own server of that name (1212-1262). ' +
      'The entry lives `expire` longer from each use. The same rules are in stream.c (1431-1524) at 7c6f8b146.',
    file: 'src/stream.c', line: '1269-1339',
  },
  U5: {
    name: 'Stick table: the key is stored',
    explain:
      'With `stick on` or `stick store-request`, the response stores the request\u2019s key with the server that answered (the first such rule of the table), or refreshes it; ' +
      'with `stick store-response res.cook(NAME)`, the value of the cookie the server\u2019s response sets (a session the application starts): ' +
      'later requests with that key go to that server (U4) until the entry expires. The same rules are in stream.c (1530-1626) at 7c6f8b146.',
    file: 'src/stream.c', line: '1345-1455',
  },
  FE1: {
    name: 'Listener full: the connection waits in the backlog',
    explain:
      "A client connects while its frontend already holds its `maxconn` client connections (or the process its global `maxconn`): the listener stops accepting. " +
      'The system has completed the handshake, so the client sends its requests, but HAProxy reads nothing of them until one of those connections closes. ' +
      'The same checks are in listener_accept (listener.c 534-543) at 7c6f8b146.',
    file: 'src/listener.c', line: '901-927', also: [{ file: 'src/listener.c', line: '1180-1195' }],
  },
  FE2: {
    name: 'Accepted from the backlog',
    explain:
      'A client connection of the full frontend (or process) was freed: the listener resumes and accepts the oldest connection waiting in its backlog, ' +
      'whose session starts now and reads the requests its client already sent. The same release is in listener_release (listener.c 681-698) at 7c6f8b146.',
    file: 'src/listener.c', line: '1202-1222', also: [{ file: 'src/session.c', line: '71' }],
  },
  TC1: {
    name: 'Mode tcp: routed and connected when the client connects',
    explain:
      'A frontend in `mode tcp` runs its switching rules (`use_backend`, `default_backend`) as soon as the client connection is accepted, reading what the connection says (its address, its port, its TLS name), not a request; ' +
      'with no analyser left, the stream connects at once to the server load balancing picks (a `balance` on a request field, `uri`, `url_param`, `hdr`, finds no key and goes round the servers). ' +
      'That connection is the stream\u2019s alone: a stream that is not HTTP never looks for an idle connection (backend.c 1369-1372), and `http-reuse` is turned off in a proxy that is not HTTP (cfgparse.c 3708-3709). ' +
      'The same holds at 7c6f8b146.',
    file: 'src/stream.c', line: '2171-2181',
    also: [{ file: 'src/cfgparse.c', line: '3735-3736' }, { file: 'src/backend.c', line: '1369-1372' }, { file: 'src/backend.c', line: '804-810' }],
  },
  TC2: {
    name: 'Mode tcp: bytes on the stream\u2019s one connection',
    explain:
      'In `mode tcp` HAProxy reads no request: what the client sends is forwarded as it comes on the server connection made when the client connected, and the server\u2019s answer comes back the same way. ' +
      'No transaction, no connection mode, no server chosen per request: every request of the client connection goes to the same server on the same connection.',
    file: 'src/stream.c', line: '2183-2200',
  },
  TC3: {
    name: 'Mode tcp: one side closes, so does the other',
    explain:
      'When the client closes (or times out), HAProxy closes the server side too; when the server closes, HAProxy closes the client connection. ' +
      'The stream then ends, and its server connection is destroyed with it: a pass-through connection with no stream left is never kept idle (mux_pt.c 435-443).',
    file: 'src/stream.c', line: '2179-2181', also: [{ file: 'src/mux_pt.c', line: '426-446' }],
  },
  HC1: {
    name: 'Health check: a result counted',
    explain:
      'A server with `check` is checked on its own timer: a connection to it (an HTTP request with `option httpchk`, passed by a 2xx or 3xx answer). ' +
      'Each result moves the server\u2019s health counter, from 0 to rise + fall - 1: a server is UP while it is at least `rise`. A passed check counts one up (reaching `rise`, it jumps to the top: fully up); ' +
      'a failed one counts one down, and below `rise` it drops to 0. A server starts at `rise`: UP, and one failed check takes it down. ' +
      'The next check starts `inter` after this one ended while the server is fully up or fully down (`downinter` when set), `fastinter` (when set) while it is changing state. ' +
      'The first checks are spread: the n-th checked server of the configuration starts at n × inter / (checked servers). The same at 7c6f8b146 (checks.c 230-280, 2304-2330).',
    file: 'src/check.c', line: '434-525',
    also: [{ file: 'src/server.c', line: '97-110' }, { file: 'src/server.c', line: '484' }, { file: 'src/check.c', line: '1375-1402' }, { file: 'src/check.c', line: '1219-1231' }],
  },
  HC2: {
    name: 'Health check: the server is marked DOWN',
    explain:
      'A failed check left the health counter at 0: the server is DOWN. Load balancing skips it from now on (it leaves the round-robin wheel, the hash map or ring, the leastconn tree), ' +
      'a persistence cookie, a stick table entry or a `use-server` rule naming it no longer sends a request there, and requests waiting in its queue that may go elsewhere are handed back to the backend (pendconn_redistribute). ' +
      'Requests already on it go on, and its idle connections stay in their lists (no `on-marked-down shutdown-sessions`).',
    file: 'src/check.c', line: '543-564',
    also: [{ file: 'src/server.c', line: '5165-5200' }, { file: 'src/queue.c', line: '477-510' }],
  },
  HC3: {
    name: 'Health check: the server is marked UP',
    explain:
      'A passed check brought the health counter of a DOWN server up to `rise`: the server is UP again and load balancing takes it back (at roundrobin it rejoins the wheel where a server of its weight would be placed now, lb_fwrr.c 108-153).',
    file: 'src/check.c', line: '575-596',
    also: [{ file: 'src/server.c', line: '5226-5250' }, { file: 'src/lb_fwrr.c', line: '108-153' }],
  },
  HC4: {
    name: 'Health check: the server drains (NOLB)',
    explain:
      'With `http-check disable-on-404`, a check of a server that is not DOWN answered 404: the check passes on condition, and the server goes to the stopping state (NOLB). ' +
      'Load balancing leaves it out as if it were DOWN, but what names it still gets there: a persistence cookie, a stick table entry, a `use-server` rule. Its connections and its clients\u2019 sessions go on: a graceful drain. ' +
      'A check that answers 2xx or 3xx again brings it back (HC3); failed checks take it DOWN as usual. The same at 7c6f8b146 (checks.c httpchk_expect and check_notify_stopping).',
    file: 'src/check.c', line: '601-625',
    also: [{ file: 'src/tcpcheck.c', line: '1678-1685' }, { file: 'src/server.c', line: '5252-5280' }],
  },
};

function build(): Record<DecisionId, DecisionInfo> {
  const out = {} as Record<DecisionId, DecisionInfo>;
  for (const id of SEED_DECISIONS) out[id] = { id, ...SEED[id], commit: COMMITS.seed, engine: 'seed' };
  for (const id of PARENT_DECISIONS) out[id] = { id, ...PARENT[id], commit: COMMITS.parent, engine: 'parent' };
  for (const id of MODERN_DECISIONS) out[id] = { id, ...MODERN[id], commit: COMMITS.modern, engine: 'modern' };
  for (const id of ROUTING_DECISIONS) out[id] = { id, ...ROUTING[id], commit: COMMITS.modern, engine: 'routing' };
  for (const id of WORLD_DECISIONS) {
    out[id] = {
      id,
      name: 'The emulated world',
      explain:
        'Something the simulated clients, servers or clock did — a request sent, a response, a client or server closing, time passing. ' +
        "It is an input to HAProxy, not a decision of HAProxy's code.",
      file: '',
      line: '',
      commit: '',
      engine: 'world',
    };
  }
  return out;
}

export const DECISIONS: Record<DecisionId, DecisionInfo> = build();

/**
 * Link to the first source range of a rule at its commit, e.g.
 * https://github.com/haproxy/haproxy/blob/<commit>/src/backend.c#L1067-L1071. Null for 'W'.
 */
export function sourceUrl(id: DecisionId): string | null {
  const info = DECISIONS[id];
  if (!info || !info.file || !info.commit) return null;
  const m = /^(\d+)(?:-(\d+))?/.exec(info.line.trim());
  const anchor = m ? (m[2] ? `#L${m[1]}-L${m[2]}` : `#L${m[1]}`) : '';
  return `${REPOSITORY_URL}/blob/${info.commit}/${info.file}${anchor}`;
}

/** Seed gaps flagged in traces (§6.1). */
export const GAPS: Record<Gap, { name: string; explain: string }> = {
  G1: {
    name: 'Orphan after a refused swap',
    explain:
      'When a session takes a connection from another session but cannot give its own old one in exchange (it is private or busy), ' +
      'the old connection is neither closed nor held by anyone. It stays open and listed until the server closes it or some other session picks it. ' +
      'Fixed in v1.9-dev9, where such a connection is destroyed and later kept by its session.',
  },
  G2: {
    name: 'Orphan when reuse is cancelled',
    explain:
      'With `usesrc hdr_ip(...)`, or when the target is not a server, the session opens a new connection while still pointing at its old one as "chosen", ' +
      'so the old connection is never closed: each such request leaves one open connection behind. Gone with the per-target session lists of v1.9-dev9.',
  },
  G3: {
    name: 'One connection per session',
    explain:
      'A session remembers a single server connection. With concurrent HTTP/2 streams only the last one opened survives, and moving to another server closes the previous connection. ' +
      'HAProxy 1.9.0 keeps several per session, later releases an unlimited number.',
  },
  G4: {
    name: 'HTTP/2 requests always count as first',
    explain:
      'Every HTTP/2 request starts a fresh stream and transaction, so none is a follow-up request. Under `safe` h2 clients never share connections, ' +
      'and their connections always go to the idle list, never the safe one. Changed in v1.9-dev11.',
  },
  G9: {
    name: 'Keeping a connection the server just closed',
    explain:
      'If the server closes a connection just as its transaction ends, HAProxy destroys it and then still tries to put it in a list (a use-after-free in the real code). ' +
      'The simulation shows it as destroyed and not listed. Fixed in v1.9-dev11.',
  },
};
