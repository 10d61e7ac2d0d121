/**
 * The editor completes and documents exactly what core's grammar tables define: every modelled
 * keyword is offered where the table says it may appear, and hovering it shows its table doc.
 */
import { describe, expect, it } from 'vitest';
import { DIRECTIVE_LIST, keywordInfo, keywordOf, keywordsIn, VOCABULARY } from '../../core';
import { suggestAt, wordContextAt } from './completion';
import { keywordDoc } from './scenarioLanguage';
import { KEYWORDS, VALUE_WORDS } from './vocabulary';

const SCENARIO = `global
    
defaults
    
backend app
    
    option 
    timeout 
    server s1 192.0.2.10:80 
servers
    s1 
script
    open A h1
    
    A GET /x 
    open B h1 
    s1 close 
`;
const lines = SCENARIO.split('\n');
/** 1-based line of the n-th line that starts with `prefix` (after the indent), and the column after it. */
function at(prefix: string, nth = 0): [number, number] {
  const i = lines.map((l, k) => [l, k] as const).filter(([l]) => l === `    ${prefix}`)[nth]![1];
  return [i + 1, lines[i]!.length + 1];
}
const labels = (pos: [number, number]) => suggestAt(SCENARIO, pos[0], pos[1]).map((s) => s.label);
function at2(t: string, prefix: string): [number, number] {
  const ls = t.split('\n');
  const i = ls.findIndex((l) => l === `    ${prefix}`);
  return [i + 1, ls[i]!.length + 1];
}
const labels2 = (t: string, pos: [number, number]) => suggestAt(t, pos[0], pos[1]).map((s) => s.label);

describe('completion reads the grammar', () => {
  it('offers every modelled global and proxy directive at the start of a line of its section', () => {
    const global = labels(at('', 0));
    const proxy = labels(at('', 2));
    for (const d of DIRECTIVE_LIST) expect(d.context === 'global' ? global : proxy, d.name).toContain(keywordOf(d));
    expect(proxy).not.toContain('tune.h2.max-concurrent-streams');
  });
  it('offers every modelled option, timeout, server option, property, statement and request option', () => {
    const modelled = (ctx: Parameters<typeof keywordsIn>[0]) => keywordsIn(ctx).filter((k) => k.modelled).map((k) => k.name);
    expect(labels(at('option '))).toEqual(expect.arrayContaining(modelled('option')));
    expect(labels(at('timeout '))).toEqual(expect.arrayContaining(modelled('timeout')));
    expect(labels(at('server s1 192.0.2.10:80 '))).toEqual(expect.arrayContaining(modelled('server-option')));
    expect(labels(at('s1 '))).toEqual(expect.arrayContaining(modelled('servers')));
    expect(labels(at('', 3))).toEqual(expect.arrayContaining([...VOCABULARY.statements]));
    expect(labels(at('A GET /x '))).toEqual(expect.arrayContaining([...VOCABULARY.requestOptions]));
    expect(labels(at('open B h1 '))).toEqual(VOCABULARY.openOptions);
    expect(labels(at('s1 close '))).toEqual(VOCABULARY.serverClose);
  });
  it('offers each directive\'s values from its table entry', () => {
    // (Where the values come first; after a name, as in `cookie NAME insert`, the next test checks them.)
    for (const d of DIRECTIVE_LIST.filter((x) => x.values && !x.sub && x.args[0] === 'value')) {
      const t = `backend app\n    ${d.name} \n`;
      expect(suggestAt(t, 2, d.name.length + 6).map((s) => s.label), d.name).toEqual([...d.values!]);
    }
  });
  it('offers after each directive what its table args say comes there', () => {
    for (const d of DIRECTIVE_LIST) {
      d.args.forEach((kind, i) => {
        const sample: Record<string, string> = { value: d.values?.[0] ?? 'x', name: 'n', address: '192.0.2.1:80', backend: 'b', duration: '1s', count: '1' };
        const before = d.args.slice(0, i).map((k) => sample[k] ?? 'x');
        const line = `    ${[keywordOf(d), ...before].join(' ')} `;
        const t = `${d.context === 'global' ? 'global' : 'backend app'}\n${line}\n`;
        const got = suggestAt(t, 2, line.length + 1).map((x) => x.label);
        const where = `${line.trim()} ▮ (${kind})`;
        if (kind === 'value') expect(got, where).toEqual(expect.arrayContaining([...d.values!]));
        else if (kind === 'duration') expect(got, where).toContain('10ms');
        else if (kind === 'server-options') expect(got, where).toEqual(expect.arrayContaining([...VOCABULARY.serverOptions]));
        else if (kind === 'source-options') expect(got, where).toEqual(['usesrc']);
        else if (kind === 'count') expect(got, where).toContain('1');
        else expect(got, where).toEqual([]);
      });
    }
  });
  it('offers after each statement what its table args say comes there', () => {
    const t = `${SCENARIO}    open C \n    open C h2 \n    open C h2 from \n    wait \n    close \n    repeat \n    arrive \n`;
    const l = (prefix: string) => at2(t, prefix);
    expect(labels2(t, l('open C '))).toEqual([...VOCABULARY.protocols]);
    expect(labels2(t, l('open C h2 '))).toEqual([...VOCABULARY.openOptions]);
    expect(labels2(t, l('open C h2 from '))).toEqual([]);
    expect(labels2(t, l('wait '))).toContain('10ms');
    expect(labels2(t, l('close '))).toEqual(['A', 'B', 'C']);
    expect(labels2(t, l('repeat '))).toContain('3');
    expect(labels2(t, l('arrive '))).toEqual([]);
  });
  it('highlights every modelled keyword and value', () => {
    for (const d of DIRECTIVE_LIST) {
      expect(KEYWORDS).toContain(keywordOf(d));
      for (const v of d.values ?? []) expect(VALUE_WORDS).toContain(v);
    }
    for (const o of VOCABULARY.serverOptions) expect(KEYWORDS).toContain(o);
    for (const p of VOCABULARY.serverProps) expect(KEYWORDS).toContain(p);
  });
});

