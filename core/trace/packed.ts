import { sharedNo } from './shared-conds';
import { MODERN_DECISIONS, PARENT_DECISIONS, ROUTING_DECISIONS, SEED_DECISIONS, WORLD_DECISIONS, type DecisionId } from './decisions';
import { EVENT_SCHEMA, FIELD_TYPES, KIND_FIELDS, type Condition, type EventKind, type FieldName, type TraceEvent } from './events';

/*
 * The packed form of a trace, derived from the schema (./events.ts): what the page's worker
 * sends (one Int32Array per chunk, transferred) and the page decodes. The worker writes it
 * straight from the engine's calls (core/engines/writer/packed.ts): no event object, and no
 * string looked up for the entities an event names.
 *
 * One event, in 32-bit words:
 *   head    kind | decision << 6 | (optional fields present, one bit each in schema order) << 14
 *           | SAME_T | SAME_LINE (bits 29 and 30: the event has the time, or the line, of the
 *           event before it in the chunk, and that word is left out: a request's events mostly
 *           share both, so a chunk is about a third smaller)
 *   t       two words: t mod 2^30, then t / 2^30 (virtual µs; a run may pass 2^31); a t that
 *           is not a whole number of µs (a test's, not the engine's): 0, then -1 - its index in `numbers`
 *   line    the statement's source line (0: none)
 *   fields  the kind's fields in schema order, the optional ones only when present, one word
 *           each except a condition list:
 *     id      entity: class << 28 | number (see ENTITY); names come with the chunk, conns and
 *             requests are named c<n> and r<n> (./names.ts)
 *     name, text  index in the strings of the run (sent once, with the chunk that first uses one)
 *     int     the value (a number that is not a 32-bit integer: -1 - its index in `numbers`)
 *     bool    0 / 1
 *     enum    index of the value in its FIELD_TYPES list
 *     conds   k >= 0: shared list k of the run (sent once); -1 - n: n conditions follow inline,
 *             three words each: label (string index), value kind (0 false, 1 true, 2 int, 3 string,
 *             4 other number), value
 * Seq is implicit: events are numbered from the chunk's `from`.
 */

export const KINDS = Object.keys(EVENT_SCHEMA) as EventKind[];
export const KIND_INDEX = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<EventKind, number>;
export const DECISION_LIST: readonly DecisionId[] = [...WORLD_DECISIONS, ...SEED_DECISIONS, ...PARENT_DECISIONS, ...MODERN_DECISIONS, ...ROUTING_DECISIONS];
export const DECISION_INDEX = Object.fromEntries(DECISION_LIST.map((d, i) => [d, i])) as Record<DecisionId, number>;

/** Entity classes of an `id` word. */
export const ENTITY = { client: 1, session: 2, stream: 3, request: 4, conn: 5 } as const;
export const CLASS_SHIFT = 28;
const NUMBER_MASK = (1 << CLASS_SHIFT) - 1;
/** Entity numbers from here on are kept apart by the decoder (the packed writer's aliases start at 1 << 27). */
const SPARSE_FROM = 1 << 26;
export const HEAD_DECISION_SHIFT = 6;
export const HEAD_MASK_SHIFT = 14;
/** The presence mask's bits, once shifted down (at most 15 optional fields; a kind has 9 at most). */
const MASK_BITS = (1 << 15) - 1;
/** Head flags: the time words, or the line word, are left out (the previous event's). */
export const SAME_T = 1 << 29;
export const SAME_LINE = 1 << 30;
const T_LOW = 2 ** 30;

/** Name of connection n and of request n: the engine's ids (formatted for display only). */
export const connName = (n: number): string => `c${n}`;
export const requestName = (n: number): string => `r${n}`;

export interface PackedChunk {
  readonly count: number;
  readonly data: Int32Array;
  /** Entities named for the first time in this chunk (sessions, streams, clients): their id word, then their name. */
  readonly nameIds: number[];
  readonly names: string[];
  /**
   * Streams first named in this chunk, three numbers each: the stream's id word, its session's
   * id word and its number on that session (its name is `SESSION/N`: no string per stream).
   */
  readonly streams: Int32Array;
  /** Strings first used in this chunk (their indexes follow the previous chunks'). */
  readonly strings: string[];
  /** Shared condition lists first used in this chunk. */
  readonly conds: (readonly Condition[])[];
  /** Numbers that are not 32-bit integers. */
  readonly numbers: number[];
}

