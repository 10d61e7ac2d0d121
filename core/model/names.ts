/**
 * The few words every layer shares: a place in the scenario text, the engines and the
 * `http-reuse` modes. They live here, at the bottom, so the model and the trace need not
 * import the language front end (scenario/ast re-exports them).
 */

/** Offsets into the scenario text, `to` exclusive. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

export const ENGINE_NAMES = ['seed', 'parent', 'modern'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export const REUSE_MODES = ['never', 'safe', 'aggressive', 'always'] as const;
export type ReuseMode = (typeof REUSE_MODES)[number];
