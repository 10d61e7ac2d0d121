import { ENGINE_NAMES } from '../../core';
import type { EngineName } from '../../core';

/**
 * The share-link codec (G13): `#s=<format>.<codec>.<data>`. Pure: no DOM, no store.
 *
 * Format 1, codec `d`: the payload JSON, UTF-8, `CompressionStream('deflate-raw')`,
 * base64url without padding. Every format ever released stays decodable: add a new
 * format next to the old ones in `DECODERS`, never change or remove one
 * (app/share/corpus.test.ts holds frozen links of every format).
 *
 * Nothing in a link is ever executed: the payload is parsed as JSON and copied field by
 * field into fresh plain values of the expected types; anything else is dropped.
 */

export const FORMAT_VERSION = 1;
export const CODEC = 'd';
/** Above this, chat apps cut the link (Discord: 2,000 characters). */
export const WARN_LINK_CHARS = 2_000;
/** Longer fragments are refused before any work (Chrome accepts 2 MB URLs). */
export const MAX_FRAGMENT_CHARS = 1_000_000;
/** Inflated JSON above this is refused (a "zip bomb" stops here). */
export const MAX_JSON_BYTES = 2_000_000;
/** Scenario text above this is refused. */
export const MAX_SCENARIO_CHARS = 500_000;
export const MAX_EVENT_INDEX = 10_000_000;
/** The event log's filter in a link: a few words, not a document. */
export const MAX_FILTER_CHARS = 200;

/** What a link may say about the view, besides the scenario. All optional. */
export interface ShareView {
  /** Playhead: the selected event (index into the trace; -1 = before the first). */
  readonly index?: number;
  /** The highlighted connection (`c3`). */
  readonly conn?: string;
  /** The editor pane folded to its rail (presenting). */
  readonly editor?: 'open' | 'folded';
  /** Compare mode: the second engine shown next to the scenario's own. */
  readonly compare?: EngineName;
  /** The event log's filter (`c3 destroy`). */
  readonly filter?: string;
}

export interface SharePayload {
  readonly v: 1;
  /** The engine the author ran, with the HAProxy commit it modelled then. */
  readonly engine: { readonly name: string; readonly commit: string };
  readonly scenario: string;
  readonly view: ShareView;
}

export type DecodeErrorCode =
  | 'empty' // nothing after `#s=`
  | 'malformed' // not `<format>.<codec>.<data>`
  | 'newer' // a format or payload version this build does not know
  | 'codec' // a codec this format does not have
  | 'too-large' // fragment or inflated payload over the limits
  | 'damaged' // not base64url, or the compressed data is cut off or corrupt
  | 'invalid'; // decodes, but is not a payload (JSON or required fields wrong)

export interface DecodeError {
  readonly code: DecodeErrorCode;
  /** One sentence for the user. Never quotes the link. */
  readonly message: string;
}

export type DecodeResult =
  | { readonly ok: true; readonly payload: SharePayload; readonly format: number; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: DecodeError };

const fail = (code: DecodeErrorCode, message: string): DecodeResult => ({ ok: false, error: { code, message } });

const DAMAGED = 'This link is incomplete or damaged (was it cut off when it was copied?).';

// ---- bytes ⇄ base64url (sync) -----------------------------------------------------