/** Per kind: for each field in schema order, its name, its type code and whether it is optional. */
const T_ID = 0;
const T_STR = 1;
const T_INT = 2;
const T_BOOL = 3;
const T_ENUM = 4;
const T_CONDS = 5;
interface Slot {
  readonly name: FieldName;
  readonly type: number;
  readonly optional: boolean;
  readonly values: readonly string[] | null;
}
function typeCode(f: FieldName): number {
  const t = FIELD_TYPES[f];
  if (Array.isArray(t)) return T_ENUM;
  return t === 'id' ? T_ID : t === 'name' || t === 'text' ? T_STR : t === 'int' ? T_INT : t === 'bool' ? T_BOOL : T_CONDS;
}
export const LAYOUT: readonly (readonly Slot[])[] = KINDS.map((k) =>
  KIND_FIELDS[k].map((f) => ({
    name: f.name,
    type: typeCode(f.name),
    optional: f.optional,
    values: Array.isArray(FIELD_TYPES[f.name]) ? (FIELD_TYPES[f.name] as readonly string[]) : null,
  })),
);
/** LAYOUT flattened for the decoder's loop: kind k's fields are FLAT_START[k] .. FLAT_START[k + 1] - 1. */
const FLAT = LAYOUT.flat();
const FLAT_START = Int32Array.from(LAYOUT.reduce<number[]>((a, slots) => [...a, a[a.length - 1]! + slots.length], [0]));
const FLAT_TYPE = Int32Array.from(FLAT, (s) => s.type);
const FLAT_OPTIONAL = Uint8Array.from(FLAT, (s) => (s.optional ? 1 : 0));
const FLAT_VALUES = FLAT.map((s) => s.values);
const FLAT_NAME = FLAT.map((s) => s.name);

/** Slots of the encoder's string cache (a power of two). */
const STR_SLOTS = 32;
/** Shared condition lists the encoder remembers by identity before it asks its map. */
const RECENT_CONDS = 8;

/** Per kind: the bit of each field in the presence mask (-1: a required field). */
export const OPTIONAL_BIT: readonly Record<string, number>[] = LAYOUT.map((slots) => {
  const bits: Record<string, number> = {};
  let b = 0;
  for (const s of slots) bits[s.name] = s.optional ? b++ : -1;
  return bits;
});

/**
 * The writer's side of the packed form: words appended to a growing buffer, taken as a chunk
 * with `take`. The packed trace writer calls it per field; `event` packs a built event (the
 * rare kinds, and tests).
 */
export class PackedEncoder {
  /** The words written (read by the packed writer's frequent kinds, which write their fields at `used` and call `end`). */
  buf = new Int32Array(1 << 16);
  used = 0;
  count = 0;
  private readonly strings = new Map<string, number>();
  /**
   * Strings looked up lately and their indexes, one per slot by a hash of their last character
   * and length: a load scenario's requests name the same method, path, backend and few servers
   * over and over, and a slot costs less than a map lookup. (The last four looked up, kept before,
   * missed on every request when two servers took turns: five strings.)
   */
  private readonly recentStr: (string | null)[] = new Array<string | null>(STR_SLOTS).fill(null);
  private readonly recentStrNo = new Int32Array(STR_SLOTS);
  private readonly condIds = new WeakMap<readonly Condition[], number>();
  /** Ids of the lists made by shareConds, by their number (-1: not used yet). */
  private sharedIds = new Int32Array(64).fill(-1);
  /** The shared lists met last and their ids, by identity (a few lists come back on every request). */
  private readonly recent: (readonly Condition[] | null)[] = new Array<null>(RECENT_CONDS).fill(null);
  private readonly recentIds = new Int32Array(RECENT_CONDS);
  private nextRecent = 0;
  private nConds = 0;
  private newStrings: string[] = [];
  private newConds: (readonly Condition[])[] = [];
  private numbers: number[] = [];
  private nameIds: number[] = [];
  private names: string[] = [];
  /** Stream parts written since the last `take` (see PackedChunk.streams): a typed array, copied by its bytes when posted. */
  private streams = new Int32Array(3 * 1024);
  private streamsUsed = 0;
  /** Where the head word of the event being written is. */
  private head = 0;
  /** The last event's time (when written as two plain words; NaN: none) and line, in this chunk. */
  private lastT = Number.NaN;
  private lastLine = -1;

