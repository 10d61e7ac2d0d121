import { DEFAULT_HASH_TYPE, type BackendConfig, type HashBalance, type ServerConfig } from '../model/config';
import { since } from '../model/names';
import type { Condition } from '../trace/events';
import { headerValues, pathq, type RequestView } from '../routing/request';
import { fullHash, hashBytes, hashKey } from './hash-functions';
import { sampleValues } from '../routing/evaluate';
import type { Sample } from '../model/routing';
import { RunLocal, type EngineSim as Sim } from './runtime';
import { utf8Bytes, utf8Text } from '../sim/utf8';

/*
 * The hash balances as HAProxy 2.6 runs them (assign_server, backend.c:714-800 of v2.6.0): a key
 * of the request (the source address, the URI, a URL parameter, a header) is hashed and the hash
 * names a server, through a map of the servers by weight (map-based, the default: lb_map.c) or
 * a ring of points (`hash-type consistent`: lb_chash.c). A request without the key goes round
 * the map (or the ring) instead. The same key always lands on the same server while the servers
 * stay as they are: that is what these algorithms are for (caches).
 */

/** A backend's servers laid out for hashing (built once per run: the usable servers are fixed). */
interface Layout {
  /** Map-based: one slot per unit of effective weight, interleaved (recalc_server_map). */
  readonly map: readonly ServerConfig[];
  /** Consistent: the ring's points in key order, and each point's server. */
  readonly ring: Uint32Array;
  readonly ringServer: readonly ServerConfig[];
  /** Usable servers (srv_willbe_usable: not in maintenance, weight above 0). */
  readonly used: number;
}

interface HashRun {
  readonly layouts: Map<BackendConfig, Layout>;
  /** The round-robin cursor on the map (map.rr_idx) or on the ring (chash.last), per backend. */
  readonly cursor: Map<BackendConfig, number>;
}
const RUN = new RunLocal<HashRun>(() => ({ layouts: new Map(), cursor: new Map() }));

/** A server's weight (absent: 1). */
export const weightOf = (s: ServerConfig): number => s.weight ?? 1;

/**
 * The map of a map-based backend: init_server_map (lb_map.c:181-237) divides the weights by
 * their greatest common divisor; recalc_server_map (lb_map.c:111-170) then fills one slot per
 * unit, each time with the server whose accumulated score is highest (the first declared on a tie).
 */
export function serverMap(servers: readonly ServerConfig[], pool: readonly ServerConfig[]): ServerConfig[] {
  let gcd = 0;
  for (const s of servers) {
    let w = weightOf(s);
    if (w === 0) continue;
    if (gcd === 0) gcd = w;
    while (w) [gcd, w] = [w, gcd % w];
  }
  const eweight = (s: ServerConfig) => (gcd === 0 ? 0 : weightOf(s) / gcd);
  const live = pool.filter((s) => eweight(s) > 0);
  const tot = live.reduce((n, s) => n + eweight(s), 0);
  const score = new Map(live.map((s) => [s, 0]));
  const map: ServerConfig[] = [];
  for (let o = 0; o < tot; o++) {
    let best: ServerConfig | null = null;
    let max = 0;
    for (const s of live) {
      if (tot === 1) {
        best = s;
        break;
      }
      const w = score.get(s)! + eweight(s);
      score.set(s, w);
      const v = Math.floor((w + tot) / tot);
      if (best === null || v > max) {
        max = v;
        best = s;
      }
    }
    map.push(best!);
    score.set(best!, score.get(best!)! - tot);
  }
  return map;
}

/**
 * The ring of a consistent backend (chash_init_server_tree, lb_chash.c:470-512 of v2.6.0): a
 * server of weight w has 16·w points, point j where `point(id, j)` says, its id being its place
 * in the backend (servers are numbered from 1 in configuration order, cfgparse.c:3453-3458).
 */
function serverRing(servers: readonly ServerConfig[], pool: readonly ServerConfig[], point: (id: number, node: number) => number): { ring: Uint32Array; ringServer: ServerConfig[] } {
  const points: { key: number; server: ServerConfig }[] = [];
  const ids = serverIds(servers);
  servers.forEach((s, i) => {
    if (!pool.includes(s)) return;
    for (let j = 0; j < weightOf(s) * 16; j++) points.push({ key: point(ids[i]!, j), server: s });
  });
  points.sort((a, b) => a.key - b.key);
  return { ring: Uint32Array.from(points, (p) => p.key), ringServer: points.map((p) => p.server) };
}

