/**
 * Where HAProxy 2.6 (and, where checked, 2.8 or 3.0) does what a shared decision names. The entries of
 * ./catalog.ts for A0, A2, C1, … cite the seed commit; the modern engine emits the same ids, and
 * a modern run's event must point at the release it follows, not at 7c6f8b146. Each range below
 * was read in the tagged tree (`git show v2.6.0:src/…`); the function is named in `fn`.
 * Also the per-engine resolution of a shared id: sourceForEvent and explainForEvent (the parent's
 * places are in ./catalog-parent.ts).
 */
import { COMMITS, DECISIONS, REPOSITORY_URL, type SourceRef } from './catalog';
import { PARENT_SOURCES } from './catalog-parent';
import type { DecisionId } from './decisions';

const COMMIT_V28 = COMMITS.modern28;
const COMMIT_V30 = COMMITS.modern30;
const COMMIT_V32 = COMMITS.modern32;
const COMMIT_V34 = COMMITS.modern34;

export interface ReleaseCite {
  readonly file: string;
  /** Line range(s), first one linked, e.g. `1270-1286, 1192-1198`. */
  readonly line: string;
  /** The function holding the first range. */
  readonly fn: string;
  readonly also?: readonly SourceRef[];
  /** How the release differs from the seed's rule of the same id, when it does. */
  readonly note?: string;
  /** The modern engine's own explanation (every release it follows), where the seed's does not hold. */
  readonly explain?: string;
}

/** Shared decisions the modern engine emits, at v2.6.0 (COMMITS.modern). */
export const MODERN_SOURCES: Readonly<Partial<Record<DecisionId, ReleaseCite>>> = {
  A0: { file: 'src/stream.c', line: '1191-1198', fn: 'process_server_rules' },
  A2: { file: 'src/backend.c', line: '681-842', fn: 'assign_server' },
  C1: {
    file: 'src/mux_h1.c', line: '1270-1286, 1192-1198', fn: 'h1_set_srv_conn_mode',
    explain:
      "HAProxy's HTTP/1 multiplexer sets the server side's mode: `option http-server-close` or `option httpclose` in the frontend or the backend makes it close " +
      "(since 2.8 the frontend's httpclose no longer counts here: it closes the client connection only), and so does a request saying `Connection: close`; otherwise it stays keep-alive. " +
      'Only keep-alive transactions can leave a server connection open for later reuse.',
    note: 'In 2.6 the HTTP/1 multiplexer sets the mode per side: the server side from both proxies\u2019 options, the client side from the request (h1_set_cli_conn_mode).',
  },
  C2: {
    file: 'src/mux_h1.c', line: '1258-1268', fn: 'h1_set_srv_conn_mode',
    explain:
      'The server answered with `Connection: close`, as HTTP/1.0 without keep-alive, or without a known length, so the HTTP/1 multiplexer switches the server side of this keep-alive transaction to close: ' +
      'the server connection is closed as soon as the response is complete.',
  },
  C3: { file: 'src/backend.c', line: '2290-2429', fn: 'back_handle_st_cer' },
  P3: { file: 'src/http_ana.c', line: '1665-1698', fn: 'http_wait_for_response' },
  T1: {
    file: 'src/mux_h2.c', line: '1602-1639', fn: 'h2c_frt_stream_new',
    explain:
      'Each HTTP/2 request gets a new stream with a fresh transaction. The HTTP/2 multiplexer marks every stream it creates as not the first of its connection, ' +
      'so each HTTP/2 request counts as a subsequent one when the server pools are searched (mR4a).',
    note: 'In 2.6 the new stream\u2019s endpoint is flagged SE_FL_NOT_FIRST (line 1623).',
  },
  T2: {
    file: 'src/mux_h2.c', line: '4377-4397', fn: 'h2_detach',
    explain:
      'An HTTP/2 stream closes right after its single transaction; the client connection stays open for the next one. ' +
      'Its server connection was let go when the transaction ended (kept by the session if private, else pooled or left available to others, by rules mD1 to mD3), so the end of the stream does not touch it.',
  },
  T3: {
    file: 'src/mux_h1.c', line: '907-913, 679-698', fn: 'h1s_destroy',
    explain:
      "An HTTP/1 client connection waits for its next request under `timeout http-keep-alive` (`timeout http-request` before its first request, or when no keep-alive timeout is set), " +
      'never longer than `timeout client`, all of the frontend it entered; without `timeout client` it has no timer at all and stays open. ' +
      'It ends when the client closes, when that timeout expires, or after a transaction in close mode.',
    also: [{ file: 'src/mux_h1.c', line: '618-635' }, { file: 'src/mux_h1.c', line: '986' }],
    note: 'In 2.6 no stream waits: the stream ends with its transaction and the idle client connection waits for the next request (h1_set_idle_expiration picks the timeout).',
  },
};

