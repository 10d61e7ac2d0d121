import { describe, expect, it } from 'vitest';
import { withAlpha } from './colours';

describe('withAlpha', () => {
  it('turns the theme colour forms into rgba at the given opacity', () => {
    expect(withAlpha('#2f6fd0', 0.14)).toBe('rgba(47, 111, 208, 0.14)');
    expect(withAlpha('#fff', 0.5)).toBe('rgba(255, 255, 255, 0.5)');
    expect(withAlpha(' rgb(10, 20, 30) ', 0.2)).toBe('rgba(10, 20, 30, 0.2)');
  });
  it('gives nothing for a form it cannot read (the line is then drawn without a fill)', () => {
    expect(withAlpha('oklch(0.6 0.1 250)', 0.2)).toBeUndefined();
    expect(withAlpha('var(--c-busy)', 0.2)).toBeUndefined();
  });
});
