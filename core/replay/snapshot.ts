import type { ConnList } from '../model/connlist';
import { emptyWorld, type ConnState, type RequestState, type ServerLists, type SessionState, type StreamState, type World } from '../model/world';
import { SlotIndex, SlotMap } from './slotmap';

/**
 * A checkpoint of a world that shares what did not change with the checkpoint before it.
 *
 * A world of 10,000 clients holds ~40,000 entities, and a full copy of it cost 10–45 ms (most of
 * it allocation and the collections that follow), so checkpoints had to be ~80,000 events apart
 * and a seek replayed up to that many. Here a checkpoint holds, per kind of entity, the entities
 * in slot order (slotmap.ts) as *versions*: a version is an immutable copy of an entity, made when
 * the entity differs from the version the previous checkpoint took of it, and shared otherwise.
 * A checkpoint then costs a comparison per entity and a copy per changed entity (about the events
 * since the last one, not the world's size), so checkpoints can be a few thousand events apart.
 *
 * `restore` turns a world into a checkpoint's in place: it keeps the world's own entity objects
 * (no allocation for an entity that exists on both sides), overwrites their fields, and writes
 * slots rather than rebuilding maps.
 */
export interface Snapshot {
  readonly counts: World['counts'];
  readonly conns: Part<ConnState>;
  readonly sessions: Part<SessionState>;
  readonly streams: Part<StreamState>;
  readonly requests: Part<RequestState>;
  /** Server lists over the versions of their connections (same layout as the world's). */
  readonly lists: ReadonlyMap<string, ServerLists>;
  /** Versions this checkpoint made (the others it shares with earlier ones): its own memory. */
  readonly made: number;
}

/** The entities of one kind: their slots, ascending, and their versions. */
export interface Part<T> {
  readonly slots: Int32Array;
  readonly vs: readonly T[];
}

const ORDER = ['conns', 'sessions', 'streams', 'requests'] as const;
type KindName = (typeof ORDER)[number];
type Entity<K extends KindName> = World[K] extends Map<string, infer T> ? T : never;

/** The slot indexes of a cursor's worlds, one per kind of entity. */
export type Indexes = { readonly [K in KindName]: SlotIndex };

export function newIndexes(): Indexes {
  return { conns: new SlotIndex(), sessions: new SlotIndex(), streams: new SlotIndex(), requests: new SlotIndex() };
}

/** An empty world whose entity maps are SlotMaps over `ix` (`track`: that note what they hand out, for snapshots). */
export function slotWorld(servers: readonly string[], retain: boolean, ix: Indexes, track = false): World {
  const w = emptyWorld(servers, retain);
  w.conns = new SlotMap(ix.conns, track);
  w.sessions = new SlotMap(ix.sessions, track);
  w.streams = new SlotMap(ix.streams, track);
  w.requests = new SlotMap(ix.requests, track);
  return w;
}

/** The last version taken of each entity, by slot: what the next snapshot compares with. */
export type Versions = { [K in KindName]: (Entity<K> | undefined)[] };

export function newVersions(): Versions {
  return { conns: [], sessions: [], streams: [], requests: [] };
}

/*
 * One copy, compare and assign per kind of entity, field by field: a generic loop over keys
 * costs several times more on 40,000 entities. `FIELDS` below lists every field of each kind
 * (the compiler checks that none is missing), and a unit test changes each one and checks that
 * a snapshot and a restore carry it: a field added to the world and forgotten here fails there.
 */

/** Every field of each kind of entity (the type makes the list complete). */
export const FIELDS = {
  conn: keys<ConnState>()({
    id: 1, slot: 1, server: 1, phase: 1, owner: 1, owned: 1, holders: 1, list: 1, private: 1, pooled: 1, streams: 1,
    capacity: 1, requests: 1, openedAt: 1, closedAt: 1, closedBy: 1, closer: 1,
  }),
  session: keys<SessionState>()({ id: 1, client: 1, proto: 1, open: 1, waiting: 1, srvConn: 1, held: 1, streams: 1 }),
  stream: keys<StreamState>()({ id: 1, session: 1, open: 1, request: 1, conn: 1 }),
  request: keys<RequestState>()({
    id: 1, client: 1, session: 1, stream: 1, method: 1, path: 1, sentAt: 1, server: 1, conn: 1, reused: 1, status: 1,
    doneAt: 1, error: 1, decisions: 1, backend: 1, answeredBy: 1, queued: 1,
  }),
} as const;