  /** Room for `n` more words. */
  room(n: number): Int32Array {
    if (this.used + n > this.buf.length) {
      const b = new Int32Array(Math.max(this.buf.length * 2, this.used + n));
      b.set(this.buf.subarray(0, this.used));
      this.buf = b;
    }
    return this.buf;
  }

  /**
   * Starts an event: head (mask filled in by `mask`), time and line, each left out when it is the
   * previous event's. Room for `fields` words is made.
   */
  begin(kind: number, decision: number, t: number, line: number, fields: number): Int32Array {
    const p = this.used;
    const b = p + 4 + fields <= this.buf.length ? this.buf : this.room(4 + fields);
    this.head = p;
    let head = kind | (decision << HEAD_DECISION_SHIFT);
    let q = p + 1;
    if ((t | 0) === t && (t > 0 || 1 / t > 0)) {
      if (t === this.lastT) head |= SAME_T;
      else {
        // A time that fits 31 bits (most runs' every time) is split without floating-point division.
        b[q] = t & (T_LOW - 1);
        b[q + 1] = t >> 30;
        q += 2;
        this.lastT = t;
      }
    } else {
      if (t > 0 && Number.isSafeInteger(t)) {
        b[q] = t % T_LOW;
        b[q + 1] = Math.floor(t / T_LOW);
      } else {
        b[q] = 0;
        b[q + 1] = -1 - (this.numbers.push(t) - 1);
      }
      q += 2;
      this.lastT = Number.NaN;
    }
    if (line === this.lastLine) head |= SAME_LINE;
    else {
      b[q++] = line;
      this.lastLine = line;
    }
    b[p] = head;
    this.used = q;
    this.count++;
    return b;
  }

  /** Sets the presence mask of the event being written. */
  mask(bits: number): void {
    this.buf[this.head]! |= bits << HEAD_MASK_SHIFT;
  }

  /**
   * Ends the event being written whose fields were written straight into `buf` up to word `p`
   * (room made by `begin`), with its presence mask: a word per field as a local write, not a call.
   */
  end(p: number, bits: number): void {
    this.used = p;
    this.buf[this.head]! |= bits << HEAD_MASK_SHIFT;
  }

  /** As `end`, with a condition list as the event's last field (it may make room: `buf` may change). */
  endConds(p: number, list: readonly Condition[], bits: number): void {
    this.used = p;
    this.conds(list);
    this.buf[this.head]! |= bits << HEAD_MASK_SHIFT;
  }

  /** Appends one word (room made by `begin`). */
  w(v: number): void {
    this.buf[this.used++] = v;
  }

  /** An entity named for the first time: the decoder learns its name. */
  name(id: number, name: string): void {
    this.nameIds.push(id);
    this.names.push(name);
  }

  /** A stream named for the first time, by its session and its number there (see PackedChunk.streams). */
  stream(id: number, session: number, local: number): void {
    let s = this.streams;
    const p = this.streamsUsed;
    if (p + 3 > s.length) {
      s = new Int32Array(s.length * 2);
      s.set(this.streams);
      this.streams = s;
    }
    s[p] = id;
    s[p + 1] = session;
    s[p + 2] = local;
    this.streamsUsed = p + 3;
  }

  str(s: string): number {
    const n = s.length;
    const slot = n === 0 ? 0 : (s.charCodeAt(n - 1) * 31 + n) & (STR_SLOTS - 1);
    if (this.recentStr[slot] === s) return this.recentStrNo[slot]!;
    let i = this.strings.get(s);
    if (i === undefined) {
      i = this.strings.size;
      this.strings.set(s, i);
      this.newStrings.push(s);
    }
    this.recentStr[slot] = s;
    this.recentStrNo[slot] = i;
    return i;
  }