/** The places checked again at v2.8.0 (what changed from 2.6); the others are cited at v2.6.0 and say so. */
export const MODERN_28_SOURCES: Readonly<Partial<Record<DecisionId, ReleaseCite>>> = {
  // The queues (server maxconn): the same rules, moved.
  mQ1: { file: 'src/backend.c', line: '1018-1051', fn: 'assign_server_and_queue', also: [{ file: 'src/queue.c', line: '428-479' }, { file: 'src/queue.c', line: '103-124' }] },
  mQ2: {
    file: 'src/queue.c', line: '357-407', fn: 'process_srv_queue',
    note: 'Since 2.8 one call takes at most tune.maxpollevents waiting streams (lines 383-395); the simulation, whose queues are short, takes them all.',
  },
  mQ3: { file: 'src/backend.c', line: '2071-2092', fn: 'back_try_conn_req' },
  mQ4: { file: 'src/backend.c', line: '1031-1032', fn: 'assign_server_and_queue', also: [{ file: 'src/backend.c', line: '1883-1912' }] },
  // The descriptor thresholds of the pools (global maxconn): the same rules, moved.
  mI1: { file: 'src/server.c', line: '5981-6043', fn: 'srv_add_to_idle_list', also: [{ file: 'src/haproxy.c', line: '2592-2593' }] },
  mI3: { file: 'src/backend.c', line: '1489-1513', fn: 'connect_server', also: [{ file: 'src/haproxy.c', line: '1421-1443' }] },
  C1: {
    file: 'src/mux_h1.c', line: '1230-1245, 1152-1159', fn: 'h1_set_srv_conn_mode',
    note: 'Since commit d17dd848c (v2.8-dev5) the frontend\u2019s `option httpclose` no longer forces close on the server side (lines 1237-1240): it closes the client connection only (h1_set_cli_conn_mode, lines 1144-1145), and the server connection follows the backend\u2019s mode.',
  },
};

/** The few places checked again at v3.0.0; the others are cited at v2.6.0 and say so. */
export const MODERN_30_SOURCES: Readonly<Partial<Record<DecisionId, ReleaseCite>>> = {
  mP2: {
    file: 'src/backend.c', line: '1374-1378', fn: 'connect_server', also: [{ file: 'src/server.c', line: '3582-3588' }],
    note: 'Since 3.0 the hash holds the `pool-conn-name` value, which is the `sni` expression when none is written (server.c:3582-3588).',
  },
  A0: { file: 'src/stream.c', line: '1206-1212', fn: 'process_server_rules' },
  A2: { file: 'src/backend.c', line: '674-838', fn: 'assign_server' },
  P3: { file: 'src/http_ana.c', line: '1566-1605', fn: 'http_wait_for_response' },
  C1: {
    file: 'src/mux_h1.c', line: '1481-1496, 1403-1410', fn: 'h1_set_srv_conn_mode',
    note: 'As in 2.8 (commit d17dd848c), the frontend\u2019s `option httpclose` is no longer among the options that force close on the server side (lines 1488-1491): it closes the client connection only.',
  },
  C2: { file: 'src/mux_h1.c', line: '1469-1479', fn: 'h1_set_srv_conn_mode' },
  C3: { file: 'src/backend.c', line: '2336-2471', fn: 'back_handle_st_cer' },
  T1: { file: 'src/mux_h2.c', line: '1657-1709', fn: 'h2c_frt_stream_new' },
  T2: { file: 'src/mux_h2.c', line: '4774-4794', fn: 'h2_detach' },
  T3: {
    file: 'src/mux_h1.c', line: '659-662, 681', fn: 'h1_refresh_timeout',
    note: 'Since 2.9 (commit 2c9c2f9d7) an idle front connection waits `timeout http-keep-alive` (or `timeout http-request`) alone, no longer capped by `timeout client`, which applies only when neither is set; still no timer without `timeout client` (h1_init, line 1196).',
  },
  mQ1: { file: 'src/backend.c', line: '1021-1054', fn: 'assign_server_and_queue', also: [{ file: 'src/queue.c', line: '428-479' }, { file: 'src/queue.c', line: '103-124' }] },
  mQ2: { file: 'src/queue.c', line: '357-407', fn: 'process_srv_queue', note: 'As in 2.8, one call takes at most tune.maxpollevents waiting streams (lines 383-395).' },
  mQ3: { file: 'src/backend.c', line: '2121-2142', fn: 'back_try_conn_req' },
  mQ4: { file: 'src/backend.c', line: '1034-1035', fn: 'assign_server_and_queue', also: [{ file: 'src/backend.c', line: '1933-1962' }] },
  mD8: {
    file: 'src/stream.c', line: '2286-2291', fn: 'process_stream', also: [{ file: 'src/stream.c', line: '2352-2356' }, { file: 'src/backend.c', line: '2004-2009' }],
    note: 'Since 3.0 (commit 5ff7d2276) the backend\u2019s option alone makes the client\u2019s connection keep being read as the request goes to the server (lines 2286-2291): an HTTP/1 client\u2019s close is seen too.',
  },
  mI1: { file: 'src/server.c', line: '6931-7004', fn: 'srv_add_to_idle_list', also: [{ file: 'src/haproxy.c', line: '2671-2672' }] },
  mI2: {
    file: 'src/server.c', line: '7006-7095', fn: 'srv_cleanup_idle_conns', also: [{ file: 'src/server.c', line: '6799-6815' }, { file: 'src/server.c', line: '6916-6926' }],
    note: 'Since 2.9 (commit 5afcb686b) the purge closes the head of the server\u2019s idle_conn_list (srv_migrate_conns_to_remove, lines 6799-6815), idle and safe connections in the order they were pooled: the oldest pooled first, no longer the idle tree before the safe one.',
  },
  mL1: { file: 'src/http_ana.c', line: '1126-1178', fn: 'do_l7_retry', note: 'With the count checked before it is incremented (41ade746c, 2.8; in 2.6.12 too): `retries N` gives N L7 retries.' },
  mI3: {
    file: 'src/backend.c', line: '1536-1560', fn: 'connect_server', also: [{ file: 'src/server.c', line: '6916-6926' }, { file: 'src/haproxy.c', line: '1481-1503' }],
    note: 'In 3.0 the connection closed is the head of the server’s idle_conn_list, where idle and safe connections are kept in the order they were pooled: the oldest pooled one, safe or not.',
  },
};

