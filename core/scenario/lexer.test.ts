import { describe, expect, it } from 'vitest';
import { formatDuration, lexLines, parseCount, parseDuration } from './lexer';
import { lineIndex, positionAt } from './positions';
import { editDistance, suggest } from './suggest';
import type { RawDiagnostic } from './positions';

describe('durations', () => {
  it('reads every unit, bare numbers as milliseconds, into microseconds', () => {
    expect(parseDuration('10s')).toBe(10_000_000);
    expect(parseDuration('250ms')).toBe(250_000);
    expect(parseDuration('2m')).toBe(120_000_000);
    expect(parseDuration('1h')).toBe(3_600_000_000);
    expect(parseDuration('1d')).toBe(86_400_000_000);
    expect(parseDuration('500us')).toBe(500);
    expect(parseDuration('250')).toBe(250_000);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('1.5s')).toBe(1_500_000);
  });
  it('rejects what is not a duration', () => {
    for (const t of ['', '10x', 's', '-1s', '1.s', '.5s', '1,5s', '10 s', '1.0001ms', '0.5us', '1e3', '99999999999999999'])
      expect(parseDuration(t), t).toBeNull();
    expect(parseDuration('25d')).toBeNull(); // above HAProxy's 2^31-1 ms
  });
  it('prints in the largest exact unit, and reads back the same value', () => {
    expect(formatDuration(250_000)).toBe('250ms');
    expect(formatDuration(10_000_000)).toBe('10s');
    expect(formatDuration(120_000_000)).toBe('2m');
    expect(formatDuration(7_200_000_000)).toBe('2h');
    expect(formatDuration(1_500)).toBe('1500us');
    expect(formatDuration(0)).toBe('0ms');
    for (const us of [1, 999, 1000, 1001, 59_000_000, 61_000_000, 86_400_000_000]) expect(parseDuration(formatDuration(us))).toBe(us);
  });
  it('counts are plain digits', () => {
    expect(parseCount('42')).toBe(42);
    expect(parseCount('4.2')).toBeNull();
    expect(parseCount('+4')).toBeNull();
  });
});

describe('lexer', () => {
  const lex = (text: string) => {
    const ds: RawDiagnostic[] = [];
    return { lines: lexLines(text, (d) => ds.push(d)).map((l) => l.words.map((w) => w.text)), ds };
  };
  it('splits words on blanks, drops comments and blank lines, handles CRLF and lone CR', () => {
    expect(lex('  a b\t c # comment\r\n\n# only comment\rd#e f').lines).toEqual([['a', 'b', 'c'], ['d#e', 'f']]);
  });
  it('keeps quoted words whole, quotes included, and reports an unterminated quote', () => {
    expect(lex('log-format "%ci [%t] #x" x').lines).toEqual([['log-format', '"%ci [%t] #x"', 'x']]);
    expect(lex("a 'b c' d\\ e").lines).toEqual([['a', "'b c'", 'd\\ e']]);
    const bad = lex('x "abc\ny');
    expect(bad.lines).toEqual([['x', '"abc'], ['y']]);
    expect(bad.ds).toHaveLength(1);
    expect(bad.ds[0]).toMatchObject({ code: 'unterminated-quote', span: { from: 2, to: 6 } });
  });
  it('word spans point at the text', () => {
    const text = 'ab  cd\n  ef';
    const words = lexLines(text, () => {}).flatMap((l) => l.words);
    for (const w of words) expect(text.slice(w.span.from, w.span.to)).toBe(w.text);
  });
});

describe('positions', () => {
  it('gives 1-based lines and columns, end of text included', () => {
    const idx = lineIndex('ab\r\ncd\ref\n');
    expect(positionAt(idx, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(idx, 2)).toEqual({ line: 1, column: 3 });
    expect(positionAt(idx, 4)).toEqual({ line: 2, column: 1 });
    expect(positionAt(idx, 7)).toEqual({ line: 3, column: 1 });
    expect(positionAt(idx, 10)).toEqual({ line: 4, column: 1 });
    expect(positionAt(idx, 99)).toEqual({ line: 4, column: 1 });
  });
});

describe('did you mean', () => {
  it('counts a swapped pair as one edit', () => {
    expect(editDistance('http-resue', 'http-reuse')).toBe(1);
    expect(editDistance('opne', 'open')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests close words only', () => {
    expect(suggest('http-resue', ['http-request', 'http-reuse'])).toBe('http-reuse');
    expect(suggest('respons-time', ['response-time', 'connect-time'])).toBe('response-time');
    expect(suggest('HTTP-REUSE', ['http-reuse'])).toBe('http-reuse');
    expect(suggest('xyz', ['http-reuse'])).toBeUndefined();
    expect(suggest('A', ['B'])).toBeUndefined();
  });
});
