/**
 * HAProxy's own http-reuse regression tests (reg-tests/connection/*.vtc at v2.6.0),
 * rewritten as scenarios in core/test/reg-tests/ and checked on the modern engine.
 * Each test's receiver reports, for every request, whether it was the first on its
 * server connection (`http_first_request`) and which client opened that connection
 * (`client-id`); the expectations below are the tests' `expect` lines.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../index';

type Expect = [first: 0 | 1, opener: string | null];

const EXPECTED: Record<string, Expect[]> = {
  // c1: 1, 0 c1, 0 c1 · c2: 1 c2, 0 c2, 0 c2 · c3: likewise — nobody shares.
  http_reuse_never: [[1, 'c1'], [0, 'c1'], [0, 'c1'], [1, 'c2'], [0, 'c2'], [0, 'c2'], [1, 'c3'], [0, 'c3'], [0, 'c3']],
  // pool-max-conn 1: c2's and c3's own connections are refused by the pool, their next requests take c1's.
  http_reuse_safe: [[1, 'c1'], [0, 'c1'], [0, 'c1'], [1, 'c2'], [0, 'c1'], [0, 'c1'], [1, 'c3'], [0, 'c1'], [0, 'c1']],
  // c1: 1 · c2: 1, 0 · c3: 0 (the connection c2 reused is now safe).
  http_reuse_aggressive: [[1, null], [1, null], [0, null], [0, null]],
  // c1: 1 · c2: 0, 0 · c3: 0.
  http_reuse_always: [[1, null], [0, null], [0, null], [0, null]],
  http_reuse_dispatch: [[1, 'c1'], [0, 'c1'], [0, 'c1'], [1, 'c2'], [0, 'c2'], [0, 'c2'], [1, 'c3'], [0, 'c3'], [0, 'c3']],
  http_reuse_be_transparent: [[1, 'c1'], [0, 'c1'], [0, 'c1'], [1, 'c2'], [0, 'c2'], [0, 'c2'], [1, 'c3'], [0, 'c3'], [0, 'c3']],
};

describe('HAProxy http-reuse regression tests on the modern engine', () => {
  for (const [name, want] of Object.entries(EXPECTED)) {
    it(name, () => {
      const text = readFileSync(join(import.meta.dirname, 'reg-tests', `${name}.scenario`), 'utf8');
      expect(text).toMatch(new RegExp(`reg-tests/connection/${name}\\.vtc`));
      const res = runScenario(text);
      expect(res.engine).toBe('modern');
      expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const reqs = [...res.world.requests.values()];
      const got = reqs.map((r): Expect => {
        const c = res.world.conns.get(r.conn!)!;
        const opener = res.world.requests.get(c.requests[0]!)!.client;
        return [c.requests[0] === r.id ? 1 : 0, opener];
      });
      expect(got.map(([f, o], i) => [f, want[i]![1] === null ? null : o])).toEqual(want);
    });
  }
});
