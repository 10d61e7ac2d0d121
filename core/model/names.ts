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
 * differs in more; 3.2 in a few more (docs/versions.md). In release order.
 */
export const MODERN_VERSIONS = ['2.6', '2.8', '3.0', '3.2', '3.4'] as const;
export type ModernVersion = (typeof MODERN_VERSIONS)[number];

/** The run follows `version` or a later release (absent: 2.6). */
export function since(v: ModernVersion | undefined, version: ModernVersion): boolean {
  return MODERN_VERSIONS.indexOf(v ?? '2.6') >= MODERN_VERSIONS.indexOf(version);
}

export const REUSE_MODES = ['never', 'safe', 'aggressive', 'always'] as const;
export type ReuseMode = (typeof REUSE_MODES)[number];