const B64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Null when `s` is not base64url (wrong characters, impossible length). */
export function fromBase64Url(s: string): Uint8Array | null {
  if (!B64URL.test(s) || s.length % 4 === 1) return null;
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    return null;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// ---- deflate-raw (async: CompressionStream) -----------------------------------------

async function readAll(stream: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | 'too-large'> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      reader.cancel().catch(() => {});
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function pipe(bytes: Uint8Array, ts: CompressionStream | DecompressionStream, max: number): Promise<Uint8Array | 'too-large'> {
  const writer = ts.writable.getWriter();
  // Errors surface on the readable side; these promises must not reject unhandled.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  return readAll(ts.readable as ReadableStream<Uint8Array>, max);
}

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const r = await pipe(bytes, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
  return r as Uint8Array;
}

/** Inflated bytes; 'too-large' past `max`; 'damaged' when the data is cut off or corrupt. */
export async function inflateRaw(bytes: Uint8Array, max: number): Promise<Uint8Array | 'too-large' | 'damaged'> {
  try {
    return await pipe(bytes, new DecompressionStream('deflate-raw'), max);
  } catch {
    return 'damaged';
  }
}

// ---- the fragment ---------------------------------------------------------------------

export interface FragmentParts {
  readonly format: string;
  readonly codec: string;
  readonly data: string;
}

/** Split `#s=1.d.xxxx` (with or without `#`); null when it is not a share fragment at all. */
export function splitFragment(hash: string): FragmentParts | 'malformed' | 'empty' | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h.startsWith('s=')) return null;
  const body = h.slice(2);
  if (body === '') return 'empty';
  const a = body.indexOf('.');
  const b = a < 0 ? -1 : body.indexOf('.', a + 1);
  if (a < 0 || b < 0) return 'malformed';
  return { format: body.slice(0, a), codec: body.slice(a + 1, b), data: body.slice(b + 1) };
}

/** Encode a payload as a fragment, without the leading `#`: `s=1.d.<base64url>`. */
export async function encodeShare(p: SharePayload): Promise<string> {
  const json = JSON.stringify(normalisePayload(p));
  const packed = await deflateRaw(new TextEncoder().encode(json));
  return `s=${FORMAT_VERSION}.${CODEC}.${toBase64Url(packed)}`;
}

/** Fixed field order and no default view fields: the same state gives the same link. */
export function normalisePayload(p: SharePayload): SharePayload {
  const view: { -readonly [K in keyof ShareView]: ShareView[K] } = {};
  if (p.view.index !== undefined && p.view.index >= 0) view.index = p.view.index;
  if (p.view.conn) view.conn = p.view.conn;
  if (p.view.editor === 'folded') view.editor = 'folded';
  if (p.view.compare) view.compare = p.view.compare;
  const filter = p.view.filter?.trim();
  if (filter) view.filter = filter;
  return { v: 1, engine: { name: p.engine.name, commit: p.engine.commit }, scenario: p.scenario, view };
}

type Decoder = (codec: string, data: string) => Promise<DecodeResult>;

/** One decoder per format ever released. Never remove or change one: add the next. */
const DECODERS: Readonly<Record<number, Decoder>> = {
  1: async (codec, data) => {
    if (codec !== 'd') return fail('codec', `This link uses a compression (“${safeBit(codec)}”) that this playground does not know.`);
    const bytes = fromBase64Url(data);
    if (!bytes || bytes.length === 0) return fail('damaged', DAMAGED);
    const inflated = await inflateRaw(bytes, MAX_JSON_BYTES);
    if (inflated === 'too-large') return fail('too-large', 'This link holds more than the playground accepts (over 2 MB once unpacked).');
    if (inflated === 'damaged') return fail('damaged', DAMAGED);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
    } catch {
      return fail('damaged', DAMAGED);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail('invalid', 'This link does not hold a scenario (its content is not readable).');
    }
    return validatePayload(json, 1);
  },
};

/** Decode a share fragment. Never throws; every failure is a `DecodeError` with a sentence for the user. */
export async function decodeShare(hash: string): Promise<DecodeResult> {
  try {
    if (hash.length > MAX_FRAGMENT_CHARS) return fail('too-large', 'This link is too long to open (over 1,000,000 characters).');
    const parts = splitFragment(hash);
    if (parts === null) return fail('malformed', 'This is not a share link (it should start with #s=).');
    if (parts === 'empty') return fail('empty', 'This share link is empty (nothing after #s=).');
    if (parts === 'malformed') return fail('damaged', DAMAGED);
    if (!/^[0-9]{1,6}$/.test(parts.format)) return fail('damaged', DAMAGED);
    const format = Number(parts.format);
    if (format > FORMAT_VERSION) return newer(format);
    const decoder = DECODERS[format];
    if (!decoder) return fail('damaged', DAMAGED);
    const r = await decoder(parts.codec, parts.data);
    return r.ok ? { ...r, format } : r;
  } catch {
    // Defence in depth: a decoder bug must still give a message, not an exception.
    return fail('damaged', DAMAGED);
  }
}

