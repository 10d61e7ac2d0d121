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

/**
 * The HAProxy releases the modern engine follows (`engine modern 3.0`): 2.6 (the default); 2.8
 * differs in one rule (the frontend's httpclose closes the client side only); 3.0 keeps that and
 * differs in more (docs/versions.md).
 */
export const MODERN_VERSIONS = ['2.6', '2.8', '3.0'] as const;
export type ModernVersion = (typeof MODERN_VERSIONS)[number];

export const REUSE_MODES = ['never', 'safe', 'aggressive', 'always'] as const;
export type ReuseMode = (typeof REUSE_MODES)[number];