describe('hover reads the grammar', () => {
  it('shows the table doc of every modelled directive where it is written', () => {
    for (const d of DIRECTIVE_LIST) {
      const t = d.context === 'global' ? `global\n    ${keywordOf(d)} 1\n` : `backend app\n    ${keywordOf(d)} x\n`;
      const doc = keywordDoc(keywordOf(d), wordContextAt(t, 2, 5));
      expect(doc, d.name).toContain(d.doc);
      for (const e of d.sub?.entries ?? []) {
        const line = `backend app\n    ${d.name} ${e.name}\n`;
        expect(keywordDoc(e.name, wordContextAt(line, 2, d.name.length + 6)), e.name).toContain(e.doc);
      }
    }
  });
  it('shows the doc of server options, server properties and script words in their place', () => {
    for (const o of VOCABULARY.serverOptions) {
      const t = `backend app\n    server s1 192.0.2.10:80 ${o}\n`;
      expect(keywordDoc(o, wordContextAt(t, 2, 30)), o).toBe(`${keywordInfo('server-option', o)!.syntax ? `\`${keywordInfo('server-option', o)!.syntax}\`` : `\`${o}\``}\n\n${keywordInfo('server-option', o)!.doc}`);
    }
    for (const p of VOCABULARY.serverProps) expect(keywordDoc(p, wordContextAt(`servers\n    s1 ${p}\n`, 2, 8)), p).toContain(keywordInfo('servers', p)!.doc);
    for (const w of [...VOCABULARY.statements, ...VOCABULARY.openOptions]) expect(keywordDoc(w, wordContextAt(`script\n    ${w}\n`, 2, 5)), w).toContain(keywordInfo('script', w)!.doc);
  });
});
