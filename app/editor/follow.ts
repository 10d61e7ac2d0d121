/**
 * Where the editor scrolls to follow the playhead's line. Monaco's "reveal in center" centres a
 * line it deems outside the viewport, which hid the scenario's first lines (its title) for a line
 * that was nearly in view. Here the scroll moves as little as possible: not at all when the
 * line is visible, back to the top when the line fits on the first screen, otherwise just far
 * enough to show it with a line of context.
 */
export function followScrollTop(p: {
  /** Top and bottom of the line (all its wrapped rows), in content pixels. */
  readonly top: number;
  readonly bottom: number;
  readonly scrollTop: number;
  readonly height: number;
  /** A row's height: the context kept beyond the line. */
  readonly lineHeight: number;
}): number {
  const { top, bottom, scrollTop, height, lineHeight } = p;
  if (top >= scrollTop && bottom <= scrollTop + height) return scrollTop;
  if (bottom + lineHeight <= height) return 0;
  if (top < scrollTop) return Math.max(0, top - lineHeight);
  return Math.max(0, Math.min(top - lineHeight, bottom + lineHeight - height));
}
