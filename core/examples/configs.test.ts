import { describe, expect, it } from 'vitest';
import { CONFIG_EXAMPLES } from './configs';
import { EXAMPLES, findExample } from './index';
import { LOAD_EXAMPLES } from './load';
import { runScenario } from '../run';

describe('configuration examples', () => {
  it('have unique ids, distinct from the other groups, and open by id', () => {
    const ids = CONFIG_EXAMPLES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect([...EXAMPLES, ...LOAD_EXAMPLES].some((e) => e.id === id)).toBe(false);
      expect(findExample(id)?.id).toBe(id);
    }
  });

  it.each(CONFIG_EXAMPLES.map((e) => [e.id, e] as const))('%s: title, two-line summary, no diagnostics', (_id, e) => {
    expect(e.text.split('\n', 1)[0]).toBe(`# Config — ${e.title}`);
    expect(e.summary.split('\n')).toHaveLength(2);
    expect(e.tags).toContain('config');
    expect(runScenario(e.text).diagnostics).toEqual([]);
  });

  it('show what their header says', () => {
    const cookie = runScenario(findExample('config-cookie-persistence')!.text);
    // After their first response, A and B stay on s1 and s2; C, whose cookie s3 deleted, is balanced again.
    const servers = cookie.trace.filter((e) => e.kind === 'assign').map((e) => `${e.request} ${e.server} ${e.decision}`);
    expect(servers.slice(3, 5)).toEqual(['r4 s1 U2', 'r5 s2 U2']);
    expect(servers[5]).toMatch(/^r6 s\d A2$/);
    expect(cookie.totals.reused).toBeGreaterThan(cookie.totals.opened);
    const retries = runScenario(findExample('config-connect-retries')!.text);
    expect(retries.trace.filter((e) => e.kind === 'request.done').map((e) => e.status)).toEqual([200, 200]);
    expect(retries.trace.some((e) => e.decision === 'C3')).toBe(true);
  });
});
