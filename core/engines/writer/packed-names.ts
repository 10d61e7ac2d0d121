import type { FieldName } from '../../trace/events';
import { CLASS_SHIFT, ENTITY, type PackedEncoder } from '../../trace/packed';
import type { Conn, Request, Session, Stream } from '../types';

/** Id words of the engine's entities (trace/packed.ts: class in the high bits, number below). */
export const connId = (c: Conn) => (ENTITY.conn << CLASS_SHIFT) | c.no;
export const requestId = (r: Request) => (ENTITY.request << CLASS_SHIFT) | r.no;
export const streamId = (s: Stream) => (ENTITY.stream << CLASS_SHIFT) | s.no;
export const sessionId = (s: Session) => (ENTITY.session << CLASS_SHIFT) | s.no;
export const clientId = (s: Session) => (ENTITY.client << CLASS_SHIFT) | s.client.no;

/** The number in `c12` / `r7`: the engine's names of connections and requests (trace/packed.ts connName). */
export function numberIn(name: string): number {
  let n = 0;
  for (let i = 1; i < name.length; i++) n = n * 10 + name.charCodeAt(i) - 48;
  return n;
}

/**
 * How the packed writer (./packed.ts) names entities: by id word, each session's and client's
 * name sent once with the chunk (streams by their session and number); and, for the kinds
 * still packed from built events, the id word of a name.
 */
export class PackedNames {
  private readonly sessions = new Map<string, number>();
  private readonly streamAliases = new Map<string, number>();
  private readonly clients = new Map<string, number>();
  /** The stream the event being packed names, known by its object (see streamAlias). */
  private named: Stream | null = null;

  constructor(private readonly enc: PackedEncoder) {}

  /** A session opens: it (and its client, the first time) is named; returns its id word. */
  opened(sess: Session): number {
    const session = sessionId(sess);
    this.sessions.set(sess.id, session);
    this.enc.name(session, sess.id);
    if (!this.clients.has(sess.client.name)) {
      const client = clientId(sess);
      this.clients.set(sess.client.name, client);
      this.enc.name(client, sess.client.name);
    }
    return session;
  }

  /** A holder's id word: a session (seed, modern) or a stream (parent), `st` known by its number. */
  holder(name: string, st: Stream | null): number {
    this.named = st;
    const id = this.sessions.get(name) ?? this.streamAlias(name);
    this.named = null;
    return id;
  }

  /** The id word of an entity a built event names. */
  readonly idOf = (field: FieldName, name: string): number => {
    switch (field) {
      case 'conn':
      case 'otherConn':
        return (ENTITY.conn << CLASS_SHIFT) | numberIn(name);
      case 'request':
        return (ENTITY.request << CLASS_SHIFT) | numberIn(name);
      case 'session':
        return this.known(this.sessions, name);
      case 'stream':
        return this.streamAlias(name);
      case 'client':
        return this.known(this.clients, name);
      default:
        return this.holder(name, null);
    }
  };

  /**
   * A stream named by a built event (rare: streams are many, and the frequent kinds give their
   * number). It gets a number of its own, above those of the engine, named with the chunk: the
   * page knows entities by name, so two numbers for one stream name the same stream.
   */
  private streamAlias(name: string): number {
    // The stream of the event being packed has the engine's number (named at its stream.open).
    if (this.named !== null && this.named.id === name) return streamId(this.named);
    let id = this.streamAliases.get(name);
    if (id === undefined) {
      id = (ENTITY.stream << CLASS_SHIFT) | (ALIAS_BASE + this.streamAliases.size);
      this.streamAliases.set(name, id);
      this.enc.name(id, name);
    }
    return id;
  }

  private known(map: Map<string, number>, name: string): number {
    const id = map.get(name);
    if (id === undefined) throw new Error(`packed trace: ${name} is named before it is created`);
    return id;
  }
}

/** Stream numbers from here on are aliases (see streamAlias); the engine's stay below. */
const ALIAS_BASE = 1 << 27;
