import { describe, expect, it } from 'vitest';
import { EXAMPLES, findExample } from './index';
import { checkScenario, parseScenario } from '../scenario/index';

const ids = EXAMPLES.map((e) => e.id);

describe('teaching scenarios', () => {
  it('lists SC02 first, then SC01 and SC03..SC20', () => {
    const rest = Array.from({ length: 18 }, (_, i) => `sc${String(i + 3).padStart(2, '0')}`);
    expect(ids).toEqual(['sc02', 'sc01', ...rest]);
    expect(findExample('sc10')?.id).toBe('sc10');
  });

  it.each(EXAMPLES.map((e) => [e.id, e] as const))('%s: header, title, summary, tags', (id, e) => {
    const lines = e.text.split('\n');
    expect(lines[0]).toBe(`# ${id.toUpperCase()} — ${e.title}`);
    expect(lines[1]).toMatch(/^# \S/);
    expect(e.title.trim()).not.toBe('');
    expect(e.summary.split('\n')).toHaveLength(2);
    expect(e.tags.length).toBeGreaterThan(0);
    expect(e.text).toMatch(/^backend be$/m);
    expect(e.text).toMatch(/^\s+server X 192\.0\.2\.10:80\b/m);
    expect(e.text).toMatch(/^\s+server Y 192\.0\.2\.11:80\b/m);
  });

  it('SC02 is the motivating case: seed, h2 client A, 3 requests to X, never, then close', () => {
    const sc02 = findExample('sc02')!.text;
    const statements = sc02
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(statements).toContain('engine seed');
    expect(statements).toContain('http-reuse never');
    const script = statements.slice(statements.indexOf('script') + 1);
    expect(script).toEqual(['open A h2', 'A GET /1 to X', 'A GET /3 to X', 'A GET /5 to X', 'close A']);
  });

  it.each(EXAMPLES.map((e) => [e.id, e] as const))('%s parses and compiles without errors', (id, e) => {
    const parsed = parseScenario(e.text);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // parse + whole-scenario checks (servers, clients, sections)
    const { diagnostics } = checkScenario(e.text);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([]);
    const warnings = diagnostics.filter((d) => d.severity === 'warning');
    if (id === 'sc20') {
      // `proto h2` is a real server option that parent and seed reject: a warning, nothing else.
      expect(warnings.length).toBeGreaterThan(0);
      for (const w of warnings) expect(e.text.slice(w.span.from, w.span.to)).toMatch(/proto|h2/);
    } else {
      expect(warnings.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([]);
    }
  });
});
