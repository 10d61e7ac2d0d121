import { describe, expect, it } from 'vitest';
import { LOAD_EXAMPLES } from './load';
import { EXAMPLES } from './index';
import { checkScenario } from '../scenario/index';

describe('load examples', () => {
  it('have unique ids, distinct from the teaching examples', () => {
    const ids = LOAD_EXAMPLES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(EXAMPLES.some((e) => e.id === id)).toBe(false);
  });

  it.each(LOAD_EXAMPLES.map((e) => [e.id, e] as const))('%s: title, two-line summary, no diagnostics, a group', (_id, e) => {
    expect(e.text.split('\n', 1)[0]).toBe(`# Load — ${e.title}`);
    expect(e.summary.split('\n')).toHaveLength(2);
    expect(e.tags).toContain('load');
    expect(checkScenario(e.text).diagnostics).toEqual([]);
    expect(e.text).toMatch(/open web\[1\.\.\d+\]/);
  });
});
