import type { ConnStatus } from '../../../core';

/**
 * The top row of a connection box: its id at the left, its state at the right. Both are given
 * an explicit width (SVG `textLength`), so they never meet whatever the font or the zoom: the
 * widths below are those of the widest fonts the page falls back to (DejaVu Sans and Sans
 * Mono, measured in Chromium); a state that would not fit is squeezed a little, or shortened.
 */

/** Advance of the id's bold 14 px monospace glyph (0.6 em, with a margin). */
const ID_CHAR = 8.5;
/** Widths of the states in 600 11 px capitals with 0.04 em spacing (DejaVu Sans: connecting is 85.6 px). */
const STATE_WIDTH: Record<ConnStatus, number> = { connecting: 86, busy: 35, idle: 30, orphan: 56, doomed: 58, closed: 52 };
const SHORT: Partial<Record<ConnStatus, { text: string; width: number }>> = {
  connecting: { text: 'conn…', width: 45 },
  orphan: { text: 'orph.', width: 44 },
  doomed: { text: 'doom.', width: 46 },
};
/** The id never takes more than this (a five-digit id is squeezed to it). */
const ID_MAX = 44;
/** Space kept between the two. */
const GAP = 6;
/** Squeezing a word below this share of its width makes it hard to read: the short form is used. */
const MIN_SQUEEZE = 0.78;

export interface ConnTopRow {
  readonly idWidth: number;
  /** Set when the id is squeezed. */
  readonly idLength?: number;
  readonly state: string;
  /** Set when the state is squeezed (its drawn width then is exactly this). */
  readonly stateLength?: number;
  /** The full state, when `state` is its short form (for the tooltip). */
  readonly full?: string;
}

/** `left`: where the id starts; `right`: where the state ends (it is drawn right-aligned). */
export function connTopRow(id: string, status: ConnStatus, left: number, right: number): ConnTopRow {
  const natural = id.length * ID_CHAR;
  const idWidth = Math.min(natural, ID_MAX);
  const room = right - (left + idWidth + GAP);
  let state: string = status;
  let width = STATE_WIDTH[status];
  let full: string | undefined;
  const short = SHORT[status];
  if (width * MIN_SQUEEZE > room && short) {
    state = short.text;
    width = short.width;
    full = status;
  }
  return {
    idWidth,
    idLength: natural > ID_MAX ? ID_MAX : undefined,
    state,
    stateLength: width > room ? Math.max(0, room) : undefined,
    full,
  };
}
