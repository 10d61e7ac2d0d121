import { describe, expect, it } from 'vitest';
import { followScrollTop } from './follow';

const at = (top: number, scrollTop: number, rows = 1) => followScrollTop({ top, bottom: top + rows * 21, scrollTop, height: 430, lineHeight: 21 });

describe('following the playhead in the editor', () => {
  it('does not move for a line in view', () => {
    expect(at(300, 0)).toBe(0);
    expect(at(500, 200)).toBe(200);
  });
  it('goes back to the top when the line fits on the first screen (the title stays visible)', () => {
    expect(at(50, 200)).toBe(0);
    expect(at(380, 100)).toBe(100); // in view: stays
    expect(at(250, 300)).toBe(0);
  });
  it('scrolls just enough for a line below, keeping a line of context', () => {
    expect(at(600, 0)).toBe(600 + 21 + 21 - 430);
  });
  it('scrolls just enough for a line above', () => {
    expect(at(800, 1000)).toBe(800 - 21);
  });
  it('shows the top of a line taller than the editor', () => {
    expect(at(600, 0, 30)).toBe(600 - 21);
  });
});