/**
 * Each server's number (puid): its `id`, else the first number no server has from a cursor that
 * starts at 1 and moves on past every server, numbered or not (cfgparse.c:3449-3465 of v2.6.0,
 * get_next_id).
 */
export function serverIds(servers: readonly ServerConfig[]): number[] {
  const used = new Set(servers.flatMap((s) => (s.id !== undefined ? [s.id] : [])));
  let next = 1;
  return servers.map((s) => {
    let id = s.id;
    if (id === undefined) {
      while (used.has(next)) next++;
      id = next;
      used.add(id);
    }
    next++;
    return id;
  });
}

/** A ring point up to 2.8: full_hash(id · 4096 + node) (lb_chash.c:98 of v2.6.0; the same at v2.8.0). */
const pointUpTo28 = (id: number, node: number): number => fullHash(id * 4096 + node);
/**
 * Since 3.0 (lb_chash.c:62-131 of v3.0.0, commit faa8c3e02, in v3.0-dev7) a server's points start
 * from the hash of its id (`hash-key id`, the default): full_hash(full_hash(id) + node).
 */
const pointSince30 = (id: number, node: number): number => fullHash((fullHash(id) + node) >>> 0);

function layout(sim: Sim, be: BackendConfig, pool: readonly ServerConfig[]): Layout {
  const m = sim.local(RUN).layouts;
  let l = m.get(be);
  if (!l) {
    // static-rr always goes round the map, random always looks up the ring (BE_LB_LKUP_CHTREE);
    // hash-type only concerns the hash balances.
    const consistent = be.balance === 'random' || (be.balance !== 'static-rr' && (be.hashType ?? DEFAULT_HASH_TYPE).consistent);
    const map = consistent ? [] : serverMap(be.servers, pool);
    // 3.0 and 3.2 hashed the id twice; 3.3 fixed it (commit 03e9a5a1e): 3.4 places points as 2.8 did.
    const v = sim.config.modernVersion;
    const point = sim.config.engine === 'modern' && since(v, '3.0') && !since(v, '3.4') ? pointSince30 : pointUpTo28;
    const { ring, ringServer } = consistent ? serverRing(be.servers, pool, point) : { ring: new Uint32Array(0), ringServer: [] };
    l = { map, ring, ringServer, used: pool.filter((s) => weightOf(s) > 0).length };
    m.set(be, l);
  }
  return l;
}

/**
 * The server of the ring point nearest `hash` among `pool` (chash_get_server_hash), passing over
 * the servers `eligible` refuses (hash-balance-factor), round the ring once at most; null when
 * no server has a point.
 */
export function ringServer(sim: Sim, be: BackendConfig, pool: readonly ServerConfig[], hash: number, eligible?: (s: ServerConfig) => boolean): ServerConfig | null {
  const l = layout(sim, be, pool);
  const size = l.ring.length;
  if (size === 0) return null;
  const slot = ringLookup(l, hash);
  return l.ringServer[eligible ? eligibleSlot(l, slot, eligible) : slot]!;
}

/**
 * hash-balance-factor (chash_get_server_hash, lb_chash.c:370-378@2.6.0): from `slot` on round the
 * ring past the servers `eligible` refuses, once round at most (the walk stops on the ring's last
 * point, lb_chash.c:373-377); `passed` gets the names of the servers passed over.
 */
function eligibleSlot(l: Layout, slot: number, eligible: (s: ServerConfig) => boolean, passed?: string[]): number {
  const size = l.ring.length;
  let loops = 0;
  while (!eligible(l.ringServer[slot]!)) {
    const name = l.ringServer[slot]!.name;
    if (passed && !passed.includes(name)) passed.push(name);
    if (slot + 1 >= size) {
      if (++loops > 1) break;
      slot = 0;
    } else slot++;
  }
  return slot;
}

/** chash_get_server_hash (lb_chash.c:360-415): the point nearest the hash, the one before on a tie. */
function ringLookup(l: Layout, hash: number): number {
  const r = l.ring;
  let lo = 0;
  let hi = r.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (r[mid]! < hash) lo = mid + 1;
    else hi = mid;
  }
  const next = lo < r.length ? lo : 0;
  const prev = next > 0 ? next - 1 : r.length - 1;
  const dp = (hash - r[prev]!) >>> 0;
  const dn = (r[next]! - hash) >>> 0;
  return dp <= dn ? prev : next;
}