/**
 * The places read again at v3.2.0 (what changed from 3.0, and where the rules cited for 3.0 sit
 * now); the others are cited at v2.6.0 and say so.
 */
export const MODERN_32_SOURCES: Readonly<Partial<Record<DecisionId, ReleaseCite>>> = {
  mI4: { file: 'src/backend.c', line: '1910-1944', fn: 'connect_server', also: [{ file: 'src/backend.c', line: '1506-1562' }], note: '`strict-maxconn` came in 3.2 (706b00842).' },
  mP3: { file: 'src/backend.c', line: '1240-1248', fn: 'alloc_bind_address', note: 'Since 3.2 (7b6df86a8) `usesrc clientip` leaves the client\u2019s port out of the hash: connections are shared by the client connections from one address.' },
  A0: { file: 'src/stream.c', line: '1230-1236', fn: 'process_server_rules' },
  A2: {
    file: 'src/backend.c', line: '674-838', fn: 'assign_server', also: [{ file: 'src/lb_fwlc.c', line: '737-871' }],
    note: 'Since 3.2 (commit 9fe72bba3) leastconn keeps the servers of one load in lists chosen at random and starts each lookup at a random one: among equally loaded servers the pick is random, drawn here from the run’s seed.',
  },
  P3: { file: 'src/http_ana.c', line: '1609-1649', fn: 'http_wait_for_response' },
  C1: { file: 'src/mux_h1.c', line: '1567-1582, 1489-1496', fn: 'h1_set_srv_conn_mode', note: 'As in 2.8: the frontend’s `option httpclose` closes the client connection only (lines 1574-1577).' },
  C2: { file: 'src/mux_h1.c', line: '1555-1565', fn: 'h1_set_srv_conn_mode' },
  C3: { file: 'src/backend.c', line: '2668-2803', fn: 'back_handle_st_cer' },
  T1: { file: 'src/mux_h2.c', line: '2029-2083', fn: 'h2c_frt_stream_new' },
  T2: { file: 'src/mux_h2.c', line: '5467-5487', fn: 'h2_detach' },
  T3: {
    file: 'src/mux_h1.c', line: '698-770', fn: 'h1_refresh_timeout', also: [{ file: 'src/mux_h1.c', line: '1284-1292' }],
    note: 'Since 3.1 (commit 3c09b3432) every client connection has its timer: `timeout http-keep-alive` and `timeout http-request` apply without `timeout client`.',
  },
  mQ1: { file: 'src/backend.c', line: '1034-1166', fn: 'assign_server_and_queue', also: [{ file: 'src/queue.c', line: '553-608' }, { file: 'src/queue.c', line: '103-124' }] },
  mQ2: { file: 'src/queue.c', line: '384-532', fn: 'process_srv_queue', note: 'As in 2.8, one call takes at most tune.maxpollevents waiting streams (lines 423 and 488).' },
  mQ3: { file: 'src/backend.c', line: '2453-2474', fn: 'back_try_conn_req' },
  mQ4: { file: 'src/backend.c', line: '1063-1064', fn: 'assign_server_and_queue', also: [{ file: 'src/backend.c', line: '2256-2284' }] },
  mD8: {
    file: 'src/stream.c', line: '2342-2348', fn: 'process_stream', also: [{ file: 'src/stream.c', line: '2408-2412' }, { file: 'src/backend.c', line: '2336-2341' }],
    note: 'As in 3.0 (commit 5ff7d2276): the backend\u2019s option alone makes HAProxy see an HTTP/1 client\u2019s close.',
  },
  mI1: { file: 'src/server.c', line: '7200-7263', fn: 'srv_add_to_idle_list', also: [{ file: 'src/haproxy.c', line: '2266-2267' }] },
  mI2: {
    file: 'src/server.c', line: '7275-7364', fn: 'srv_cleanup_idle_conns', also: [{ file: 'src/server.c', line: '7068-7084' }],
    note: 'As in 3.0: the oldest pooled connection first, idle or safe (idle_conn_list, since 2.9: 5afcb686b).',
  },
  mL1: { file: 'src/http_ana.c', line: '1163-1215', fn: 'do_l7_retry', note: 'With the count checked before it is incremented (41ade746c, 2.8; in 2.6.12 too): `retries N` gives N L7 retries.' },
  mI3: {
    file: 'src/backend.c', line: '1845-1897', fn: 'connect_server', also: [{ file: 'src/server.c', line: '7185-7195' }, { file: 'src/limits.c', line: '200-226' }],
    note: 'As in 3.0: the head of the server’s idle_conn_list (line 1851), idle and safe connections in the order they were pooled.',
  },
};