  int(v: number): number {
    if ((v | 0) === v && v >= 0) return v;
    return -1 - (this.numbers.push(v) - 1);
  }

  /** A condition list: frozen ones (the shared flyweights of engines/conds.ts) by identity, others inline. */
  conds(list: readonly Condition[]): void {
    const no = sharedNo(list);
    if (no >= 0) {
      // A list of engines/conds.ts: its id by its number, no lookup by identity.
      if (no >= this.sharedIds.length) {
        const grown = new Int32Array(Math.max(no + 1, this.sharedIds.length * 2)).fill(-1);
        grown.set(this.sharedIds);
        this.sharedIds = grown;
      }
      let i = this.sharedIds[no]!;
      if (i < 0) {
        i = this.nConds++;
        this.sharedIds[no] = i;
        this.newConds.push(list);
      }
      this.w(i);
      return;
    }
    const recent = this.recent;
    for (let k = 0; k < RECENT_CONDS; k++) {
      if (recent[k] === list) {
        this.w(this.recentIds[k]!);
        return;
      }
    }
    if (Object.isFrozen(list)) {
      let i = this.condIds.get(list);
      if (i === undefined) {
        i = this.nConds++;
        this.condIds.set(list, i);
        this.newConds.push(list);
      }
      const k = this.nextRecent;
      recent[k] = list;
      this.recentIds[k] = i;
      this.nextRecent = (k + 1) % RECENT_CONDS;
      this.w(i);
      return;
    }
    const b = this.room(1 + 3 * list.length);
    let p = this.used;
    b[p++] = -1 - list.length;
    for (const c of list) {
      b[p++] = this.str(c.label);
      const v = c.value;
      if (v === false) {
        b[p++] = 0;
        b[p++] = 0;
      } else if (v === true) {
        b[p++] = 1;
        b[p++] = 0;
      } else if (typeof v === 'number') {
        const int = (v | 0) === v && !Object.is(v, -0);
        b[p++] = int ? 2 : 4;
        b[p++] = int ? v : this.numbers.push(v) - 1;
      } else {
        b[p++] = 3;
        b[p++] = this.str(v);
      }
    }
    this.used = p;
  }

  /** Packs a built event; `idOf` gives the id word of an entity it names. */
  event(e: TraceEvent, idOf: (field: FieldName, name: string) => number): void {
    const k = KIND_INDEX[e.kind];
    const slots = LAYOUT[k]!;
    this.begin(k, DECISION_INDEX[e.decision], e.t, e.line ?? 0, slots.length);
    const rec = e as unknown as Record<string, unknown>;
    let bits = 0;
    let bit = 0;
    for (const s of slots) {
      const v = rec[s.name];
      if (s.optional) {
        if (v === undefined) {
          bit++;
          continue;
        }
        bits |= 1 << bit++;
      } else if (v === undefined) throw new Error(`${e.kind} event without its ${s.name}`);
      switch (s.type) {
        case T_ID:
          this.w(idOf(s.name, v as string));
          break;
        case T_STR:
          this.w(this.str(v as string));
          break;
        case T_INT:
          this.w(this.int(v as number));
          break;
        case T_BOOL:
          this.w(v ? 1 : 0);
          break;
        case T_ENUM:
          this.w(s.values!.indexOf(v as string));
          break;
        default:
          this.conds(v as readonly Condition[]);
      }
    }
    this.mask(bits);
  }

  /**
   * The events written since the last `take`, as a chunk: a copy of the words written (transfer
   * them), exactly as long as they are. The buffer stays and is written again: a buffer made
   * per chunk was zeroed first and its memory was new to the cache.
   */
  take(): PackedChunk {
    const used = this.used;
    const chunk: PackedChunk = {
      count: this.count, data: this.buf.slice(0, used), nameIds: this.nameIds, names: this.names, streams: this.streams.slice(0, this.streamsUsed), strings: this.newStrings,
      conds: this.newConds, numbers: this.numbers,
    };
    this.used = 0;
    this.count = 0;
    // A chunk is decoded on its own: its first event has its time and line.
    this.lastT = Number.NaN;
    this.lastLine = -1;
    this.nameIds = [];
    this.names = [];
    this.streamsUsed = 0;
    this.newStrings = [];
    this.newConds = [];
    this.numbers = [];
    return chunk;
  }
}

