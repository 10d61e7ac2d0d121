import { describe, expect, it } from 'vitest';
import { REUSE_MODES } from './ast';
import { checkScenario, hoverText, KEYWORDS, keywordInfo, keywordsIn } from './index';

describe('keyword tables for the editor', () => {
  it('every keyword has hover text, and names are unique within a context', () => {
    const seen = new Set<string>();
    for (const k of KEYWORDS) {
      expect(k.doc.length, k.name).toBeGreaterThan(10);
      expect(hoverText(k)).toContain(k.doc);
      const key = `${k.context}:${k.name}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });
  it('unmodelled keywords say they are ignored; modelled ones offer their values', () => {
    expect(keywordInfo('proxy', 'log-tag')).toMatchObject({ modelled: false });
    expect(keywordInfo('proxy', 'log-tag')!.doc).toMatch(/ignored by the simulation/);
    expect(keywordInfo('proxy', 'fullconn')).toMatchObject({ modelled: true });
    expect(keywordInfo('proxy', 'http-reuse')).toMatchObject({ modelled: true, values: REUSE_MODES });
    expect(keywordInfo('server-option', 'inter')).toMatchObject({ modelled: true, args: 1 });
    expect(keywordInfo('server-option', 'agent-inter')).toMatchObject({ modelled: false, args: 1 });
    expect(keywordInfo('server-option', 'minconn')).toMatchObject({ modelled: true, args: 1 });
    expect(keywordInfo('server-option', 'maxconn')).toMatchObject({ modelled: true, args: 1 });
    expect(keywordInfo('server-option', 'weight')).toMatchObject({ modelled: true, args: 1 });
    expect(keywordInfo('servers', 'auth')!.values).toEqual(['ntlm', 'negotiate']);
    expect(keywordsIn('engine').map((k) => k.name)).toEqual(['seed', 'parent', 'modern']);
    expect(keywordsIn('script').map((k) => k.name)).toEqual(expect.arrayContaining(['open', 'close', 'wait', 'await', 'repeat']));
  });
  it('every unmodelled proxy, global and option keyword parses as a warning, not an error', () => {
    const lines = [
      'global',
      ...keywordsIn('global').filter((k) => !k.modelled).map((k) => `  ${k.name} x`),
      'backend be',
      ...keywordsIn('proxy').filter((k) => !k.modelled).map((k) => `  ${k.name} x`),
      ...keywordsIn('option').filter((k) => !k.modelled).map((k) => `  option ${k.name}`),
      ...keywordsIn('timeout').filter((k) => !k.modelled).map((k) => `  timeout ${k.name} 1s`),
      `  server s1 1.2.3.4:80 ${keywordsIn('server-option').filter((k) => !k.modelled).map((k) => (k.args ? `${k.name} v` : k.name)).join(' ')}`,
    ];
    const ds = checkScenario(lines.join('\n')).diagnostics;
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ds.length).toBeGreaterThan(200);
  });
});
