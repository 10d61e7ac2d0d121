import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples';
import { runScenario } from '../run';
import { COMMITS, DECISIONS } from './catalog';
import { explainForEvent, sourceForEvent } from './catalog-modern';
import { PARENT_SOURCES } from './catalog-parent';
import { SEED_DECISIONS, type DecisionId } from './decisions';

/** The seed's ids a run of `engine` emits over the whole gallery. */
function sharedEmitted(engine: 'parent' | 'modern'): DecisionId[] {
  const ids = new Set<DecisionId>();
  for (const ex of EXAMPLES) runScenario(ex.text.replace(/^\s*engine\b.*$/m, ''), { engine, maxEvents: 100_000, sink: (e) => ids.add(e.decision) });
  return SEED_DECISIONS.filter((id) => ids.has(id));
}

describe('shared decisions in a parent run', () => {
  const atParent = sharedEmitted('parent');

  it('the gallery at parent emits shared seed ids, and each links to 131fd89d5', () => {
    for (const id of ['A0', 'A2', 'C1', 'L2', 'N1', 'T1', 'T2', 'T3'] as DecisionId[]) expect(atParent, id).toContain(id);
    for (const id of atParent) {
      expect(PARENT_SOURCES[id], id).toBeDefined();
      const src = sourceForEvent(id, 'parent')!;
      expect(src.commit, id).toBe(COMMITS.parent);
      expect(src.url, id).toContain(`/blob/${COMMITS.parent}/${PARENT_SOURCES[id]!.file}#L`);
    }
  });

  it('where the seed commit moved the code, the parent cites its own lines', () => {
    expect(sourceForEvent('C2', 'seed')?.url).toContain(`/blob/${COMMITS.seed}/src/proto_http.c#L5106-L5113`);
    expect(sourceForEvent('C2', 'parent')?.url).toContain(`/blob/${COMMITS.parent}/src/proto_http.c#L5107-L5114`);
    expect(sourceForEvent('P1', 'parent')?.url).toContain(`/blob/${COMMITS.parent}/src/backend.c#L1199-L1204`);
    // A parent decision keeps its own place; a seed-only rule gets a note, not the seed's line under the parent's label.
    expect(sourceForEvent('pD5', 'parent')?.url).toContain(`/blob/${COMMITS.parent}/src/stream.c#L430`);
    const none = sourceForEvent('S1', 'parent')!;
    expect(none.url).toBeNull();
    expect(none.note).toMatch(/another commit's code/);
  });

  it('explanations follow the engine: no parent or modern run is told about "the seed" for a shared rule', () => {
    const atModern = sharedEmitted('modern');
    for (const [engine, ids] of [['parent', atParent], ['modern', atModern]] as const) {
      for (const id of ids) expect(explainForEvent(id, engine), `${id} at ${engine}`).not.toMatch(/\bseed\b/i);
    }
    expect(explainForEvent('T2', 'seed')).toBe(DECISIONS.T2.explain);
    expect(explainForEvent('T2', 'parent')).toMatch(/destroyed with it/);
    // 2.6's h2 streams are never first (SE_FL_NOT_FIRST); the seed's are always first.
    expect(explainForEvent('T1', 'seed')).toMatch(/counts as a first request/);
    expect(explainForEvent('T1', 'modern')).toMatch(/counts as a subsequent one/);
    expect(explainForEvent('mR4a', 'modern')).toBe(DECISIONS.mR4a.explain);
  });

  // Read at both commits: the parent's lines hold the same code as the seed's (L2, L3, F1: the same rule, written otherwise).
  const GIT = '/work/.mirror/haproxy+haproxy/repo';
  it.skipIf(!existsSync(GIT))("each parent range holds the seed's code for that rule, at 131fd89d5", () => {
    const files = new Map<string, string[]>();
    const read = (commit: string, file: string) => {
      const k = `${commit}:${file}`;
      if (!files.has(k)) files.set(k, execFileSync('git', ['--git-dir', GIT, 'show', k], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n'));
      return files.get(k)!;
    };
    const text = (commit: string, file: string, line: string) =>
      line.split(', ').map((r) => {
        const [a, b = a] = r.split('-').map(Number);
        return read(commit, file).slice(a! - 1, b).join('\n');
      });
    for (const [id, p] of Object.entries(PARENT_SOURCES) as [DecisionId, NonNullable<(typeof PARENT_SOURCES)[DecisionId]>][]) {
      const at = text(COMMITS.parent, p.file, p.line);
      if (id === 'L2' || id === 'L3') expect(at[0], id).toMatch(/if \(srv_conn && LIST_ISEMPTY\(&srv_conn->list\)\)/);
      else if (id === 'F1') expect(at[0], id).toMatch(/SF_SRV_REUSED/s);
      else expect(at, id).toEqual(text(COMMITS.seed, DECISIONS[id].file, DECISIONS[id].line));
    }
  });
});
