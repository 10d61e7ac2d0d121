/** What an unwritten balance or abortonclose means per release (./release-defaults.ts), and `no option abortonclose`. */
import { describe, expect, it } from 'vitest';
import { checkScenario } from './compile';
import { parseScenario } from './parser';
import { printScenario } from './print';

const BE = (lines: string) => `backend be\n${lines}    server s1 192.0.2.10:80\n    server s2 192.0.2.11:80\n`;
const be = (engine: string, lines = '') => checkScenario(`engine ${engine}\n${BE(lines)}`).config.backends[0]!;

describe('release defaults (3.3 changed them; engine modern 3.4)', () => {
  it('no balance line: roundrobin up to 3.2, random from 3.4; a written balance stays', () => {
    expect(['modern', 'modern 3.2', 'modern 3.4'].map((e) => be(e).balance)).toEqual(['roundrobin', 'roundrobin', 'random']);
    expect(be('modern 3.4', '    balance roundrobin\n').balance).toBe('roundrobin');
    expect(be('seed').balance).toBe('roundrobin');
  });
  it('abortonclose: off unless written up to 3.2, on unless `no option abortonclose` from 3.4', () => {
    expect(['modern', 'modern 3.2', 'modern 3.4'].map((e) => be(e).abortOnClose)).toEqual([undefined, undefined, true]);
    expect(be('modern 3.4', '    no option abortonclose\n').abortOnClose).toBe(false);
    expect(be('modern', '    option abortonclose\n').abortOnClose).toBe(true);
    // A defaults' `no option` reaches the backends after it; a backend's own line wins.
    const t = checkScenario(`engine modern 3.4\ndefaults\n    no option abortonclose\n${BE('    option abortonclose\n')}backend other\n    server o1 192.0.2.12:80\n`).config.backends;
    expect(t.map((b) => b.abortOnClose)).toEqual([true, false]);
  });
  it('`no option abortonclose` is read (no warning), printed back, and other `no option` lines stay ignored', () => {
    const r = checkScenario(`engine modern 3.4\n${BE('    no option abortonclose\n    no option redispatch\n')}`);
    expect(r.diagnostics.filter((d) => d.line === 3)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.line === 4).map((d) => d.message)).toEqual(["'no option' is ignored by the simulation"]);
    expect(printScenario(parseScenario(BE('    no option abortonclose\n')).ast)).toContain('    no option abortonclose\n');
    expect(checkScenario(BE('    no option abortonclose extra\n')).diagnostics.some((d) => d.severity === 'error' && d.line === 2)).toBe(true);
  });
});
