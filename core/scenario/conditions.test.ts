/**
 * HAProxy's conditional blocks and messages (`.if`/`.elif`/`.else`/`.endif`, `.notice`/`.warning`/`.alert`),
 * read as the engine's release would: HAProxy 3.4.0's own examples (examples/*.cfg at v3.4.0) use them.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario } from './index';

const blocks = (engine: string) => [
  `engine ${engine}`,
  '.if version_atleast(3.2)',
  'defaults', '    mode http',
  '.elif version_atleast(2.8)',
  'defaults', '    mode tcp',
  '.else',
  '.alert "too old"',
  '.endif',
  'backend be', '    server s1 192.0.2.1:80',
  '.if !defined(FOO) && (streq(a,a) || 0)',
  '.warning "no FOO"',
  '.endif',
  '',
].join('\n');

describe('conditional blocks', () => {
  it('the branch the release takes is read, the others are not', () => {
    const at32 = checkScenario(blocks('modern 3.2'));
    expect(at32.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(at32.config.backends[0]!.tcp).toBeUndefined();
    const at30 = checkScenario(blocks('modern 3.0'));
    expect(at30.config.backends[0]!.tcp).toBe(true);
  });
  it('.alert in a branch taken is an error, .warning a warning; in a branch not taken, nothing', () => {
    const at26 = checkScenario(blocks('modern'));
    expect(at26.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.line, d.message])).toEqual([[9, 'HAProxy would refuse to start here (.alert): "too old"; expected this branch not taken, or the line removed']]);
    for (const engine of ['modern', 'modern 3.4']) {
      expect(checkScenario(blocks(engine)).diagnostics.some((d) => d.line === 14 && d.message.includes('HAProxy would print this warning'))).toBe(true);
    }
  });
  it('1.9 had none of it (a warning), and an unbalanced block is an error', () => {
    expect(checkScenario(blocks('seed')).diagnostics.some((d) => d.code === 'refused-by-haproxy' && d.line === 2)).toBe(true);
    const open = checkScenario('.if 1\nbackend be\n    server s1 192.0.2.1:80\n');
    expect(open.diagnostics.map((d) => d.code)).toContain('misplaced-conditional');
    const errors = (t: string) => checkScenario(t).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    expect(errors('.endif\n')).toEqual([expect.stringContaining("'.endif' without a '.if'")]);
    expect(errors('.if bogus(1)\n.endif\n')).toEqual([expect.stringContaining("unknown predicate 'bogus'")]);
  });
  it("a dropped branch's keywords are not refused (they are not read): HAProxy 3.4.0's examples/traces.cfg at 3.0", () => {
    const text = '.if version_atleast(3.1-dev8)\ntraces\n    trace all sink stderr level developer\n.endif\n';
    const refused = (engine: string) => checkScenario(`engine ${engine}\n${text}`).diagnostics.filter((d) => d.code === 'refused-by-haproxy');
    expect(refused('modern 3.0')).toEqual([]);
    expect(refused('modern 3.4')).toEqual([]);
  });
});