/** What the why panel shows as the source of one event. */
export interface EventSource {
  readonly file: string;
  readonly line: string;
  readonly commit: string;
  readonly fn?: string;
  readonly note?: string;
  /** GitHub link to the first range; null when there is nothing to link. */
  readonly url: string | null;
}

function urlOf(commit: string, file: string, line: string): string {
  const m = /^(\d+)(?:-(\d+))?/.exec(line.trim());
  const anchor = m ? (m[2] ? `#L${m[1]}-L${m[2]}` : `#L${m[1]}`) : '';
  return `${REPOSITORY_URL}/blob/${commit}/${file}${anchor}`;
}

function cite(c: ReleaseCite, commit: string, note?: string): EventSource {
  const notes = [c.note, note].filter(Boolean).join(' ');
  return { file: c.file, line: c.line, commit, fn: c.fn, ...(notes ? { note: notes } : {}), url: urlOf(commit, c.file, c.line) };
}

/**
 * The places read at v3.4.0 for what changed since 3.2 (all in 3.3); the others are cited at
 * v2.6.0 and say so.
 */
export const MODERN_34_SOURCES: Readonly<Partial<Record<DecisionId, ReleaseCite>>> = {
  mI4: { file: 'src/backend.c', line: '1948-1981', fn: 'connect_server', also: [{ file: 'src/backend.c', line: '1532-1575' }] },
  mP2: {
    file: 'src/backend.c', line: '1846-1855', fn: 'connect_server', also: [{ file: 'src/server.c', line: '3384-3399' }, { file: 'src/proxy.c', line: '2583-2597' }],
    note: 'Since 3.3 only a TLS server\u2019s SNI names its connections (f8f94ffc9), and a TLS server without `sni` in an HTTP backend takes `req.hdr(host),field(1,:)` (668916c1a, proxy.c:2583-2597).',
  },
  mP3: { file: 'src/backend.c', line: '1271-1279', fn: 'alloc_bind_address', note: 'Since 3.2 (7b6df86a8) `usesrc clientip` leaves the client\u2019s port out of the hash.' },
  A2: {
    file: 'src/backend.c', line: '572-618', fn: 'get_server_rnd', also: [{ file: 'src/backend.c', line: '3153-3160' }, { file: 'src/lb_chash.c', line: '139-141' }],
    note: 'Since 3.3 a backend without `balance` balances at random (commit 93cc18ac4, lines 3153-3160), and the consistent ring\u2019s points are placed as up to 2.8 again (commit 03e9a5a1e, lb_chash.c:139-141). Between two draws of the same load, 3.4 keeps the server with the lower request rate over the last second for its weight (lines 596-605, commits b6bdb2553 and 747ff0981): each draw’s rate is listed.',
  },
  mI2: {
    file: 'src/server.c', line: '7565-7651', fn: 'srv_cleanup_idle_conns', also: [{ file: 'src/server.c', line: '7338-7354' }],
    note: 'As in 3.0: the oldest pooled connection first, idle or safe (idle_conn_list, since 2.9: 5afcb686b).',
  },
  mL1: { file: 'src/http_ana.c', line: '1187-1244', fn: 'do_l7_retry', note: 'With the count checked before it is incremented (41ade746c, 2.8; in 2.6.12 too): `retries N` gives N L7 retries.' },
  mD8: {
    file: 'include/haproxy/proxy.h', line: '157-174', fn: 'proxy_abrt_close_def',
    note: 'Since 3.3 (commit 644b3dc7d) an HTTP proxy has `option abortonclose` unless `no option abortonclose` is written.',
  },
};

