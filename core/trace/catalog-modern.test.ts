import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples';
import { runScenario } from '../run';
import { COMMITS, DECISIONS } from './catalog';
import { MODERN_28_SOURCES, MODERN_30_SOURCES, MODERN_32_SOURCES, MODERN_34_SOURCES, MODERN_SOURCES, sourceForEvent, type ReleaseCite } from './catalog-modern';
import type { DecisionId } from './decisions';

/** Every decision id the modern engine emits over the whole gallery, at one version. */
function emitted(version: '2.6' | '3.0'): { ids: Set<DecisionId>; commit: string } {
  const ids = new Set<DecisionId>();
  let commit = '';
  for (const ex of EXAMPLES) {
    const r = runScenario(ex.text, { engine: 'modern', version, maxEvents: 100_000, sink: (e) => ids.add(e.decision) });
    if (r.ok) commit = r.commit;
  }
  return { ids, commit };
}

describe('modern citations of shared decisions', () => {
  const at26 = emitted('2.6');
  const at30 = emitted('3.0');

  it('the gallery at modern emits shared seed ids (what this table is for)', () => {
    for (const id of ['A0', 'A2', 'C1', 'P3', 'T1', 'T3'] as DecisionId[]) expect(at26.ids.has(id), id).toBe(true);
  });

  it('every decision a modern 2.6 run emits links to v2.6.0', () => {
    expect(at26.commit).toBe('v2.6.0');
    for (const id of at26.ids) {
      if (id === 'W') continue;
      const src = sourceForEvent(id, 'modern', at26.commit);
      expect(src?.url, id).toContain(`/blob/${COMMITS.modern}/`);
      expect(src?.commit, id).toBe(COMMITS.modern);
      // Never the seed's place under a 2.6 label.
      if (DECISIONS[id].commit === COMMITS.seed) expect(MODERN_SOURCES[id], id).toBeDefined();
    }
  });

  it('a modern 3.0 run links to v3.0.0 where checked, else to v2.6.0 saying so', () => {
    expect(at30.commit).toBe('v3.0.0');
    for (const id of at30.ids) {
      if (id === 'W') continue;
      const src = sourceForEvent(id, 'modern', at30.commit)!;
      if (MODERN_30_SOURCES[id]) {
        expect(src.url, id).toContain(`/blob/${COMMITS.modern30}/`);
      } else {
        expect(src.url, id).toContain(`/blob/${COMMITS.modern}/`);
        expect(src.note, id).toMatch(/not at v3\.0\.0/);
      }
    }
  });

  it('a modern 2.8 run links C1 to v2.8.0 and its unchanged rules to v2.6.0 saying so', () => {
    expect(sourceForEvent('C1', 'modern', 'v2.8.0')?.url).toContain(`/blob/${COMMITS.modern28}/src/mux_h1.c#L1230-L1245`);
    const a2 = sourceForEvent('A2', 'modern', 'v2.8.0')!;
    expect(a2.url).toContain(`/blob/${COMMITS.modern}/`);
    expect(a2.note).toMatch(/not at v2\.8\.0/);
  });

  it('seed runs keep the seed places; a rule without a 2.6 place gets a note, not a link', () => {
    expect(sourceForEvent('A2', 'seed')?.url).toContain(`/blob/${COMMITS.seed}/src/backend.c#L606-L735`);
    expect(sourceForEvent('A2', 'modern', 'v2.6.0')?.url).toContain(`/blob/${COMMITS.modern}/src/backend.c#L681-L842`);
    const none = sourceForEvent('R4', 'modern', 'v2.6.0')!;
    expect(none.url).toBeNull();
    expect(none.note).toMatch(/not 2\.6 code/);
  });

  // The ranges were read in HAProxy's tree; check again that each lies in the function it names.
  const GIT = '/work/.mirror/haproxy+haproxy/repo';
  it.skipIf(!existsSync(GIT))('each cited range exists at its tag and lies in the named function', () => {
    const check = (tag: string, c: ReleaseCite, id: string) => {
      const lines = execFileSync('git', ['--git-dir', GIT, 'show', `${tag}:${c.file}`], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n');
      const ranges = c.line.split(', ').map((r) => r.split('-').map(Number));
      for (const [from, to = from] of ranges) expect(to!, `${id} ${c.line}`).toBeLessThanOrEqual(lines.length);
      const start = ranges[0]![0]!;
      // The last top-level line with a parenthesis before the range opens its function.
      let i = start - 1;
      while (i >= 0 && !/^[a-z].*\(/.test(lines[i]!)) i--;
      expect(lines[i], `${id} ${c.file}:${start}`).toMatch(new RegExp(`\\b${c.fn}\\(`));
    };
    for (const [id, c] of Object.entries(MODERN_SOURCES)) check('v2.6.0', c!, id);
    for (const [id, c] of Object.entries(MODERN_30_SOURCES)) check('v3.0.0', c!, id);
    for (const [id, c] of Object.entries(MODERN_28_SOURCES)) check('v2.8.0', c!, id);
    for (const [id, c] of Object.entries(MODERN_32_SOURCES)) check('v3.2.0', c!, id);
    for (const [id, c] of Object.entries(MODERN_34_SOURCES)) check('v3.4.0', c!, id);
  });

  it('a modern 3.4 run links to v3.4.0 where checked, else to v2.6.0 saying so', () => {
    expect(sourceForEvent('A2', 'modern', 'v3.4.0')?.url).toContain(`/blob/${COMMITS.modern34}/src/backend.c#L572-L618`);
    expect(sourceForEvent('A2', 'modern', 'v3.4.0')?.note).toMatch(/random/);
    expect(sourceForEvent('mD8', 'modern', 'v3.4.0')?.url).toContain(`/blob/${COMMITS.modern34}/include/haproxy/proxy.h#L157-L174`);
    const r5 = sourceForEvent('mR5', 'modern', 'v3.4.0')!;
    expect(r5.url).toContain(`/blob/${COMMITS.modern}/`);
    expect(r5.note).toMatch(/not at v3\.4\.0/);
  });

  it('a modern 3.2 run links to v3.2.0 where checked, else to v2.6.0 saying so', () => {
    expect(sourceForEvent('A2', 'modern', 'v3.2.0')?.url).toContain(`/blob/${COMMITS.modern32}/src/backend.c#L674-L838`);
    expect(sourceForEvent('A2', 'modern', 'v3.2.0')?.note).toMatch(/leastconn/);
    const r4 = sourceForEvent('mR5', 'modern', 'v3.2.0')!;
    expect(r4.url).toContain(`/blob/${COMMITS.modern}/`);
    expect(r4.note).toMatch(/not at v3\.2\.0/);
  });
});
