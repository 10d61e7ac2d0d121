import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRoute, routeHash } from './route';

describe('fragment routes', () => {
  it('recognises the documented forms', () => {
    expect(parseRoute('')).toEqual({ kind: 'none' });
    expect(parseRoute('#')).toEqual({ kind: 'none' });
    expect(parseRoute('#example/sc02')).toEqual({ kind: 'example', id: 'sc02' });
    expect(parseRoute('#example/SC07/')).toEqual({ kind: 'example', id: 'sc07' });
    expect(parseRoute('#lesson/why-7c6f8b146')).toEqual({ kind: 'lesson', id: 'why-7c6f8b146', step: 1 });
    expect(parseRoute('#lesson/modes/3')).toEqual({ kind: 'lesson', id: 'modes', step: 3 });
    expect(parseRoute('#lesson/modes/0')).toEqual({ kind: 'lesson', id: 'modes', step: 1 });
    expect(parseRoute('#compare/parent')).toEqual({ kind: 'compare', engine: 'parent' });
    expect(parseRoute('#s=1.d.abc')).toEqual({ kind: 'share', fragment: 's=1.d.abc' });
  });

  it('anything else is unknown, never an exception', () => {
    for (const h of ['#compare/nginx', '#example/<script>', '#example', '#lesson/a/b/c', '#%E0%A4%A', '#top']) {
      expect(parseRoute(h).kind).toBe('unknown');
    }
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => void parseRoute(s)));
  });

  it('routeHash is the inverse of parseRoute', () => {
    for (const h of ['#example/sc02', '#lesson/modes/2', '#compare/seed', '#s=1.d.x']) expect(routeHash(parseRoute(h))).toBe(h);
  });
});