const SLASH = 0x2f;
const QUESTION = 0x3f;
const AMP = 0x26;
const EQUALS = 0x3d;
const DOT = 0x2e;

/** get_server_uh's key (backend.c:208-240): the URI up to `?` (unless `whole`), at most `len` bytes and `depth` directories. */
function uriKey(uri: string, be: BackendConfig): string {
  const a = be.balanceArgs ?? {};
  const b = utf8Bytes(a.pathOnly ? pathOnly(uri) : uri);
  let n = a.len ? Math.min(b.length, a.len) : b.length;
  const stopAt = a.depth ? a.depth + 1 : 0;
  let slashes = 0;
  let end = 0;
  while (n-- > 0) {
    const c = b[end]!;
    if (c === SLASH) {
      if (++slashes === stopAt) break;
    } else if (c === QUESTION && !a.whole) break;
    end++;
  }
  return utf8Text(b.subarray(0, end));
}

/**
 * The URI of the request line as HAProxy holds it: since HTX (2.x, the modern engine) an HTTP/2
 * request with an :authority has the absolute form, scheme://authority + :path
 * (h2_make_htx_request, h2.c:294-323 of v2.6.0), so `balance uri` hashes the authority too unless
 * `path-only`; 1.9's legacy HTTP/1 conversion kept :path alone (h2_make_h1_request, h2.c:45-102
 * of 7c6f8b146: seed and parent). The :authority is the Host the engine sees (requestView).
 */
export function requestLineUri(view: RequestView, htx = true): string {
  if (!htx || view.version !== '2.0' || !(view.uri.startsWith('/') || view.uri === '*')) return view.uri;
  const host = view.headers.find((h) => h.name.toLowerCase() === 'host')?.value;
  if (host === undefined) return view.uri;
  return `${view.ssl ? 'https' : 'http'}://${host}${view.uri === '*' ? '' : view.uri}`;
}

/** `path-only`: the URI without scheme and authority (http_parse_path; nothing when it has no path). */
function pathOnly(uri: string): string {
  return uri.startsWith('/') || uri === '*' ? uri : /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?]*\//.test(uri) ? pathq(uri) : '';
}

/**
 * get_server_ph's key (backend.c:258-317): the value of the first `NAME=` parameter of the query
 * string, up to the next `&`; null without one (a parameter is only looked for at the start of
 * the query or after a `&`).
 */
function paramKey(uri: string, name: string): string | null {
  const b = utf8Bytes(uri);
  const q = b.indexOf(QUESTION);
  if (q < 0) return null;
  const nb = utf8Bytes(name);
  const plen = nb.length;
  let at = q + 1;
  while (b.length - at > plen) {
    if (b[at + plen] === EQUALS && nb.every((c, i) => b[at + i] === c)) {
      let end = at + plen + 1;
      while (end < b.length && b[end] !== AMP) end++;
      return utf8Text(b.subarray(at + plen + 1, end));
    }
    const amp = b.indexOf(AMP, at);
    if (amp < 0) return null;
    at = amp + 1;
  }
  return null;
}

/**
 * get_server_hh's key (backend.c:408-480): the header's first value (split on commas); null when
 * it is absent or empty. `use_domain_only` keeps the label before the last dot: `www.example.com`
 * and `example.com` both hash `example`.
 */
function headerKey(req: RequestView, name: string, domainOnly: boolean): string | null {
  const v = headerValues(req, name)[0];
  if (v === undefined || v === '') return null;
  if (!domainOnly) return v;
  const b = utf8Bytes(v);
  // Walks back from the end: the last dot ends the key, the dot before it starts it.
  let i = b.length;
  let end = b.length;
  let inside = false;
  while (i > 0) {
    if (inside) {
      if (b[i - 1] === DOT) break;
    } else if (i < b.length && b[i] === DOT) {
      end = i;
      inside = true;
    }
    i--;
  }
  return utf8Text(b.subarray(i, end));
}

/** An IPv4 address as one big-endian word; IPv6 as its four words xored (get_server_sh, backend.c:168-200). */
export function sourceHash(addr: string): number {
  if (!addr.includes(':')) return addr.split('.').reduce((h, p) => ((h << 8) | (Number(p) & 255)) >>> 0, 0);
  const groups = sourceWords(addr);
  let h = 0;
  for (let w = 0; w < 4; w++) h = (h ^ ((groups[2 * w]! << 16) | groups[2 * w + 1]!)) >>> 0;
  return h;
}

