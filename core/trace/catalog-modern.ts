/**
 * Where HAProxy 2.6 (and, where checked, 3.0) does what a shared decision names. The entries of
 * ./catalog.ts for A0, A2, C1, … cite the seed commit; the modern engine emits the same ids, and
 * a modern run's event must point at the release it follows, not at 7c6f8b146. Each range below
 * was read in the tagged tree (`git show v2.6.0:src/…`); the function is named in `fn`.
 */
import { COMMITS, DECISIONS, REPOSITORY_URL, type SourceRef } from './catalog';
import type { DecisionId } from './decisions';

const COMMIT_V30 = COMMITS.modern30;

export interface ReleaseCite {
  readonly file: string;
  /** Line range(s), first one linked, e.g. `1270-1286, 1192-1198`. */
  readonly line: string;
  /** The function holding the first range. */
  readonly fn: string;
  readonly also?: readonly SourceRef[];
  /** How the release differs from the seed's rule of the same id, when it does. */
  readonly note?: string;
}

/** Shared decisions the modern engine emits, at v2.6.0 (COMMITS.modern). */
export const MODERN_SOURCES: Readonly<Partial<Record<DecisionId, ReleaseCite>>> = {
  A0: { file: 'src/stream.c', line: '1191-1198', fn: 'process_server_rules' },
  A2: { file: 'src/backend.c', line: '681-842', fn: 'assign_server' },
  C1: {
    file: 'src/mux_h1.c', line: '1270-1286, 1192-1198', fn: 'h1_set_srv_conn_mode',
    note: 'In 2.6 the HTTP/1 multiplexer sets the mode per side: the server side from both proxies\u2019 options, the client side from the request (h1_set_cli_conn_mode).',
  },
  C2: { file: 'src/mux_h1.c', line: '1258-1268', fn: 'h1_set_srv_conn_mode' },
  P3: { file: 'src/http_ana.c', line: '1665-1698', fn: 'http_wait_for_response' },
  T1: {
    file: 'src/mux_h2.c', line: '1602-1639', fn: 'h2c_frt_stream_new',
    note: 'In 2.6 the new stream\u2019s endpoint is flagged SE_FL_NOT_FIRST (line 1623).',
  },
  T2: { file: 'src/mux_h2.c', line: '4377-4397', fn: 'h2_detach' },
  T3: {
    file: 'src/mux_h1.c', line: '907-913, 679-698', fn: 'h1s_destroy',
    also: [{ file: 'src/mux_h1.c', line: '619-635' }],
    note: 'In 2.6 no stream waits: the stream ends with its transaction and the idle client connection waits for the next request (h1_set_idle_expiration picks the timeout).',
  },
};

/** The few places checked again at v3.0.0; the others are cited at v2.6.0 and say so. */
export const MODERN_30_SOURCES: Readonly<Partial<Record<DecisionId, ReleaseCite>>> = {
  A0: { file: 'src/stream.c', line: '1206-1212', fn: 'process_server_rules' },
  A2: { file: 'src/backend.c', line: '674-838', fn: 'assign_server' },
  P3: { file: 'src/http_ana.c', line: '1566-1605', fn: 'http_wait_for_response' },
  C1: {
    file: 'src/mux_h1.c', line: '1481-1496, 1403-1410', fn: 'h1_set_srv_conn_mode',
    note: 'Unlike 2.6, the frontend\u2019s `option httpclose` is no longer among the options that force close on the server side (lines 1488-1491).',
  },
  C2: { file: 'src/mux_h1.c', line: '1469-1479', fn: 'h1_set_srv_conn_mode' },
  T1: { file: 'src/mux_h2.c', line: '1657-1709', fn: 'h2c_frt_stream_new' },
  T2: { file: 'src/mux_h2.c', line: '4774-4794', fn: 'h2_detach' },
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
 * The source of decision `id` for an event of a run of `engine`; `commit` is the run's
 * (`v3.0.0` for `engine modern 3.0`). Seed and parent runs keep the catalogue's place. A modern
 * run gets the v2.6.0 place of a shared rule, or v3.0.0 where that was checked; a shared rule
 * with no 2.6 place gets no link and a note saying so, never the seed's line.
 */
export function sourceForEvent(id: DecisionId, engine: string | undefined, commit?: string): EventSource | null {
  const info = DECISIONS[id];
  if (!info || !info.file || !info.commit) return null;
  const own: EventSource = { file: info.file, line: info.line, commit: info.commit, url: urlOf(info.commit, info.file, info.line) };
  if (engine !== 'modern') return own;
  const v30 = commit === 'v3.0.0' || commit === COMMIT_V30;
  const unchecked30 = v30 ? 'Checked at v2.6.0, not at v3.0.0.' : undefined;
  if (v30 && MODERN_30_SOURCES[id]) return cite(MODERN_30_SOURCES[id], COMMIT_V30);
  if (info.commit === COMMITS.modern) return unchecked30 ? { ...own, note: unchecked30 } : own;
  const m = MODERN_SOURCES[id];
  if (m) return cite(m, COMMITS.modern, unchecked30);
  return {
    file: '', line: '', commit: COMMITS.modern, url: null,
    note: `No place in HAProxy 2.6 is cited for this rule; the seed's (${info.file}:${info.line}) is not 2.6 code.`,
  };
}
