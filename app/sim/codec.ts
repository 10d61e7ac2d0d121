import { EVENT_FIELDS, eventFromFields, type TraceEvent } from '../../core';

/**
 * Trace events between the worker and the page, packed: one Int32Array per chunk
 * (transferred, not copied) plus the strings and objects it uses for the first time.
 * A structured clone of plain events allocates every string and condition of every
 * event again on the page — millions of objects for a large run, and garbage-collector
 * pauses of 50–100 ms; decoded events share one copy of each string and condition list.
 *
 * Layout per event: field count, then two words per field: key × 8 + tag (the key is a
 * string index), and the value — an integer, a string or object index, or the index of a
 * number in the chunk's `numbers` (one that is not a 32-bit integer). Four bytes a word,
 * not eight: transferred buffers count against the page's heap limits, and a run of
 * 10,000 clients sent 80 MB of them as doubles, bringing on major collections.
 */
const INT = 0;
const STR = 1;
const TRUE = 2;
const FALSE = 3;
const OBJ = 4;
const F64 = 5;

export interface EncodedChunk {
  readonly count: number;
  readonly data: Int32Array;
  /** Numbers that are not 32-bit integers, referred to by index. */
  readonly numbers: number[];
  /** Strings first used in this chunk (their indexes follow the previous chunks'). */
  readonly strings: string[];
  /** Objects (condition lists…) first used in this chunk. */
  readonly objects: unknown[];
}

export class TraceEncoder {
  private readonly strings = new Map<string, number>();
  private readonly objects = new Map<string, number>();
  /**
   * Indexes by identity, in front of the maps by content: field names are a handful of strings
   * looked up for every field, and most condition lists are shared flyweights
   * (core/engines/conds.ts). Both skip the large maps (and building a content key).
   */
  private readonly keys = new Map<string, number>();
  private readonly seen = new WeakMap<object, number>();
  private newStrings: string[] = [];
  private newObjects: unknown[] = [];
  private buf = new Int32Array(1 << 15);
  private used = 0;
  private numbers: number[] = [];

  private str(s: string): number {
    let i = this.strings.get(s);
    if (i === undefined) {
      i = this.strings.size;
      this.strings.set(s, i);
      this.newStrings.push(s);
    }
    return i;
  }

  private key(k: string): number {
    let i = this.keys.get(k);
    if (i === undefined) {
      i = this.str(k);
      this.keys.set(k, i);
    }
    return i;
  }

  private obj(o: unknown): number {
    const ref = typeof o === 'object' && o !== null ? o : null;
    if (ref) {
      const known = this.seen.get(ref);
      if (known !== undefined) return known;
    }
    const key = objectKey(o);
    let i = this.objects.get(key);
    if (i === undefined) {
      i = this.objects.size;
      this.objects.set(key, i);
      this.newObjects.push(o);
    }
    if (ref) this.seen.set(ref, i);
    return i;
  }

  /** Room for `n` more words in the output buffer. */
  private room(n: number): Int32Array {
    if (this.used + n > this.buf.length) {
      const b = new Int32Array(Math.max(this.buf.length * 2, this.used + n));
      b.set(this.buf.subarray(0, this.used));
      this.buf = b;
    }
    return this.buf;
  }

  encode(events: readonly TraceEvent[]): EncodedChunk {
    this.used = 0;
    for (const e of events) {
      const at = this.used++;
      let n = 0;
      for (const k in e) {
        const v = (e as unknown as Record<string, unknown>)[k];
        if (v === undefined) continue;
        n++;
        const out = this.room(2);
        const p = this.used;
        this.used += 2;
        const key = this.key(k) * 8;
        if (typeof v === 'number') {
          if ((v | 0) === v && !Object.is(v, -0)) {
            out[p] = key + INT;
            out[p + 1] = v;
          } else {
            out[p] = key + F64;
            out[p + 1] = this.numbers.push(v) - 1;
          }
        } else if (typeof v === 'string') {
          out[p] = key + STR;
          out[p + 1] = this.str(v);
        } else if (typeof v === 'boolean') {
          out[p] = key + (v ? TRUE : FALSE);
          out[p + 1] = 0;
        } else {
          out[p] = key + OBJ;
          out[p + 1] = this.obj(v);
        }
      }
      this.room(0)[at] = n;
    }
    const chunk = { count: events.length, data: this.buf.slice(0, this.used), numbers: this.numbers, strings: this.newStrings, objects: this.newObjects };
    this.numbers = [];
    this.newStrings = [];
    this.newObjects = [];
    return chunk;
  }
}

/**
 * Identity of a value by content. Condition lists (`[{ label, value }]`, most objects of
 * a trace, freshly made for each event) get a cheap key; anything else goes through JSON.
 */
function objectKey(o: unknown): string {
  if (Array.isArray(o)) {
    let key = '[';
    for (const c of o as unknown[]) {
      if (c === null || typeof c !== 'object') return JSON.stringify(o);
      const { label, value } = c as { label?: unknown; value?: unknown };
      if (typeof label !== 'string' || Object.keys(c).length !== 2) return JSON.stringify(o);
      const t = typeof value;
      if (t !== 'string' && t !== 'number' && t !== 'boolean') return JSON.stringify(o);
      key += `${label}\u0000${t[0]}${String(value)}\u0001`;
    }
    return key;
  }
  return JSON.stringify(o);
}

/** Slot of each event field in EVENT_FIELDS order. */
const SLOT = new Map<string, number>(EVENT_FIELDS.map((k, i) => [k, i]));

export class TraceDecoder {
  private readonly strings: string[] = [];
  private readonly objects: unknown[] = [];
  /** For each string index used as a key: its slot in EVENT_FIELDS, or -1. */
  private readonly slots: number[] = [];
  /** Field values of the event being decoded (reused). */
  private readonly values: unknown[] = new Array(EVENT_FIELDS.length);

  decode(chunk: EncodedChunk): TraceEvent[] {
    for (const s of chunk.strings) {
      this.strings.push(s);
      this.slots.push(SLOT.get(s) ?? -1);
    }
    for (const o of chunk.objects) this.objects.push(o);
    const { data, numbers } = chunk;
    const { strings, objects, slots, values } = this;
    const events: TraceEvent[] = new Array(chunk.count);
    let p = 0;
    for (let i = 0; i < chunk.count; i++) {
      const n = data[p++]!;
      values.fill(undefined);
      let extra: [string, unknown][] | null = null;
      for (let f = 0; f < n; f++) {
        const w = data[p]!;
        const v = data[p + 1]!;
        p += 2;
        const k = w >>> 3;
        const tag = w & 7;
        const value =
          tag === INT ? v : tag === STR ? strings[v] : tag === TRUE ? true : tag === FALSE ? false : tag === OBJ ? objects[v] : numbers[v];
        const slot = slots[k]!;
        if (slot >= 0) values[slot] = value;
        else (extra ??= []).push([strings[k]!, value]);
      }
      // One literal of every field for all events (see EVENT_FIELDS); a field it does not know is added after.
      const e = eventFromFields(values);
      if (extra) for (const [key, value] of extra) (e as unknown as Record<string, unknown>)[key] = value;
      events[i] = e;
    }
    return events;
  }
}
