import { describe, expect, it } from 'vitest';
import { runScenario } from '../../core';
import { checkedMessage } from './checked';

const body = 'backend be\n    server s1 192.0.2.1:80\nscript\n    open A h1\n    A GET /\n';

describe("the worker's checked message", () => {
  it('names the release the run follows from the start (engine modern 2.8 is v2.8.0, not v2.6.0)', () => {
    const cases: [string, string][] = [
      ['', '7c6f8b146'],
      ['engine parent\n', '131fd89d5'],
      ['engine modern\n', 'v2.6.0'],
      ['engine modern 2.8\n', 'v2.8.0'],
      ['engine modern 3.0\n', 'v3.0.0'],
    ];
    for (const [line, commit] of cases) {
      const m = checkedMessage(1, line + body, undefined);
      expect(m.ok, line).toBe(true);
      expect(m.commit, line).toBe(commit);
      // What the finished run reports: the page's result keeps the checked message's commit (app/sim/ingest.ts).
      expect(m.commit, line).toBe(runScenario(line + body).commit);
    }
  });

  it('an engine override (compare) keeps the same rule as the run', () => {
    for (const engine of ['seed', 'parent', 'modern'] as const) {
      const text = `engine modern 3.0\n${body}`;
      expect(checkedMessage(2, text, engine).commit, engine).toBe(runScenario(text, { engine }).commit);
    }
  });

  it('a text with errors still says which engine it asked for', () => {
    const m = checkedMessage(3, `engine modern 2.8\nbackend be\n    server\n`, undefined);
    expect(m.ok).toBe(false);
    expect(m.commit).toBe('v2.8.0');
  });
});