function keys<T>() {
  return <R extends { [K in keyof Required<T>]: 1 }>(r: R & Record<Exclude<keyof R, keyof T>, never>): (keyof T)[] =>
    Object.keys(r) as (keyof T)[];
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A list of ids of one's own (a world grows and splices its lists in place). */
function ownIds<T extends string>(a: readonly T[]): T[] {
  if (a.length === 0) return [];
  if (a.length === 1) return [a[0]!];
  return a.slice();
}

function copyConn(c: ConnState): ConnState {
  return {
    id: c.id, slot: c.slot, server: c.server, phase: c.phase, owner: c.owner, owned: c.owned, holders: ownIds(c.holders), list: c.list,
    private: c.private, pooled: c.pooled, streams: c.streams, capacity: c.capacity, requests: ownIds(c.requests), openedAt: c.openedAt,
    closedAt: c.closedAt, closedBy: c.closedBy, closer: c.closer,
  };
}

function sameConn(a: ConnState, b: ConnState): boolean {
  return (
    a.phase === b.phase && a.slot === b.slot && a.list === b.list && a.streams === b.streams && a.owner === b.owner && a.owned === b.owned &&
    a.private === b.private && a.closedAt === b.closedAt && a.closedBy === b.closedBy && a.closer === b.closer && a.pooled === b.pooled &&
    a.id === b.id && a.server === b.server && a.capacity === b.capacity && a.openedAt === b.openedAt &&
    sameIds(a.holders, b.holders) && sameIds(a.requests, b.requests)
  );
}

function assignConn(o: ConnState, v: ConnState): ConnState {
  if (o.id !== v.id || o.server !== v.server || o.capacity !== v.capacity || o.openedAt !== v.openedAt) return copyConn(v);
  o.slot = v.slot;
  o.phase = v.phase;
  o.owner = v.owner;
  o.owned = v.owned;
  if (!sameIds(o.holders, v.holders)) o.holders = ownIds(v.holders);
  o.list = v.list;
  o.private = v.private;
  o.pooled = v.pooled;
  o.streams = v.streams;
  if (!sameIds(o.requests, v.requests)) o.requests = ownIds(v.requests);
  o.closedAt = v.closedAt;
  o.closedBy = v.closedBy;
  o.closer = v.closer;
  return o;
}

function copySession(s: SessionState): SessionState {
  return { id: s.id, client: s.client, proto: s.proto, open: s.open, waiting: s.waiting, srvConn: s.srvConn, held: ownIds(s.held), streams: ownIds(s.streams) };
}

function sameSession(a: SessionState, b: SessionState): boolean {
  return (
    a.open === b.open && a.waiting === b.waiting && a.srvConn === b.srvConn && a.id === b.id && a.client === b.client && a.proto === b.proto &&
    sameIds(a.held, b.held) && sameIds(a.streams, b.streams)
  );
}

function assignSession(o: SessionState, v: SessionState): SessionState {
  if (o.id !== v.id || o.client !== v.client || o.proto !== v.proto) return copySession(v);
  o.open = v.open;
  o.waiting = v.waiting;
  o.srvConn = v.srvConn;
  if (!sameIds(o.held, v.held)) o.held = ownIds(v.held);
  if (!sameIds(o.streams, v.streams)) o.streams = ownIds(v.streams);
  return o;
}

function copyStream(s: StreamState): StreamState {
  return { id: s.id, session: s.session, open: s.open, request: s.request, conn: s.conn };
}

function sameStream(a: StreamState, b: StreamState): boolean {
  return a.open === b.open && a.request === b.request && a.conn === b.conn && a.id === b.id && a.session === b.session;
}

function assignStream(o: StreamState, v: StreamState): StreamState {
  if (o.id !== v.id || o.session !== v.session) return copyStream(v);
  o.open = v.open;
  o.request = v.request;
  o.conn = v.conn;
  return o;
}

function copyRequest(r: RequestState, retain: boolean): RequestState {
  return {
    id: r.id, client: r.client, session: r.session, stream: r.stream, method: r.method, path: r.path, sentAt: r.sentAt,
    server: r.server, conn: r.conn, reused: r.reused, status: r.status, doneAt: r.doneAt, error: r.error,
    // A world that does not retain never writes its requests' (shared, empty) decision lists.
    decisions: retain ? r.decisions.slice() : r.decisions,
    ...(r.backend !== undefined ? { backend: r.backend } : {}), ...(r.answeredBy !== undefined ? { answeredBy: r.answeredBy } : {}),
    ...(r.queued != null ? { queued: r.queued } : {}),
  };
}

function sameRequest(a: RequestState, b: RequestState): boolean {
  return (
    a.server === b.server && a.conn === b.conn && a.reused === b.reused && a.status === b.status && a.doneAt === b.doneAt &&
    a.error === b.error && a.backend === b.backend && a.answeredBy === b.answeredBy && (a.queued ?? null) === (b.queued ?? null) && a.id === b.id && a.client === b.client &&
    a.session === b.session && a.stream === b.stream && a.method === b.method && a.path === b.path && a.sentAt === b.sentAt &&
    sameIds(a.decisions, b.decisions)
  );
}

function assignRequest(o: RequestState, v: RequestState, retain: boolean): RequestState {
  // The optional fields change an object's shape: a new object rather than a delete.
  if (
    o.id !== v.id || o.sentAt !== v.sentAt || o.stream !== v.stream || o.session !== v.session || o.client !== v.client ||
    o.method !== v.method || o.path !== v.path || o.backend !== v.backend || o.answeredBy !== v.answeredBy || (o.queued ?? null) !== (v.queued ?? null)
  ) {
    return copyRequest(v, retain);
  }
  o.server = v.server;
  o.conn = v.conn;
  o.reused = v.reused;
  o.status = v.status;
  o.doneAt = v.doneAt;
  o.error = v.error;
  if (!sameIds(o.decisions, v.decisions)) o.decisions = retain ? v.decisions.slice() : v.decisions;
  return o;
}

type Kind<T> = {
  readonly copy: (x: T) => T;
  readonly same: (a: T, b: T) => boolean;
  readonly assign: (o: T, v: T) => T;
};

function kinds(retain: boolean) {
  return {
    conns: { copy: copyConn, same: sameConn, assign: assignConn } as Kind<ConnState>,
    sessions: { copy: copySession, same: sameSession, assign: assignSession } as Kind<SessionState>,
    streams: { copy: copyStream, same: sameStream, assign: assignStream } as Kind<StreamState>,
    requests: {
      copy: (r: RequestState) => copyRequest(r, retain),
      same: sameRequest,
      assign: (o: RequestState, v: RequestState) => assignRequest(o, v, retain),
    } as Kind<RequestState>,
  };
}

const KINDS = { retain: kinds(true), lean: kinds(false) };

/**
 * Takes a snapshot of a world (a slotWorld) in steps (`step(budget)` handles about `budget`
 * entities), so that a checkpoint of a large world can be taken between other work; the world
 * must not change until `result` is set. `last` carries the versions from one snapshot to the next.
 */
export class SnapshotTaker {
  result: Snapshot | null = null;
  private readonly parts: { [K in KindName]?: Part<Entity<K>> } = {};
  private k = 0;
  private slot = -1;
  private slots: number[] = [];
  private vs: object[] = [];
  private made = 0;
  private readonly kinds: ReturnType<typeof kinds>;

  constructor(
    private readonly w: World,
    private readonly last: Versions,
  ) {
    this.kinds = w.retain ? KINDS.retain : KINDS.lean;
  }

  /** Handles about `budget` entities; returns the work done. `result` is set when the snapshot is complete. */
  step(budget: number): number {
    let used = 0;
    while (this.k < ORDER.length) {
      const name = ORDER[this.k]!;
      const kind = this.kinds[name] as Kind<object>;
      const map = this.w[name] as SlotMap<object>;
      const last = this.last[name] as (object | undefined)[];
      const items = map.items;
      // Without tracking (a world that is not a cursor's builder), every entity is compared.
      const touched = map.track ? map.touched : null;
      if (this.slot < 0) this.slot = map.first();
      for (; this.slot < items.length; this.slot++) {
        if (used >= budget) return used;
        const x = items[this.slot];
        if (x === undefined) continue;
        let v = last[this.slot];
        // An entity nothing looked up since the last snapshot is as that snapshot took it.
        if (v === undefined || ((touched === null || touched[this.slot] === 1) && !kind.same(x, v))) {
          v = kind.copy(x);
          while (last.length < this.slot) last.push(undefined);
          last[this.slot] = v;
          this.made++;
          used += 2;
        } else used++;
        this.slots.push(this.slot);
        this.vs.push(v);
      }
      (this.parts as Record<string, Part<object>>)[name] = { slots: Int32Array.from(this.slots), vs: this.vs };
      this.slots = [];
      this.vs = [];
      this.slot = -1;
      this.k++;
    }
    // Lists last: they hold the versions of their connections (each has one by now).
    const lists = new Map<string, ServerLists>();
    const conns = this.w.conns as SlotMap<ConnState>;
    const versions = this.last.conns;
    const versionOf = (c: ConnState) => versions[conns.index.of(c.id)];
    for (const [server, l] of this.w.lists) {
      lists.set(server, { idle: l.idle.clone(versionOf), safe: l.safe.clone(versionOf), priv: l.priv.clone(versionOf), avail: l.avail.clone(versionOf) });
      used += 1 + l.idle.length + l.safe.length + l.priv.length + l.avail.length;
    }
    for (const name of ORDER) (this.w[name] as SlotMap<object>).untouch();
    const p = this.parts as Required<typeof this.parts>;
    this.result = { counts: { ...this.w.counts }, conns: p.conns, sessions: p.sessions, streams: p.streams, requests: p.requests, lists, made: this.made };
    return used;
  }
}

/** A snapshot of a slotWorld, at once. */
export function snapshot(w: World, last: Versions): Snapshot {
  const t = new SnapshotTaker(w, last);
  t.step(Number.POSITIVE_INFINITY);
  return t.result!;
}

/**
 * Makes `w` (a slotWorld over the snapshot's indexes) the snapshot's world, in place: entities
 * that exist in both keep their objects, the others are created or dropped. `w` must have the
 * snapshot's `retain` setting.
 */
export function restore(w: World, s: Snapshot): World {
  const k = w.retain ? KINDS.retain : KINDS.lean;
  restoreMap(w.conns as SlotMap<ConnState>, s.conns, k.conns);
  restoreMap(w.sessions as SlotMap<SessionState>, s.sessions, k.sessions);
  restoreMap(w.streams as SlotMap<StreamState>, s.streams, k.streams);
  restoreMap(w.requests as SlotMap<RequestState>, s.requests, k.requests);
  const conns = w.conns as SlotMap<ConnState>;
  const own = (v: ConnState) => conns.items[conns.index.of(v.id)];
  for (const [server, l] of s.lists) {
    w.lists.set(server, { idle: relist(l.idle, own), safe: relist(l.safe, own), priv: relist(l.priv, own), avail: relist(l.avail, own) });
  }
  w.counts = { ...s.counts };
  return w;
}

/** The list over the world's own connections (a clone keeps the layout, and so the slots to come). */
function relist(l: ConnList<ConnState>, own: (v: ConnState) => ConnState | undefined): ConnList<ConnState> {
  return l.clone(own);
}

/** Writes the part's entities into their slots (reusing the objects there) and empties the other slots. */
function restoreMap<T>(map: SlotMap<T>, part: Part<T>, kind: Kind<T>): void {
  const { slots, vs } = part;
  const n = slots.length;
  const items = map.items;
  const start = n > 0 ? Math.min(map.first(), slots[0]!) : map.first();
  map.reach(n > 0 ? slots[n - 1]! + 1 : 0);
  const end = items.length;
  let j = 0;
  for (let s = start; s < end; s++) {
    if (j < n && slots[j] === s) {
      const o = items[s];
      items[s] = o === undefined ? kind.copy(vs[j]!) : kind.assign(o, vs[j]!);
      j++;
    } else if (items[s] !== undefined) items[s] = undefined;
  }
  map.count = n;
  map.lo = n > 0 ? slots[0]! : end;
}
