/** The shape of a keyword's entry: read by the keyword tables of every version and by the editor. */
export type KeywordContext =
  /** A line's first word outside sections: section headers and `engine`. */
  | 'section'
  /** A directive in `global`. */
  | 'global'
  /** A directive in `defaults`, `backend`, `listen` or `frontend`. */
  | 'proxy'
  /** The word after `option`. */
  | 'option'
  /** The word after `timeout`. */
  | 'timeout'
  /** An option of a `server` line. */
  | 'server-option'
  /** A property in the `servers` section. */
  | 'servers'
  /** A word of the `script` section. */
  | 'script'
  /** A name after `engine`. */
  | 'engine';

export interface KeywordInfo {
  readonly name: string;
  readonly context: KeywordContext;
  /**
   * True: the simulation reads it (where only some forms are read, the doc says which).
   * False: a real HAProxy keyword the simulation ignores (with a warning).
   */
  readonly modelled: boolean;
  /** One or two sentences for hover. */
  readonly doc: string;
  /** Syntax line for hover and completion detail. */
  readonly syntax?: string;
  /** Values to offer after the keyword. */
  readonly values?: readonly string[];
  /** Server options: how many value words follow the option (they are consumed with it). */
  readonly args?: number;
}