/**
 * The source of decision `id` for an event of a run of `engine`; `commit` is the run's
 * (`v2.8.0`, `v3.0.0` or `v3.2.0` for `engine modern 2.8`/`3.0`/`3.2`). Seed runs keep the catalogue's place. A parent
 * run gets 131fd89d5's place of a shared rule (./catalog-parent.ts). A modern
 * run gets the v2.6.0 place of a shared rule, or its release's where that was checked. A shared rule
 * with no place at the run's commit gets no link and a note saying so, never the seed's line.
 */
export function sourceForEvent(id: DecisionId, engine: string | undefined, commit?: string): EventSource | null {
  const info = DECISIONS[id];
  if (!info || !info.file || !info.commit) return null;
  const own: EventSource = { file: info.file, line: info.line, commit: info.commit, url: urlOf(info.commit, info.file, info.line) };
  if (engine === 'parent' && info.commit === COMMITS.seed) {
    const p = PARENT_SOURCES[id];
    if (p) return { file: p.file, line: p.line, commit: COMMITS.parent, url: urlOf(COMMITS.parent, p.file, p.line) };
    return {
      file: '', line: '', commit: COMMITS.parent, url: null,
      note: `No place at the parent commit is cited for this rule; the seed's (${info.file}:${info.line}) is another commit's code.`,
    };
  }
  if (engine !== 'modern') return own;
  const v34 = commit === 'v3.4.0' || commit === COMMIT_V34;
  if (v34 && MODERN_34_SOURCES[id]) return cite(MODERN_34_SOURCES[id], COMMIT_V34);
  const v32 = commit === 'v3.2.0' || commit === COMMIT_V32;
  const v30 = commit === 'v3.0.0' || commit === COMMIT_V30;
  const v28 = commit === 'v2.8.0' || commit === COMMIT_V28;
  const unchecked30 = v34 ? 'Checked at v2.6.0, not at v3.4.0.' : v32 ? 'Checked at v2.6.0, not at v3.2.0.' : v30 ? 'Checked at v2.6.0, not at v3.0.0.' : v28 ? 'Checked at v2.6.0, not at v2.8.0.' : undefined;
  if (v32 && MODERN_32_SOURCES[id]) return cite(MODERN_32_SOURCES[id], COMMIT_V32);
  if (v30 && MODERN_30_SOURCES[id]) return cite(MODERN_30_SOURCES[id], COMMIT_V30);
  if (v28 && MODERN_28_SOURCES[id]) return cite(MODERN_28_SOURCES[id], COMMIT_V28);
  if (info.commit === COMMITS.modern) return unchecked30 ? { ...own, note: unchecked30 } : own;
  const m = MODERN_SOURCES[id];
  if (m) return cite(m, COMMITS.modern, unchecked30);
  return {
    file: '', line: '', commit: COMMITS.modern, url: null,
    note: `No place in HAProxy 2.6 is cited for this rule; the seed's (${info.file}:${info.line}) is not 2.6 code.`,
  };
}

/**
 * The explanation of decision `id` for an event of a run of `engine`: the catalogue's, or the
 * parent's or modern engine's own where a shared rule works otherwise there (T1, T2, …).
 */
export function explainForEvent(id: DecisionId, engine: string | undefined): string | undefined {
  const info = DECISIONS[id];
  if (!info) return undefined;
  if (info.commit !== COMMITS.seed) return info.explain;
  if (engine === 'parent') return PARENT_SOURCES[id]?.explain ?? info.explain;
  if (engine === 'modern') return MODERN_SOURCES[id]?.explain ?? info.explain;
  return info.explain;
}