/**
 * The page's side: chunks back into events. `absorb` takes in a chunk's strings, condition
 * lists and names (in chunk order: a chunk's events may use those of any chunk before it);
 * `decodeEvents` then builds the events of any absorbed chunk, at any time (./trace.ts decodes
 * on read); `decodeInto` does both at once.
 */
export class PackedDecoder {
  private readonly strings: string[] = [];
  private readonly conds: (readonly Condition[])[] = [];
  /** Names of sessions, streams and clients by class and number. */
  private readonly named: string[][] = [[], [], [], [], [], []];
  /** Streams named by their session and number on it (PackedChunk.streams), by stream number. */
  private streamSession = new Int32Array(1024).fill(-1);
  private streamLocal = new Int32Array(1024);
  /** Names of entities numbered from SPARSE_FROM on, by id word. */
  private readonly sparse = new Map<number, string>();
  /** Names of connections and of requests by number, made once each (every event names one). */
  private readonly conns: string[] = [];
  private readonly requests: string[] = [];
  private seq = 0;

  /** Starts numbering at `from` (the seq of the first event of the next chunk). */
  decode(chunk: PackedChunk, from = this.seq): TraceEvent[] {
    return this.decodeInto(chunk, [], from);
  }

  /** Appends the chunk's events to `out` (the page's trace: no array per chunk); returns `out`. */
  decodeInto(chunk: PackedChunk, out: TraceEvent[], from = this.seq): TraceEvent[] {
    this.absorb(chunk);
    this.decodeEvents(chunk, from, out);
    this.seq = from + chunk.count;
    return out;
  }

  /** Takes in what the chunk names for the first time (its events are not decoded). */
  absorb(chunk: PackedChunk): void {
    for (const s of chunk.strings) this.strings.push(s);
    for (const c of chunk.conds) this.conds.push(c);
    for (let i = 0; i < chunk.nameIds.length; i++) {
      const id = chunk.nameIds[i]!;
      const n = id & NUMBER_MASK;
      // Numbers far above the rest (the writer's stream aliases) go in a map: set in the array,
      // one would turn it into a dictionary, and every later name into a hash insert.
      if (n >= SPARSE_FROM) this.sparse.set(id, chunk.names[i]!);
      else this.named[id >>> CLASS_SHIFT]![n] = chunk.names[i]!;
    }
    const s = chunk.streams;
    for (let i = 0; i < s.length; i += 3) {
      const n = s[i]! & NUMBER_MASK;
      if (n >= this.streamSession.length) this.growStreams(n);
      this.streamSession[n] = s[i + 1]! & NUMBER_MASK;
      this.streamLocal[n] = s[i + 2]!;
    }
  }

  private growStreams(n: number): void {
    const size = Math.max(n + 1, this.streamSession.length * 2);
    const session = new Int32Array(size).fill(-1);
    const local = new Int32Array(size);
    session.set(this.streamSession);
    local.set(this.streamLocal);
    this.streamSession = session;
    this.streamLocal = local;
  }

  /** Stream n's name: `SESSION/N` when it was named by its parts, else as it was named. */
  private streamName(n: number): string | undefined {
    const s = n < this.streamSession.length ? this.streamSession[n]! : -1;
    return s < 0 ? this.named[ENTITY.stream]![n] : `${this.named[ENTITY.session]![s]}/${this.streamLocal[n]}`;
  }

