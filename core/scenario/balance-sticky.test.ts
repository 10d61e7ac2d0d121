import { describe, expect, it } from 'vitest';
import { REFUSED_CODE } from './acceptance';
import { checkScenario } from './compile';

// `balance sticky` came with HAProxy 3.0 (9aea6df81): the modern engine runs it from `engine modern 3.0`
// on (../engines/lb-sticky.ts); 2.6 and 2.8 refuse it with backend_parse_balance's message, 1.9 too.
const text = (engine: string) => `engine ${engine}\nbackend be\n    balance sticky\n    server s1 192.0.2.10:80\n    server s2 192.0.2.11:80\n`;

describe('balance sticky', () => {
  it('is read at engine modern 3.0 and later, without a word', () => {
    for (const v of ['3.0', '3.2', '3.4']) {
      const r = checkScenario(text(`modern ${v}`));
      expect(r.diagnostics, v).toEqual([]);
      expect(r.config.backends[0]!.balance).toBe('sticky');
    }
  });

  it("is HAProxy 2.6's and 2.8's refusal on its line, and roundrobin", () => {
    for (const [engine, release] of [['modern', '2.6'], ['modern 2.8', '2.8']] as const) {
      const r = checkScenario(text(engine));
      const d = r.diagnostics.find((x) => x.code === REFUSED_CODE)!;
      expect(d.line).toBe(3);
      expect(d.message).toMatch(new RegExp(`^HAProxy ${release} refuses 'balance sticky': balance only supports 'roundrobin'.*'rdp-cookie\\(name\\)' options \\(sticky came with 3\\.0\\); ignored by the simulation`));
      expect(r.config.backends[0]!.balance).toBe('roundrobin');
    }
  });

  it('is refused by 1.9 at seed and parent (a warning), and roundrobin', () => {
    for (const engine of ['seed', 'parent']) {
      const r = checkScenario(text(engine));
      expect(r.diagnostics.map((d) => d.message)).toEqual(['HAProxy at this commit (1.9) has no `balance sticky` and refuses it; the simulation uses roundrobin']);
      expect(r.config.backends[0]!.balance).toBe('roundrobin');
    }
  });
});
