import { describe, expect, it } from 'vitest';
import { commitLabel, COMMITS, DECISIONS, GAPS, sourceUrl } from './catalog';
import { MODERN_DECISIONS, PARENT_DECISIONS, ROUTING_DECISIONS, SEED_DECISIONS, WORLD_DECISIONS } from './decisions';
import type { DecisionId, Gap } from './decisions';

const ALL: DecisionId[] = [...SEED_DECISIONS, ...PARENT_DECISIONS, ...MODERN_DECISIONS, ...ROUTING_DECISIONS, ...WORLD_DECISIONS];

describe('decision catalogue', () => {
  it('uses full 40-hex commit hashes', () => {
    expect(COMMITS.seed).toMatch(/^7c6f8b146[0-9a-f]{31}$/);
    expect(COMMITS.parent).toMatch(/^131fd89d5[0-9a-f]{31}$/);
  });

  it('has exactly one complete entry per decision id', () => {
    expect(Object.keys(DECISIONS).sort()).toEqual([...ALL].sort());
    for (const id of ALL) {
      const d = DECISIONS[id];
      expect(d.id, id).toBe(id);
      expect(d.name.trim(), id).not.toBe('');
      expect(d.explain.trim().length, id).toBeGreaterThan(20);
      if (id === 'W') {
        expect(d.engine).toBe('world');
        continue;
      }
      expect(d.file, id).toMatch(/^(src|include)\/[\w/.]+\.[ch]$/);
      expect(d.line, id).toMatch(/^\d+(-\d+)?(, \d+(-\d+)?)*$/);
      expect(d.commit, id).toMatch(/^[0-9a-f]{40}$/);
      const routing = (ROUTING_DECISIONS as readonly string[]).includes(id);
      const engine = (PARENT_DECISIONS as readonly string[]).includes(id) ? 'parent' : (MODERN_DECISIONS as readonly string[]).includes(id) ? 'modern' : 'seed';
      expect(d.engine, id).toBe(routing ? 'routing' : engine);
      // Routing rules are cited at v2.6.0.
      expect(d.commit, id).toBe(COMMITS[routing ? 'modern' : engine]);
    }
  });

  it('builds GitHub links to the first source range', () => {
    expect(sourceUrl('R1')).toBe(`https://github.com/haproxy/haproxy/blob/${COMMITS.seed}/src/backend.c#L1067-L1071`);
    expect(sourceUrl('pD5')).toBe(`https://github.com/haproxy/haproxy/blob/${COMMITS.parent}/src/stream.c#L430`);
    expect(sourceUrl('mI1')).toBe(`https://github.com/haproxy/haproxy/blob/${COMMITS.modern}/src/server.c#L5814-L5876`);
    expect(sourceUrl('R4')).toBe(`https://github.com/haproxy/haproxy/blob/${COMMITS.seed}/src/backend.c#L1181-L1183`);
    expect(sourceUrl('D5')).toBe(
      `https://github.com/haproxy/haproxy/blob/${COMMITS.seed}/include/proto/connection.h#L666-L679`,
    );
    expect(sourceUrl('W')).toBeNull();
  });

  it('describes every flagged gap', () => {
    const gaps: Gap[] = ['G1', 'G2', 'G3', 'G4', 'G9'];
    expect(Object.keys(GAPS).sort()).toEqual([...gaps].sort());
    for (const g of gaps) {
      expect(GAPS[g].name.trim(), g).not.toBe('');
      expect(GAPS[g].explain.trim(), g).not.toBe('');
    }
  });

  it('names a commit by its release tag when it has one, else by 9 hex digits', () => {
    expect(commitLabel(COMMITS.modern)).toBe('v2.6.0');
    expect(commitLabel(COMMITS.seed)).toBe('7c6f8b146');
    expect(commitLabel(COMMITS.parent)).toBe('131fd89d5');
  });
});