  /** Appends the events of an absorbed chunk to `out`, numbered from `from`. */
  decodeEvents(chunk: PackedChunk, from: number, out: TraceEvent[]): void {
    const { data, numbers } = chunk;
    const { strings, conds, named, conns, requests } = this;
    let p = 0;
    let seq = from;
    let t = 0;
    let line = 0;
    for (let i = 0; i < chunk.count; i++) {
      const head = data[p++]!;
      const k = head & 63;
      const mask = (head >>> HEAD_MASK_SHIFT) & MASK_BITS;
      if ((head & SAME_T) === 0) {
        const hi = data[p + 1]!;
        t = hi >= 0 ? data[p]! + hi * T_LOW : numbers[-1 - hi]!;
        p += 2;
      }
      if ((head & SAME_LINE) === 0) line = data[p++]!;
      // Only the fields the event has (as the engines' own events): a third of the memory of an
      // object with every field of the schema, and so less to allocate and to collect.
      const e: Record<string, unknown> = {
        seq: seq++, t, kind: KINDS[k]!, decision: DECISION_LIST[(head >>> HEAD_DECISION_SHIFT) & 255]!,
        line: line !== 0 ? line : undefined,
      };
      let bit = 0;
      const end = FLAT_START[k + 1]!;
      for (let f = FLAT_START[k]!; f < end; f++) {
        if (FLAT_OPTIONAL[f] === 1 && (mask & (1 << bit++)) === 0) continue;
        const v = data[p++]!;
        let value: unknown;
        switch (FLAT_TYPE[f]) {
          case T_ID: {
            const cls = v >>> CLASS_SHIFT;
            const n = v & NUMBER_MASK;
            value =
              cls === ENTITY.conn ? (conns[n] ??= connName(n)) : cls === ENTITY.request ? (requests[n] ??= requestName(n)) : n >= SPARSE_FROM ? this.sparse.get(v) : cls === ENTITY.stream ? this.streamName(n) : named[cls]![n];
            break;
          }
          case T_STR:
            value = strings[v];
            break;
          case T_INT:
            value = v >= 0 ? v : numbers[-1 - v];
            break;
          case T_BOOL:
            value = v === 1;
            break;
          case T_ENUM:
            value = FLAT_VALUES[f]![v];
            break;
          default:
            if (v >= 0) value = conds[v];
            else {
              const n = -1 - v;
              const list: Condition[] = new Array(n);
              for (let j = 0; j < n; j++) {
                const label = strings[data[p]!]!;
                const tag = data[p + 1]!;
                const x = data[p + 2]!;
                p += 3;
                list[j] = { label, value: tag === 0 ? false : tag === 1 ? true : tag === 2 ? x : tag === 3 ? strings[x]! : numbers[x]! };
              }
              value = list;
            }
        }
        e[FLAT_NAME[f]!] = value;
      }
      out.push(e as unknown as TraceEvent);
    }
  }
}

/**
 * Where each event of a chunk starts (word index), found from the heads alone: for reading an
 * event's time or kind without decoding it (./trace.ts).
 */
export function eventStarts(chunk: PackedChunk): Int32Array {
  const { data, count } = chunk;
  const starts = new Int32Array(count);
  let p = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = p;
    const head = data[p]!;
    const k = head & 63;
    const mask = (head >>> HEAD_MASK_SHIFT) & MASK_BITS;
    p += 1 + ((head & SAME_T) === 0 ? 2 : 0) + ((head & SAME_LINE) === 0 ? 1 : 0);
    let bit = 0;
    const end = FLAT_START[k + 1]!;
    for (let f = FLAT_START[k]!; f < end; f++) {
      if (FLAT_OPTIONAL[f] === 1 && (mask & (1 << bit++)) === 0) continue;
      const v = data[p++]!;
      if (FLAT_TYPE[f] === T_CONDS && v < 0) p += 3 * (-1 - v);
    }
  }
  return starts;
}

/**
 * The time of event `i` of the chunk (`starts`: eventStarts of the chunk). An event that has the
 * time of the one before it has no time words: the nearest one before it that has them is read
 * (the chunk's first event always has them).
 */
export function timeOfEvent(chunk: PackedChunk, starts: Int32Array, i: number): number {
  const data = chunk.data;
  let j = i;
  while (j > 0 && (data[starts[j]!]! & SAME_T) !== 0) j--;
  const p = starts[j]!;
  const hi = data[p + 2]!;
  return hi >= 0 ? data[p + 1]! + hi * T_LOW : chunk.numbers[-1 - hi]!;
}

/** The kind of the event that starts at word `p` of the chunk. */
export function kindAtWord(chunk: PackedChunk, p: number): EventKind {
  return KINDS[chunk.data[p]! & 63]!;
}
