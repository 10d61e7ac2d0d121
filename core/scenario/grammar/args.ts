/**
 * What the words after a keyword are, one kind per position, for the editor to offer the right
 * things there (values, durations, server options …). The last kind repeats when it is a list
 * (`server-options`, `source-options`, `open-options`, `condition`). Pure data.
 */
export type ArgKind =
  /** One of the entry's values (or, after option/timeout, one of its modelled words). */
  | 'value'
  | 'duration'
  | 'count'
  /** A new name (a server, an ACL, a client being opened). */
  | 'name'
  | 'address'
  | 'backend'
  | 'client'
  | 'protocol'
  | 'server-options'
  | 'source-options'
  | 'open-options'
  | 'condition';

const LISTS: ReadonlySet<ArgKind> = new Set(['server-options', 'source-options', 'open-options', 'condition']);

/** The kind of the word at `index` (0 = the first word after the keyword), or null past the end. */
export function argAt(args: readonly ArgKind[], index: number): ArgKind | null {
  if (index < args.length) return args[index]!;
  const last = args[args.length - 1];
  return last !== undefined && LISTS.has(last) ? last : null;
}