/**
 * `balance static-rr` (map_get_server_rr, lb_map.c:239-277 of v2.6.0): round the map of the
 * servers by weight, one slot per request; null when no server has a weight.
 */
export function staticRrPick(sim: Sim, be: BackendConfig, pool: readonly ServerConfig[], full?: (s: ServerConfig) => boolean): ServerConfig | null {
  const l = layout(sim, be, pool);
  if (l.map.length === 0) return null;
  const cursors = sim.local(RUN).cursor;
  const from = (cursors.get(be) ?? 0) % l.map.length;
  // map_get_server_rr (lb_map.c:215-250@2.6.0): the next slot whose server is not full; the
  // cursor stays where it was when every one is.
  for (let i = 0; i < l.map.length; i++) {
    const slot = (from + i) % l.map.length;
    const s = l.map[slot]!;
    if (full && full(s)) continue;
    cursors.set(be, slot + 1);
    return s;
  }
  return null;
}

/**
 * A sample as the binary HAProxy hashes (sample_fetch_as_type(…, SMP_T_BIN), the casts of
 * sample.c): a string's bytes, an integer's eight bytes big-endian, an address's bytes.
 */
function sampleBytes(s: Sample): Uint8Array {
  switch (s.type) {
    case 'int':
    case 'bool': {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigInt64(0, BigInt(s.type === 'bool' ? Number(s.v) : Math.trunc(s.v)));
      return b;
    }
    case 'ip': {
      if (s.v.includes(':')) {
        const h = sourceWords(s.v);
        const b = new Uint8Array(16);
        h.forEach((g, i) => { b[2 * i] = g >> 8; b[2 * i + 1] = g & 255; });
        return b;
      }
      return Uint8Array.from(s.v.split('.').map((p) => Number(p) & 255));
    }
    default:
      return utf8Bytes(String(s.v));
  }
}

/** An IPv6 address's eight 16-bit groups (`::` expanded). */
function sourceWords(addr: string): number[] {
  const [head, tail] = addr.includes('::') ? addr.split('::') : [addr, null];
  const hs = head ? head.split(':') : [];
  const ts = tail ? tail.split(':') : [];
  return [...hs, ...new Array<string>(8 - hs.length - ts.length).fill('0'), ...ts].map((g) => parseInt(g || '0', 16) & 0xffff);
}

export interface HashPick {
  /** Null: the request has no key and every server is full (it waits in the backend's queue). */
  readonly server: ServerConfig | null;
  readonly conds: readonly Condition[];
}

const NO_CONDS: readonly Condition[] = Object.freeze([]);

/** What a hash balance hashes, as the trace names it. */
function keyLabel(be: BackendConfig): string {
  const a = be.balanceArgs ?? {};
  switch (be.balance as HashBalance) {
    case 'source':
      return 'source address';
    case 'uri':
      return `uri${a.pathOnly ? ' path-only' : ''}${a.whole ? ' whole' : ''}${a.len ? ` len ${a.len}` : ''}${a.depth ? ` depth ${a.depth}` : ''}`;
    case 'url_param':
      return `url_param ${a.name}`;
    case 'hash':
      return `hash ${a.expr!.text}`;
    default:
      return `hdr(${a.name})${a.domainOnly ? ' use_domain_only' : ''}`;
  }
}

/**
 * The server a hash balance gives the request, among `pool` (the backend's usable servers), or
 * null when no server has a weight. `view`: the request as the backend reads it (after the
 * frontend's rewrites).
 */