function newer(format: number): DecodeResult {
  return fail(
    'newer',
    `This link was made by a newer version of the playground (format ${format}); this one reads up to format ${FORMAT_VERSION}. Reload to get the latest version.`,
  );
}

/** Short, harmless rendering of a piece of a link for a message. */
function safeBit(s: string): string {
  const t = s.replace(/[^A-Za-z0-9_-]/g, '?');
  return t.length > 12 ? `${t.slice(0, 12)}…` : t;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Check a parsed payload and copy it into fresh values of the right types. Required
 * fields wrong → error; optional view fields wrong → dropped with a warning.
 */
export function validatePayload(json: unknown, format: number): DecodeResult {
  if (!isObject(json)) return fail('invalid', 'This link does not hold a scenario.');
  const v = json.v;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return fail('invalid', 'This link does not say which format it uses.');
  if (v > 1) return newer(v);
  const scenario = json.scenario;
  if (typeof scenario !== 'string') return fail('invalid', 'This link does not hold a scenario text.');
  if (scenario.length > MAX_SCENARIO_CHARS) return fail('too-large', 'The scenario in this link is too long (over 500,000 characters).');
  const warnings: string[] = [];
  let engine = { name: 'seed', commit: '' };
  if (isObject(json.engine) && typeof json.engine.name === 'string' && typeof json.engine.commit === 'string') {
    const name = json.engine.name;
    const commit = json.engine.commit;
    engine = {
      name: /^[a-z0-9-]{1,24}$/.test(name) ? name : 'unknown',
      commit: /^[A-Za-z0-9.-]{0,64}$/.test(commit) ? commit : '',
    };
  } else warnings.push('The link does not say which engine it was made with.');

  const view: { -readonly [K in keyof ShareView]: ShareView[K] } = {};
  const rv = json.view;
  if (rv !== undefined && !isObject(rv)) warnings.push('The view settings in the link were unreadable and were ignored.');
  if (isObject(rv)) {
    const dropped: string[] = [];
    if (rv.index !== undefined) {
      if (typeof rv.index === 'number' && Number.isInteger(rv.index) && rv.index >= -1 && rv.index <= MAX_EVENT_INDEX) view.index = rv.index;
      else dropped.push('event');
    }
    if (rv.conn !== undefined) {
      if (typeof rv.conn === 'string' && /^c[0-9]{1,7}$/.test(rv.conn)) view.conn = rv.conn;
      else dropped.push('connection');
    }
    if (rv.editor !== undefined) {
      if (rv.editor === 'open' || rv.editor === 'folded') view.editor = rv.editor;
      else dropped.push('editor');
    }
    if (rv.compare !== undefined) {
      if (typeof rv.compare === 'string' && (ENGINE_NAMES as readonly string[]).includes(rv.compare)) view.compare = rv.compare as EngineName;
      else dropped.push('compare');
    }
    if (rv.filter !== undefined) {
      // Printable text only: it goes into a text field, and it is short.
      if (typeof rv.filter === 'string' && rv.filter.length <= MAX_FILTER_CHARS && !/[\u0000-\u001f\u007f]/.test(rv.filter)) view.filter = rv.filter;
      else dropped.push('filter');
    }
    if (dropped.length) warnings.push(`Some view settings in the link were not understood and were ignored (${dropped.join(', ')}).`);
  }
  return { ok: true, format, payload: { v: 1, engine, scenario, view }, warnings };
}
