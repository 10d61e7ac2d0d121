import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../core';
import { allTags, filterExamples } from './filter';

describe('gallery filter', () => {
  it('lists every tag once, and no tag filter keeps every example in order (SC02 first)', () => {
    const tags = allTags(EXAMPLES);
    expect(new Set(tags).size).toBe(tags.length);
    expect(tags).toContain('h2');
    const all = filterExamples(EXAMPLES, []);
    expect(all).toHaveLength(20);
    expect(all[0].id).toBe('sc02');
  });

  it('keeps the examples carrying every chosen tag', () => {
    const orphan = filterExamples(EXAMPLES, ['orphan']);
    expect(orphan.length).toBeGreaterThan(1);
    for (const ex of orphan) expect(ex.tags).toContain('orphan');
    const both = filterExamples(EXAMPLES, ['orphan', 'ntlm']).map((e) => e.id);
    expect(both).toEqual(['sc08']);
  });

  it('filters by text too', () => {
    expect(filterExamples(EXAMPLES, [], 'SWAP').map((e) => e.id)).toContain('sc07');
    expect(filterExamples(EXAMPLES, [], 'no such thing')).toEqual([]);
  });
});