export function hashPick(
  sim: Sim, be: BackendConfig, view: RequestView, pool: readonly ServerConfig[], eligible?: (s: ServerConfig) => boolean, full?: (s: ServerConfig) => boolean,
): HashPick | null {
  const l = layout(sim, be, pool);
  const type = be.hashType ?? DEFAULT_HASH_TYPE;
  const size = type.consistent ? l.ring.length : l.map.length;
  if (size === 0) return null;
  const a = be.balanceArgs ?? {};
  let key: string | null;
  let hash: number | null = null;
  if (l.used === 1) {
    // One server left: nothing is hashed (hash 0).
    key = null;
    hash = 0;
  } else if (be.balance === 'source') {
    key = view.src;
    hash = sourceHash(view.src);
  } else if (be.balance === 'hash') {
    // get_server_expr (backend.c:529-557): the expression's value, as binary; none: round the map.
    const v = sampleValues(a.expr!, view);
    const last = v[v.length - 1];
    key = last === undefined ? null : String(last.v);
    // Since 3.4 (cb5d98c49) a key for `none` is the sample as a string, its bytes before.
    const asText = type.fn === 'none' && last !== undefined && last.type !== 'str' && since(sim.config.modernVersion, '3.4');
    if (last !== undefined) hash = hashBytes(type.fn, asText ? utf8Bytes(last.type === 'bool' ? (last.v ? '1' : '0') : String(last.v)) : sampleBytes(last));
  } else {
    const uri = requestLineUri(view, sim.config.engine === 'modern');
    key = be.balance === 'uri' ? uriKey(uri, be) : be.balance === 'url_param' ? paramKey(uri, a.name!) : headerKey(view, a.name!, a.domainOnly === true);
    if (key !== null) hash = hashKey(type.fn, key);
  }
  if (hash !== null && key !== null && type.avalanche) hash = fullHash(hash);
  const explains = sim.out.explains;
  const conds: Condition[] = explains ? [{ label: 'balance', value: `${be.balance} (hash-type ${type.consistent ? 'consistent' : 'map-based'})` }] : [];
  if (hash === null) {
    // No key: round robin on the map (map_get_server_rr, lb_map.c:215-250) or the ring
    // (chash_get_next_server, lb_chash.c:394-460), both passing over a full server (maxconn).
    const cursors = sim.local(RUN).cursor;
    const at = cursors.get(be) ?? (type.consistent ? -1 : 0);
    const serverAt = (slot: number) => (type.consistent ? l.ringServer[slot]! : l.map[slot]!);
    let slot = type.consistent ? (at + 1) % size : at % size;
    let found = true;
    if (full) {
      // The ring's cursor moves over every point it looks at; the map's only past the one taken.
      // A ring without a last point yet looks at its first one only (lb_chash.c:424-429: the
      // loop stops where it started).
      const looks = type.consistent && at < 0 ? 1 : size;
      let n = 0;
      while (full(serverAt(slot)) && ++n < looks) slot = (slot + 1) % size;
      found = !full(serverAt(slot));
    }
    if (type.consistent) cursors.set(be, found || at < 0 ? slot : at);
    else if (found) cursors.set(be, slot + 1);
    if (explains) {
      conds.push({ label: keyLabel(be), value: false }, { label: type.consistent ? 'next point of the ring' : 'next slot of the map', value: slot });
      if (!found) conds.push({ label: 'every server full (maxconn)', value: true });
    }
    return { server: found ? serverAt(slot) : null, conds: explains ? conds : NO_CONDS };
  }
  let slot = type.consistent ? ringLookup(l, hash) : hash % size;
  // hash-balance-factor: on round the ring past the servers that hold their share already.
  const passed: string[] = [];
  if (type.consistent && eligible) slot = eligibleSlot(l, slot, eligible, passed);
  if (explains) {
    if (key !== null) conds.push({ label: keyLabel(be), value: key });
    else conds.push({ label: 'one usable server (no hash)', value: true });
    conds.push({ label: be.balance === 'source' ? `address hash${type.avalanche ? ' (avalanche)' : ''}` : `${type.fn} hash${type.avalanche ? ' (avalanche)' : ''}`, value: hash });
    conds.push(type.consistent ? { label: passed.length ? 'next point of the ring with room' : 'nearest point of the ring', value: l.ring[slot]! } : { label: `map slot (hash mod ${size})`, value: slot });
    if (passed.length) conds.push({ label: `hash-balance-factor ${be.hashBalanceFactor}: passed over (their share in flight)`, value: passed.join(', ') });
  }
  return { server: type.consistent ? l.ringServer[slot]! : l.map[slot]!, conds: explains ? conds : NO_CONDS };
}

/**
 * A server went DOWN or UP (health checks): the map is made again from the servers up
 * (recalc_server_map, lb_map.c), the ring without or with its points (chash_set_server_status_*,
 * lb_chash.c); the round-robin cursor stays.
 */
export function forgetLayout(sim: Sim, be: BackendConfig): void {
  sim.local(RUN).layouts.delete(be);
}
